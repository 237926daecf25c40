import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot, startTestHost } from '../helpers/host';
import { collectPageErrors, useBrowserHarness } from './browserHarness';

const harness = useBrowserHarness();
const OAUTH_SERVER = join(projectRoot, 'tests', 'fixtures', 'mcp', 'oauthServer.mjs');

/** The SDK-built OAuth server on a free loopback port (stopped after the test). */
async function startOAuthServer(): Promise<string> {
  const child: ChildProcess = spawn(process.execPath, [OAUTH_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  harness.afterTest(async () => void child.kill('SIGKILL'));
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (text: string) => {
      output += text;
      const line = output.split('\n').find((candidate) => candidate.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`the OAuth server exited with ${code}`)));
  });
  return `http://127.0.0.1:${port}`;
}

describe('OAuth sign-in from the settings (browser host)', () => {
  it(
    'shows "Needs sign-in", offers the sign-in page as a link, and connects once the browser comes back',
    { timeout: 60_000 },
    async () => {
      const base = await startOAuthServer();
      const running = await startTestHost(harness.tempDir());
      harness.afterTest(() => running.close());
      await running.core.services.mcp.add(
        { transport: 'http', name: 'Guarded', url: `${base}/mcp`, headers: [] },
        { signal: new AbortController().signal, peerId: 'test', isCongested: () => false },
      );
      const errors: string[] = [];
      const page = await harness.browser.newPage({ viewport: { width: 1100, height: 800 } });
      page.setDefaultTimeout(20_000);
      collectPageErrors(page, errors);
      await page.goto(`${running.host.url}#/settings`);
      const card = page.getByRole('list', { name: 'MCP servers' }).getByRole('listitem', { name: 'Guarded' });
      await card.getByText('Needs sign-in').waitFor();
      await card.getByText(`${base}/mcp needs you to sign in.`, { exact: false }).waitFor();

      await card.getByRole('button', { name: 'Sign in' }).click();
      const link = card.getByRole('link', { name: 'Open the sign-in page' });
      await link.waitFor();
      expect(await link.getAttribute('href')).toMatch(new RegExp(`^${base}/authorize\\?`));
      if (process.env.NAVI_SCREENSHOTS)
        await card.screenshot({ path: join(projectRoot, 'test-results', 'mcp-sign-in.png') });

      // The person clicks the link: a new tab, the server's consent, the redirect back to Navi.
      const [tab] = await Promise.all([page.waitForEvent('popup'), link.click()]);
      await tab.getByRole('heading', { name: 'Signed in' }).waitFor();
      expect(await tab.innerText('body')).toContain('Navi is signed in to Guarded');

      await card.getByText('Connected · 1 tool').waitFor();
      await card.getByRole('button', { name: 'Sign out' }).waitFor();
      expect(errors).toEqual([]);
    },
  );
});
