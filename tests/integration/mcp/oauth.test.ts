import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../src/core/db/database';
import { createMcpRuntime } from '../../../src/core/mcp/mcpRuntime';
import { oauthSecretName } from '../../../src/core/mcp/oauth/oauthRecordStore';
import { systemClock } from '../../../src/core/ports';
import { createMemorySecrets } from '../../../src/core/secrets/memorySecrets';
import { ToolRegistry } from '../../../src/core/tools/toolRegistry';
import type { McpServerStatus } from '../../../src/shared/contract/mcp';
import { quietLogger } from '../../helpers/host';
import { useTempDirs } from '../../helpers/tempDir';
import { callContext, fixture, useMcpHarness } from './harness';

const harness = useMcpHarness();
const tempDir = useTempDirs();
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** The OAuth-protected MCP server (the SDK's auth router and demo provider) on a free loopback port. */
async function startOAuthServer(): Promise<{ base: string; stats(): Promise<Record<string, number>> }> {
  const child = spawn(process.execPath, [fixture('oauthServer.mjs')], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
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
  const base = `http://127.0.0.1:${port}`;
  return { base, stats: async () => (await (await fetch(`${base}/test/stats`)).json()) as Record<string, number> };
}

/** What the person's browser does: open the page, follow the authorization server's redirect back to Navi. */
async function completeInBrowser(authorizationUrl: string): Promise<string> {
  const consent = await fetch(authorizationUrl, { redirect: 'manual' });
  expect(consent.status).toBe(302);
  const back = consent.headers.get('location')!;
  expect(back).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback\?code=.+&state=.+$/);
  const page = await fetch(back);
  expect(page.status).toBe(200);
  return page.text();
}

describe('OAuth for Streamable HTTP servers (a real authorization server from the SDK)', () => {
  it('says "needs sign-in", signs in through the browser flow with dynamic registration, and refreshes an expired token', async () => {
    const oauth = await startOAuthServer();
    const secrets = createMemorySecrets();
    const h = harness({ secrets });
    const server = await h.api.add({ transport: 'http', name: 'guarded', url: `${oauth.base}/mcp` });
    const waiting = await h.waitForStatus(server.id, (status) => status.state === 'needs-sign-in');
    expect(waiting.error).toBe(
      `${oauth.base}/mcp needs you to sign in. Choose "Sign in" to open its sign-in page in your browser.`,
    );
    expect(waiting.retryAt).toBeNull();
    expect((await h.api.list())[0]).toMatchObject({ signedIn: false, status: { state: 'needs-sign-in' } });

    const { authorizationUrl, opened } = await h.api.signIn({ id: server.id });
    expect(opened).toBe(false); // no system browser here: the window shows the link
    const url = new URL(authorizationUrl!);
    expect(`${url.origin}${url.pathname}`).toBe(`${oauth.base}/authorize`);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
    expect(await oauth.stats()).toMatchObject({ registrations: 1, codeExchanges: 0 });

    expect(await completeInBrowser(authorizationUrl!)).toContain('Navi is signed in to guarded');
    await h.waitForStatus(server.id, (status) => status.state === 'connected');
    expect((await h.api.list())[0]!.signedIn).toBe(true);
    expect(secrets.names()).toContain(oauthSecretName(server.id));
    const stored = JSON.parse((await secrets.get(oauthSecretName(server.id)))!) as {
      tokens: { refresh_token: string };
    };
    expect(stored.tokens.refresh_token).toBeTruthy();
    expect((await h.tools.execute('mcp__guarded__whoami', {}, callContext())).output).toMatch(
      /^signed in with client /,
    );

    // The access token expires: the next call refreshes it and goes through.
    await fetch(`${oauth.base}/test/expire`, { method: 'POST' });
    expect(await h.tools.execute('mcp__guarded__whoami', {}, callContext())).toMatchObject({ isError: false });
    expect(await oauth.stats()).toMatchObject({ registrations: 1, codeExchanges: 1, refreshes: 1 });

    // The callback address is closed again: a stray visit finds nothing.
    await expect(fetch(new URL(url.searchParams.get('redirect_uri')!))).rejects.toThrow();

    // Signing out forgets the tokens; the server needs a sign-in again.
    await h.api.signOut({ id: server.id });
    await h.waitForStatus(server.id, (status) => status.state === 'needs-sign-in');
    const after = JSON.parse((await secrets.get(oauthSecretName(server.id))) ?? '{}') as Record<string, unknown>;
    expect(after.tokens).toBeUndefined();
    expect(after.client).toBeUndefined();
    expect((await h.api.list())[0]!.signedIn).toBe(false);
  });

  it('keeps the sign-in across restarts, and asks again when the refresh token is revoked', async () => {
    const oauth = await startOAuthServer();
    const secrets = createMemorySecrets();
    const dir = tempDir();
    const statuses: McpServerStatus[] = [];
    const start = () => {
      const database = openDatabase(join(dir, 'navi.db'));
      const tools = new ToolRegistry();
      const runtime = createMcpRuntime({
        db: database.db,
        secrets,
        tools,
        publish: (event) => statuses.push(event.server),
        clock: systemClock,
        logger: quietLogger,
        env: process.env,
        tuning: { graceMs: 500, backoff: { initialMs: 50, maxMs: 100 } },
      });
      return { tools, runtime, close: async () => (await runtime.dispose(), database.close()) };
    };
    const latest = (check: (status: McpServerStatus) => boolean) =>
      vi.waitFor(() => expect(check(statuses.at(-1)!)).toBe(true), { timeout: 15_000, interval: 10 });

    const first = start();
    const server = await first.runtime.service.add(
      { transport: 'http', name: 'guarded', url: `${oauth.base}/mcp`, headers: [] },
      { signal: new AbortController().signal, peerId: 'test', isCongested: () => false },
    );
    await latest((status) => status.state === 'needs-sign-in');
    const { authorizationUrl } = await first.runtime.manager.signIn(server.id);
    await completeInBrowser(authorizationUrl!);
    await latest((status) => status.state === 'connected');
    await first.close();

    // A new Navi on the same data: connected at once, no sign-in.
    const second = start();
    await latest((status) => status.state === 'connected');
    expect(await oauth.stats()).toMatchObject({ registrations: 1, codeExchanges: 1 });

    // Both tokens gone at the server: the call fails with a reason, and the status asks for a sign-in.
    await fetch(`${oauth.base}/test/revoke`, { method: 'POST' });
    const call = await second.tools.execute('mcp__guarded__whoami', {}, callContext());
    expect(call).toEqual({
      isError: true,
      output: 'The MCP server "guarded" needs you to sign in again (Settings, MCP servers) before "whoami" can run.',
    });
    await latest((status) => status.state === 'needs-sign-in');
    await second.close();
  });
});
