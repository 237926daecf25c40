import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
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

describe.skipIf(!binary)('desktop app under Electron', () => {
  it('opens a hardened window that shows the app info from the core', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'navi-electron-'));
    const app = await electron.launch({
      executablePath: binary!,
      args: [join(projectRoot, 'out', 'main', 'index.js')],
      env: { ...process.env, NAVI_DATA_DIR: dataDir },
    });
    try {
      const window = await app.firstWindow();
      const about = window.getByRole('region', { name: 'About Navi' });
      await expect.poll(() => about.textContent(), { timeout: 15_000 }).toContain('Desktop app');
      expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
