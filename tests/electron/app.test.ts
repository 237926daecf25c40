import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, type ElectronApplication } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { reply, startOpenAiFixture } from '../fixtures';
import { projectRoot } from '../helpers/host';

function electronBinary(): string | undefined {
  try {
    const dir = join(projectRoot, 'node_modules', 'electron');
    const binary = join(dir, 'dist', readFileSync(join(dir, 'path.txt'), 'utf8'));
    return existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

const binary = electronBinary();
if (!binary) console.info('Electron end-to-end tests skipped: no Electron binary on this machine (see `npm start`).');

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Navi under Electron with a fresh data directory and the scripted OpenAI-compatible server. */
async function launch(): Promise<{
  app: ElectronApplication;
  fixture: Awaited<ReturnType<typeof startOpenAiFixture>>;
}> {
  const dataDir = mkdtempSync(join(tmpdir(), 'navi-electron-'));
  const fixture = await startOpenAiFixture({ apiKey: 'sk-test' });
  cleanups.push(
    () => rmSync(dataDir, { recursive: true, force: true }),
    () => fixture.close(),
  );
  const app = await electron.launch({
    executablePath: binary!,
    args: [join(projectRoot, 'out', 'main', 'index.js')],
    env: {
      ...process.env,
      NAVI_DATA_DIR: dataDir,
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: fixture.baseURL,
      NAVI_MODEL: 'test-model',
    },
  });
  cleanups.push(() => app.close());
  return { app, fixture };
}

describe.skipIf(!binary)('desktop app under Electron', () => {
  it('launches a hardened window, sends a message and streams the reply', async () => {
    const { app, fixture } = await launch();
    fixture.script(reply.text('Hello from the desktop.', { chunkDelayMs: 20 }));
    const window = await app.firstWindow();
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    await window.getByRole('textbox', { name: 'Message' }).fill('Hi');
    await window.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(() => window.getByText('Hello from the desktop.').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
  });

  it('opens a second window on the conversation that shows the same stream', async () => {
    const { app, fixture } = await launch();
    fixture.script(reply.text('One two three four five six seven eight nine ten.', { chunkDelayMs: 150 }));
    const first = await app.firstWindow();
    await first.getByRole('textbox', { name: 'Message' }).fill('Count');
    await first.keyboard.press('Enter');
    const [second] = await Promise.all([
      app.waitForEvent('window'),
      first.getByRole('button', { name: 'Open in new window' }).click(),
    ]);
    await expect.poll(() => second.getByText('nine ten.').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => first.getByText('nine ten.').count()).toBeGreaterThan(0);
  });

  it("clicking a recall's notification opens its conversation", async () => {
    const { app, fixture } = await launch();
    fixture.setDefaultReply(reply.text('Deploy finished.'));
    // Record notifications in the main process so the test can click one.
    await app.evaluate(({ Notification }) => {
      const shown: unknown[] = [];
      (globalThis as { __naviShown?: unknown[] }).__naviShown = shown;
      Notification.prototype.show = function show(this: unknown) {
        shown.push(this);
      };
    });
    const page = await app.firstWindow();
    await page.getByRole('textbox', { name: 'Message' }).fill('Remember the deploy');
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Recalls' }).getByRole('button', { name: 'New recall' }).click();
    const form = page.getByRole('form', { name: 'New recall' });
    await form.getByLabel('Run in').fill('2');
    await form.getByRole('combobox', { name: 'Unit' }).selectOption('seconds');
    await form.getByLabel('Instructions').fill('Check whether the deploy finished');
    await form.getByRole('button', { name: 'Create recall' }).click();
    await expect
      .poll(() => app.evaluate(() => ((globalThis as { __naviShown?: unknown[] }).__naviShown ?? []).length), {
        timeout: 20_000,
      })
      .toBeGreaterThan(0);
    const windowsBefore = app.windows().length;
    await page.evaluate(() => ((globalThis as unknown as { location: { hash: string } }).location.hash = '#/'));
    await app.evaluate(() => {
      const shown = (globalThis as { __naviShown?: { emit(event: string): void }[] }).__naviShown!;
      shown[shown.length - 1]!.emit('click');
    });
    await expect
      .poll(() => app.windows().length + (page.url().includes('#/c/') ? 1 : 0))
      .toBeGreaterThan(windowsBefore);
  });
});
