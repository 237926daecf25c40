import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/core/core';
import { DatabaseUnusableError } from '../../src/core/db/unusableDatabase';
import { projectRoot, quietLogger } from '../helpers/host';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const cli = join(projectRoot, 'src', 'host', 'cli.ts');

function startCore(dataDir: string) {
  return createCore({ dataDir, version: '0.0.0-test', shell: 'browser', logger: quietLogger });
}

function refusal(dataDir: string): Error {
  try {
    void startCore(dataDir).close();
  } catch (error) {
    return error as Error;
  }
  throw new Error('The core started');
}

/**
 * `npm run serve` as a user who may not write `dataDir` (root writes anywhere, so as root the CLI
 * runs as nobody; permission bits are the real thing either way).
 */
function serveWithoutWriteAccess(dataDir: string) {
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  return spawnSync(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--data-dir', dataDir], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...process.env, HOME: dataDir },
    ...asNobody,
  });
}

describe('a database Navi cannot use is refused with a readable reason', () => {
  it('refuses an empty navi.db as damaged instead of starting over on it', () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'navi.db'), '');
    const error = refusal(dataDir);
    expect(error).toBeInstanceOf(DatabaseUnusableError);
    expect(error.message).toBe(
      `The database ${join(dataDir, 'navi.db')} is damaged (it is empty: 0 bytes), so Navi will not open it or start ` +
        'over on top of it. Move it away to start with a new database, or restore it from a backup.',
    );
    expect(readFileSync(join(dataDir, 'navi.db'))).toHaveLength(0);
    // The refused start let go of the directory: once the file is moved away, Navi starts.
    rmSync(join(dataDir, 'navi.db'));
    return startCore(dataDir).close();
  });

  it('refuses a file that is not a database and leaves it as it was', () => {
    const dataDir = tempDir();
    const garbage = Buffer.alloc(8192, 0x42);
    writeFileSync(join(dataDir, 'navi.db'), garbage);
    const error = refusal(dataDir);
    expect(error).toBeInstanceOf(DatabaseUnusableError);
    expect(error.message).toMatch(/^The database .*navi\.db is damaged \(file is not a database\)/);
    expect(readFileSync(join(dataDir, 'navi.db')).equals(garbage)).toBe(true);
  });

  it('says so in one line when the data directory or the database is read-only', async () => {
    const readOnlyDir = tempDir();
    chmodSync(readOnlyDir, 0o555);
    const dirResult = serveWithoutWriteAccess(readOnlyDir);
    expect(dirResult.status).toBe(1);
    expect(dirResult.stderr).toBe(
      `Navi could not start: Navi cannot write to its data directory ${readOnlyDir}: it is read-only or belongs to ` +
        'another user. Check its permissions, or start Navi with another data directory.\n',
    );

    const dataDir = tempDir();
    await startCore(dataDir).close();
    chmodSync(dataDir, 0o777);
    chmodSync(join(dataDir, 'navi.db'), 0o444);
    const fileResult = serveWithoutWriteAccess(dataDir);
    expect(fileResult.status).toBe(1);
    expect(fileResult.stderr).toBe(
      `Navi could not start: Navi cannot write to its database ${join(dataDir, 'navi.db')}: it is read-only or ` +
        'belongs to another user. Check its permissions, or start Navi with another data directory.\n',
    );
    expect(existsSync(join(dataDir, 'navi.owner.json'))).toBe(false);
  }, 90_000);
});
