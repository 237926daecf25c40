import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/host';

const electronPresent = (() => {
  try {
    const dir = join(projectRoot, 'node_modules', 'electron');
    return existsSync(join(dir, 'dist', readFileSync(join(dir, 'path.txt'), 'utf8')));
  } catch {
    return false;
  }
})();

describe('npm start', () => {
  it.skipIf(electronPresent)('explains in one line, naming `npm run serve`, when Electron cannot be had', () => {
    const result = spawnSync(process.execPath, [join(projectRoot, 'scripts', 'start.mjs')], {
      cwd: projectRoot,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    // A download attempt that outlasts two seconds (a slow or busy machine) first says what it is doing.
    const lines = `${result.stdout}${result.stderr}`
      .trim()
      .split('\n')
      .filter((line) => line !== 'Downloading Electron (first start)…');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Electron/);
    expect(lines[0]).toContain('npm run serve');
    expect(lines[0]).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
  });
});
