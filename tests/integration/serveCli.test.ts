import BetterSqlite3 from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/host';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const cli = join(projectRoot, 'src', 'host', 'cli.ts');

describe('npm run serve', () => {
  it('prints one line with the address and token, serves it, and stops cleanly on SIGTERM', async () => {
    const dataDir = tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--data-dir', dataDir], {
      cwd: projectRoot,
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    await expect.poll(() => stdout, { timeout: 30_000 }).toMatch(/\n$/);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const match = /^Navi is running at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+))$/.exec(lines[0]!);
    expect(match).not.toBeNull();
    expect((await fetch(match![1]!)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses a database from a newer Navi with a readable one-line reason', () => {
    const dataDir = tempDir();
    const db = new BetterSqlite3(join(dataDir, 'navi.db'));
    db.pragma('user_version = 999');
    db.close();
    const result = spawnSync(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--data-dir', dataDir], {
      cwd: projectRoot,
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^Navi could not start: The database .* was written by a newer version of Navi/m);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects a bad --port with a readable message', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', cli, '--port', 'abc', '--data-dir', tempDir()], {
      cwd: projectRoot,
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("--port must be a whole number from 0 to 65535, not 'abc'");
  });
});
