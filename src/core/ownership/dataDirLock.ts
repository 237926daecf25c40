import BetterSqlite3, { type Database } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Disposable } from '../../shared/rpc';
import { cannotWrite, isNotWritable } from '../db/unusableDatabase';
import { DataDirInUseError } from './dataDirInUseError';
import { readOwnerRecord, removeOwnerRecord, writeOwnerRecord, type OwnerRecord } from './ownerRecord';

export const LOCK_FILE_NAME = 'navi.lock';

export interface DataDirOwner {
  readonly kind: OwnerRecord['kind'];
  readonly version: string;
}

export interface DataDirLockOptions {
  /** The better-sqlite3 addon for this runtime (Electron's build differs from Node's). */
  readonly nativeBinding?: string;
  readonly pid?: number;
  readonly now?: () => number;
}

/** Holding a data directory; disposing releases it (the kernel also releases it if the process dies). */
export interface DataDirLock extends Disposable {
  readonly dataDir: string;
  readonly record: OwnerRecord;
  /** Publishes where this owner serves browser windows, so a second `npm run serve` can send people there. */
  announce(url: string): void;
}

/** How the core takes its data directory; tests inject their own. */
export type LockDataDir = (dataDir: string, owner: DataDirOwner) => DataDirLock;

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes a data directory for this process, or throws DataDirInUseError naming its owner.
 *
 * The lock is an exclusive SQLite transaction held open on `navi.lock`: an OS file lock, so the kernel
 * drops it when the owner exits or is killed, and a crashed owner never leaves a stale lock behind.
 * Beside it, `navi.owner.json` names the owner (process, kind, address) for the refusal message.
 */
export function lockDataDir(dataDir: string, owner: DataDirOwner, options: DataDirLockOptions = {}): DataDirLock {
  const pid = options.pid ?? process.pid;
  const now = options.now ?? Date.now;
  let db: Database | undefined;
  try {
    mkdirSync(dataDir, { recursive: true });
    db = new BetterSqlite3(join(dataDir, LOCK_FILE_NAME), {
      timeout: 0,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db?.close();
    if (isNotWritable(error)) throw cannotWrite('data directory', dataDir, error);
    if (!isBusy(error)) throw error;
    const record = readOwnerRecord(dataDir);
    // A record left by a process that is gone describes nobody: the lock's holder has not written its own yet.
    throw new DataDirInUseError(dataDir, record && processAlive(record.pid) ? record : undefined);
  }

  let record: OwnerRecord = { pid, kind: owner.kind, version: owner.version, startedAt: new Date(now()).toISOString() };
  try {
    writeOwnerRecord(dataDir, record);
  } catch (error) {
    db.close();
    throw isNotWritable(error) ? cannotWrite('data directory', dataDir, error) : error;
  }
  return {
    dataDir,
    get record() {
      return record;
    },
    announce: (url) => {
      record = { ...record, url };
      writeOwnerRecord(dataDir, record);
    },
    dispose: () => {
      if (!db) return;
      // The record goes first, so nobody reads it after the lock is free.
      try {
        removeOwnerRecord(dataDir, pid);
      } finally {
        db.close();
        db = undefined;
      }
    },
  };
}
