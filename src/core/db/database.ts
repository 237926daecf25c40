import BetterSqlite3, { type Database, type Transaction } from 'better-sqlite3';
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { consoleLogger, type Logger } from '../ports';
import { migrate } from './migrate';
import { migrations as defaultMigrations, type Migration } from './migrations';
import { damaged, explainOpenFailure } from './unusableDatabase';
import { WalCheckpointer, type CheckpointMode, type CheckpointResult } from './walCheckpointer';

export interface OpenDatabaseOptions {
  /** Path to a better-sqlite3 addon built for this runtime (the Electron build lives beside the Node one). */
  readonly nativeBinding?: string;
  readonly migrations?: readonly Migration[];
  /**
   * Where WAL checkpoints run: on a worker thread (the default), or inside commits on this thread
   * as SQLite does by itself (`'auto'`, for comparison in the benchmarks).
   */
  readonly checkpoints?: 'worker' | 'auto';
  /** How often the worker checkpoints (ms). */
  readonly checkpointIntervalMs?: number;
  readonly logger?: Logger;
}

export interface OpenedDatabase {
  readonly db: Database;
  readonly file: string;
  readonly schemaVersion: number;
  /** Runs a WAL checkpoint now (on the worker); undefined when there is no worker. */
  checkpoint(mode?: CheckpointMode): Promise<CheckpointResult | undefined>;
  /** Closes the connection; the checkpoint worker then empties the WAL and stops (see `closed`). */
  close(): void;
  /** Resolves when everything `close` started has finished. */
  readonly closed: Promise<void>;
}

/**
 * The WAL file is cut back to this size by the commit that starts it over after a checkpoint (it
 * otherwise keeps its largest size). With the worker that commit is the worker's, and the app's
 * connection has no limit: the cut is an ftruncate, and freeing a WAL that a long burst of writes
 * grew past the limit took 37 ms (86 MiB, ext4) inside a commit on the event loop.
 */
const JOURNAL_SIZE_LIMIT = 32 * 1024 * 1024;
/**
 * The worker starts this long after opening: a database opened and closed again at once (tests,
 * tools) never pays for a thread, and a WAL this young is small.
 */
const WORKER_START_DELAY_MS = 2_000;
/** SQLite's own default, restored when the worker cannot run. */
const AUTO_CHECKPOINT_PAGES = 1000;

/**
 * Makes every `db.transaction(...)` begin IMMEDIATE (taking the write lock as it begins) rather than
 * DEFERRED. The checkpoint worker writes too (it starts the WAL over, see walCheckpointer.ts): a
 * deferred transaction that reads first and writes second would then fail at once with
 * SQLITE_BUSY, or SQLITE_BUSY_SNAPSHOT, instead of waiting its turn as an immediate one does.
 */
function beginTransactionsImmediate(db: Database): void {
  const transaction = db.transaction.bind(db);
  db.transaction = (<F extends (...args: never[]) => unknown>(fn: F) =>
    transaction(fn).immediate as unknown as Transaction<F>) as Database['transaction'];
}

/**
 * Opens (or creates) a Navi database: WAL, foreign keys on, schema migrated to the latest version.
 * SQLite's automatic checkpoint (two fsyncs inside whichever commit crosses 1,000 WAL pages) is
 * turned off; a worker thread checkpoints on its own connection instead, and starts the WAL over
 * (whose header fsync would otherwise fall to a commit), so no write stalls the event loop. Should
 * the worker fail, the automatic checkpoint comes back on.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): OpenedDatabase {
  let db: Database;
  try {
    if (file !== ':memory:') {
      mkdirSync(dirname(file), { recursive: true });
      const existing = statSync(file, { throwIfNoEntry: false });
      // SQLite would quietly make an empty file a new database; an empty navi.db is a lost one.
      if (existing?.size === 0) throw damaged(file, 'it is empty: 0 bytes');
      // SQLite opens a file it cannot write read-only without a word and fails at the first write;
      // the file and its folder (for the WAL) must both be writable.
      if (existing) accessSync(file, constants.W_OK);
      accessSync(dirname(file), constants.W_OK);
    }
    db = new BetterSqlite3(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (error) {
    throw explainOpenFailure(file, error);
  }
  const logger = options.logger ?? consoleLogger;
  let checkpointer: WalCheckpointer | undefined;
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    db.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT}`);
    const schemaVersion = migrate(db, options.migrations ?? defaultMigrations, file);
    beginTransactionsImmediate(db);
    if (file !== ':memory:' && options.checkpoints !== 'auto') {
      db.pragma('wal_autocheckpoint = 0');
      db.pragma('journal_size_limit = -1'); // see JOURNAL_SIZE_LIMIT
      checkpointer = new WalCheckpointer({
        file,
        nativeBinding: options.nativeBinding,
        intervalMs: options.checkpointIntervalMs,
        journalSizeLimit: JOURNAL_SIZE_LIMIT,
        onFailure: (error) => {
          logger.warn('WAL checkpoints moved back into commits: the checkpoint worker failed:', error);
          if (!db.open) return;
          db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
          db.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT}`);
        },
      });
    }
    const startTimer = checkpointer && setTimeout(() => checkpointer?.start(), WORKER_START_DELAY_MS);
    startTimer?.unref();
    let closed: Promise<void> = Promise.resolve();
    const opened: OpenedDatabase = {
      db,
      file,
      schemaVersion,
      checkpoint: async (mode) => (checkpointer && !checkpointer.isFailed ? checkpointer.checkpoint(mode) : undefined),
      close: () => {
        if (!db.open) return;
        clearTimeout(startTimer);
        db.close();
        if (checkpointer) closed = checkpointer.close().then(() => {});
      },
      get closed() {
        return closed;
      },
    };
    return opened;
  } catch (error) {
    db.close();
    void checkpointer?.close();
    throw explainOpenFailure(file, error);
  }
}
