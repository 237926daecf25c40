import BetterSqlite3 from 'better-sqlite3';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/core/db/database';
import { WalCheckpointer } from '../../../src/core/db/walCheckpointer';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();

/** Writes about `pages` 4 KiB pages to the WAL, one small transaction each, as the app does. */
function writePages(db: ReturnType<typeof openDatabase>['db'], pages: number): void {
  db.exec('CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY, body TEXT)');
  const insert = db.prepare('INSERT INTO filler (body) VALUES (?)');
  const body = 'x'.repeat(3_000);
  for (let index = 0; index < pages; index++) insert.run(body);
}

const walFrames = (db: ReturnType<typeof openDatabase>['db']): number =>
  (db.pragma('wal_checkpoint(NOOP)') as { log: number }[])[0]?.log ?? -1;

describe('WAL checkpoints off the event loop', () => {
  it('commits never checkpoint; the worker does, on its own connection', async () => {
    const database = openDatabase(join(tempDir(), 'navi.db'), { checkpointIntervalMs: 3_600_000 });
    try {
      expect(database.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      writePages(database.db, 1_500);
      // Past SQLite's 1,000-page threshold and still all in the WAL: no commit checkpointed.
      expect(walFrames(database.db)).toBeGreaterThan(1_000);
      const result = await database.checkpoint('PASSIVE');
      expect(result?.busy).toBe(0);
      expect(result?.checkpointed).toBe(result?.log);
      // All copied, and the WAL started over: it stays small.
      writePages(database.db, 1);
      expect(walFrames(database.db)).toBeLessThan(10);
    } finally {
      database.close();
      await database.closed;
    }
  });

  it('the worker, not a commit of the app, cuts a grown WAL file back to 32 MiB; closing empties it', async () => {
    const file = join(tempDir(), 'navi.db');
    const database = openDatabase(file, { checkpointIntervalMs: 3_600_000 });
    const limit = 32 * 1024 * 1024;
    // A burst that outgrows the 32 MiB journal_size_limit before any checkpoint completes.
    writePages(database.db, 4_000);
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(limit);
    const result = await database.checkpoint('PASSIVE');
    expect(result?.checkpointed).toBe(result?.log);
    // The worker started the WAL over and cut it back (an ftruncate that, in a commit of the app's,
    // stalled the event loop); the app's commits then append to it and leave the file as it is.
    expect(statSync(`${file}-wal`).size).toBeLessThanOrEqual(limit);
    expect(walFrames(database.db)).toBe(1);
    const cut = statSync(`${file}-wal`).size;
    writePages(database.db, 1);
    expect(walFrames(database.db)).toBeLessThan(10);
    expect(statSync(`${file}-wal`).size).toBe(cut);
    database.close();
    await database.closed;
    expect(!existsSync(`${file}-wal`) || statSync(`${file}-wal`).size === 0).toBe(true);
  });

  it("the worker starts the WAL over itself: the app's commits only ever append to it", async () => {
    const file = join(tempDir(), 'navi.db');
    const database = openDatabase(file, { checkpointIntervalMs: 3_600_000 });
    // The WAL header's checkpoint sequence: it goes up each time a commit starts the WAL over
    // (and fsyncs the new header, which on the event loop is a stall).
    const generation = (): number => readFileSync(`${file}-wal`).readUInt32BE(12);
    const other = new BetterSqlite3(file, { timeout: 0 });
    try {
      writePages(database.db, 300);
      const frames = walFrames(database.db);
      // Someone is writing as the checkpoint copies the whole WAL: the worker does not wait to
      // start it over, and no commit that comes next starts it over either: it appends.
      other.exec('BEGIN IMMEDIATE');
      const copied = await database.checkpoint('PASSIVE');
      other.exec('ROLLBACK');
      expect(copied).toMatchObject({ busy: 0, log: frames, checkpointed: frames });
      const before = generation();
      writePages(database.db, 5);
      expect(generation()).toBe(before);
      expect(walFrames(database.db)).toBeGreaterThan(frames);
      // All copied while no one writes: the worker's own commit starts the WAL over.
      await database.checkpoint('PASSIVE');
      expect(generation()).toBeGreaterThan(before);
      expect(walFrames(database.db)).toBe(1);
      // Its one frame stays in the WAL until more come (copying it alone would cost two fsyncs).
      expect(await database.checkpoint('PASSIVE')).toMatchObject({ log: 1, checkpointed: 0 });
      const started = generation();
      writePages(database.db, 5);
      expect(generation()).toBe(started);
      expect(walFrames(database.db)).toBeGreaterThan(5);
      expect(database.db.prepare('SELECT count(*) AS n FROM filler').get()).toEqual({ n: 310 });
    } finally {
      other.close();
      database.close();
      await database.closed;
    }
  });

  it('a transaction takes the write lock as it begins (the worker writes too)', async () => {
    const file = join(tempDir(), 'navi.db');
    const database = openDatabase(file, { checkpointIntervalMs: 3_600_000 });
    const other = new BetterSqlite3(file, { timeout: 0 });
    try {
      database.db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT)');
      const count = database.db.prepare('SELECT count(*) AS n FROM filler').pluck();
      database.db.transaction(() => {
        // Only a read so far, and already no one else can start writing.
        expect(count.get()).toBe(0);
        expect(() => other.exec('BEGIN IMMEDIATE')).toThrow(/locked|busy/i);
        database.db.prepare("INSERT INTO filler (body) VALUES ('x')").run();
      })();
      expect(count.get()).toBe(1);
    } finally {
      other.close();
      database.close();
      await database.closed;
    }
  });

  it('closing empties the WAL, ends the worker and keeps every row', async () => {
    const file = join(tempDir(), 'navi.db');
    const database = openDatabase(file, { checkpointIntervalMs: 3_600_000 });
    writePages(database.db, 300);
    await database.checkpoint('PASSIVE');
    writePages(database.db, 300);
    database.close();
    await database.closed;
    expect(!existsSync(`${file}-wal`) || statSync(`${file}-wal`).size === 0).toBe(true);
    const reopened = openDatabase(file);
    try {
      expect(reopened.db.prepare('SELECT count(*) AS n FROM filler').get()).toEqual({ n: 600 });
    } finally {
      reopened.close();
      await reopened.closed;
    }
  });

  it("'auto' leaves SQLite's own checkpoint in the commits (the benchmark's baseline)", async () => {
    const database = openDatabase(join(tempDir(), 'navi.db'), { checkpoints: 'auto' });
    try {
      expect(database.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      expect(database.db.pragma('journal_size_limit', { simple: true })).toBe(32 * 1024 * 1024);
      writePages(database.db, 1_500);
      expect(walFrames(database.db)).toBeLessThan(1_000);
      expect(await database.checkpoint()).toBeUndefined();
    } finally {
      database.close();
    }
  });

  it('a worker that cannot open the database reports it once and refuses further work', async () => {
    const failures: Error[] = [];
    const checkpointer = new WalCheckpointer({
      file: join(tempDir(), 'missing', 'dir', 'navi.db'),
      onFailure: (error) => failures.push(error),
    });
    checkpointer.start();
    await expect(checkpointer.ready).resolves.toBeUndefined();
    await checkpointer.close();
    expect(failures).toHaveLength(1);
    expect(failures[0]?.message).toMatch(/unable to open|directory does not exist|stopped/);
    expect(checkpointer.isFailed).toBe(true);
    await expect(checkpointer.checkpoint()).rejects.toThrow(/not running/);
  });
});
