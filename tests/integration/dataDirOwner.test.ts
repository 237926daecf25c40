import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/core/core';
import { DataDirInUseError } from '../../src/core/ownership/dataDirInUseError';
import { lockDataDir } from '../../src/core/ownership/dataDirLock';
import { ownerFile, readOwnerRecord, writeOwnerRecord } from '../../src/core/ownership/ownerRecord';
import { projectRoot, quietLogger } from '../helpers/host';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const cli = join(projectRoot, 'src', 'host', 'cli.ts');
const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Starts a real process and resolves once its stdout has a line matching `ready`. */
async function startProcess(args: string[], ready: RegExp) {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: projectRoot });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await expect.poll(() => ready.test(stdout) || child.exitCode !== null, { timeout: 30_000 }).toBe(true);
  if (!ready.test(stdout)) throw new Error(`Exited early (${child.exitCode}): ${stderr}`);
  return { child, exited, stdout: () => stdout };
}

function serveOnce(dataDir: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--data-dir', dataDir], {
    cwd: projectRoot,
    encoding: 'utf8',
  });
}

const RUNNING = /^Navi is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)$/m;

describe('one owner per data directory, in one process', () => {
  it('refuses a second lock naming the first owner, and frees the directory on dispose', () => {
    const dataDir = tempDir();
    const first = lockDataDir(dataDir, { kind: 'serve', version: '1.2.3' });
    first.announce('http://127.0.0.1:4321/?token=secret');
    const refusal = (() => {
      try {
        lockDataDir(dataDir, { kind: 'desktop', version: '1.2.3' });
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(DataDirInUseError);
    expect((refusal as DataDirInUseError).owner).toMatchObject({
      pid: process.pid,
      kind: 'serve',
      url: first.record.url,
    });
    // One line, the owner's origin but never its token.
    expect((refusal as Error).message).toBe(
      `Navi's data directory ${dataDir} is in use by a Navi browser host at http://127.0.0.1:4321 (process ${process.pid}). ` +
        'Stop it (Ctrl+C where it runs), or start Navi with another data directory (--data-dir or NAVI_DATA_DIR).',
    );
    first.dispose();
    expect(existsSync(ownerFile(dataDir))).toBe(false);
    lockDataDir(dataDir, { kind: 'desktop', version: '1.2.3' }).dispose();
  });

  it('never opens the database when the directory is taken, so no second scheduler can run on it', () => {
    const dataDir = tempDir();
    const owner = lockDataDir(dataDir, { kind: 'desktop', version: '1.0.0' });
    try {
      expect(() => createCore({ dataDir, version: '0.0.0-test', shell: 'browser', logger: quietLogger })).toThrow(
        /in use by the Navi desktop app .*Quit the desktop app/,
      );
      expect(existsSync(join(dataDir, 'navi.db'))).toBe(false);
    } finally {
      owner.dispose();
    }
    const core = createCore({ dataDir, version: '0.0.0-test', shell: 'browser', logger: quietLogger });
    expect(core.dataDirLock.record).toMatchObject({ kind: 'serve', pid: process.pid });
    return core.close();
  });

  it('replaces the record of an owner that died, and ignores one naming a dead process', () => {
    const dataDir = tempDir();
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(gone.stdout);
    writeOwnerRecord(dataDir, { pid: deadPid, kind: 'desktop', version: '0.1.0', startedAt: '2026-01-01T00:00:00Z' });
    const lock = lockDataDir(dataDir, { kind: 'serve', version: '0.2.0' });
    expect(readOwnerRecord(dataDir)).toMatchObject({ pid: process.pid, kind: 'serve' });
    // A holder that has not written its record yet, beside a dead one's record: named as unknown.
    writeOwnerRecord(dataDir, { pid: deadPid, kind: 'desktop', version: '0.1.0', startedAt: '2026-01-01T00:00:00Z' });
    expect(() => lockDataDir(dataDir, { kind: 'serve', version: '0.2.0' })).toThrow(
      /is in use by another Navi process\. Close it, or start Navi with another data directory/,
    );
    lock.dispose();
  });
});

// Each case starts two or three real Node processes with tsx; a busy machine needs the room.
describe('one owner per data directory, across real processes', { timeout: 90_000 }, () => {
  it('a second `npm run serve` sends you to the first; after the first is killed, the next one takes over', async () => {
    const dataDir = tempDir();
    const first = await startProcess([cli, '--port', '0', '--data-dir', dataDir], RUNNING);
    const url = RUNNING.exec(first.stdout())![1]!;

    const second = serveOnce(dataDir);
    expect(second.status).toBe(0);
    expect(second.stdout).toBe(`Navi is already running for ${dataDir} at ${url}\n`);
    expect((await fetch(url)).status).toBe(200);

    // kill -9 leaves its record behind, but the kernel has dropped its lock.
    first.child.kill('SIGKILL');
    await first.exited;
    expect(readOwnerRecord(dataDir)?.url).toBe(url);
    const third = await startProcess([cli, '--port', '0', '--data-dir', dataDir], RUNNING);
    const thirdUrl = RUNNING.exec(third.stdout())![1]!;
    expect(thirdUrl).not.toBe(url);
    expect(readOwnerRecord(dataDir)).toMatchObject({ pid: third.child.pid, kind: 'serve', url: thirdUrl });
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
    // A clean stop removes the record.
    expect(existsSync(ownerFile(dataDir))).toBe(false);
  });

  it('`npm run serve` on a directory the desktop app owns refuses with one line and touches nothing', async () => {
    const dataDir = tempDir();
    const owner = await startProcess(
      [join(projectRoot, 'tests', 'fixtures', 'dataDirOwnerChild.ts'), dataDir, 'desktop'],
      /LOCKED/,
    );
    const refused = serveOnce(dataDir);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      `Navi could not start: Navi's data directory ${dataDir} is in use by the Navi desktop app (process ${owner.child.pid}). ` +
        'Quit the desktop app, or start Navi with another data directory (--data-dir or NAVI_DATA_DIR).\n',
    );
    expect(existsSync(join(dataDir, 'navi.db'))).toBe(false);
  });
});
