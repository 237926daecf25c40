import Database from 'better-sqlite3';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../helpers/tempDir';
import { useDesktop } from './desktopHarness';
import { FakeMachine } from './fakeElectron';

const launch = useDesktop();
const tempDir = useTempDirs();

function newerDatabase(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const db = new Database(join(dir, 'navi.db'));
  db.pragma('user_version = 999');
  db.close();
}

describe('start-up failure', () => {
  it('shows the readable reason in a native dialog, quits, and lets the next start take the lock', async () => {
    const dataDir = tempDir();
    newerDatabase(dataDir);
    const machine = new FakeMachine();
    const failed = await launch({ dataDir, machine });

    expect(failed.electron.dialog.errorBoxes).toEqual([
      {
        title: 'Navi could not start',
        content: expect.stringMatching(/written by a newer version of Navi.*Update Navi/s),
      },
    ]);
    expect(await failed.electron.app.exited).toBe(1);
    expect(failed.electron.allWindowsEver()).toEqual([]);
    expect(failed.electron.trays.filter((tray) => !tray.destroyed)).toEqual([]);
    expect(machine.lockHolder(dataDir)).toBeUndefined();

    // Once the cause is gone, a relaunch is not swallowed by a ghost holding the single-instance lock.
    rmSync(join(dataDir, 'navi.db'));
    const fresh = await launch({ machine, dataDir });
    expect(fresh.electron.dialog.errorBoxes).toEqual([]);
    expect(fresh.electron.windows()).toHaveLength(1);
    expect(machine.lockHolder(fresh.dataDir)).toBe(fresh.electron.app);
  });

  it("shows the core's reason for a damaged database and names the data folder", async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'navi.db'), 'this is not a database, just text '.repeat(200));
    const failed = await launch({ dataDir });
    const content = failed.electron.dialog.errorBoxes[0]?.content ?? '';
    expect(content).toMatch(/not a database/);
    expect(content).toContain(`Navi's data folder: ${dataDir}`);
    expect(await failed.electron.app.exited).toBe(1);
  });
});
