import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export type CheckpointMode = 'PASSIVE' | 'FULL' | 'RESTART' | 'TRUNCATE';

/** What `PRAGMA wal_checkpoint` reports: busy (1 when it could not finish), WAL frames, frames copied. */
export interface CheckpointResult {
  readonly busy: number;
  readonly log: number;
  readonly checkpointed: number;
}

export interface WalCheckpointerOptions {
  readonly file: string;
  /** The better-sqlite3 addon the main connection uses (the Electron build differs from Node's). */
  readonly nativeBinding?: string;
  /** How often the worker runs a passive checkpoint. */
  readonly intervalMs?: number;
  /**
   * The WAL file is cut back to this many bytes when the worker starts it over (a long burst of
   * writes can grow it far past that); unset: it keeps its largest size until closing empties it.
   */
  readonly journalSizeLimit?: number;
  /** The worker could not run (it failed to start or load SQLite): called once. */
  readonly onFailure: (error: Error) => void;
}

export const DEFAULT_CHECKPOINT_INTERVAL_MS = 1_000;

/**
 * The worker's program. It is handed to the Worker as source text (`eval`) rather than as a file,
 * so it starts the same from `out/main` in the desktop app (inside or outside an asar archive),
 * from TypeScript under tsx, and inside test runners; the only path it needs, better-sqlite3's
 * entry, is resolved by the main thread and passed in.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const options = workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {};
const db = new Database(workerData.file, options);
db.pragma('busy_timeout = 5000');
db.pragma('journal_size_limit = ' + workerData.journalSizeLimit);
const walState = () => db.pragma('wal_checkpoint(NOOP)')[0];
// The pin: a second connection's read transaction, held on a WAL that is not all copied yet (a
// reader of a WAL copied to its end reads the database file only, and pins nothing). While it
// holds, no commit of the app's can start the WAL over (and fsync its new header on the event
// loop): the commit appends. The worker starts the WAL over itself (restart, below).
const pin = new Database(workerData.file, options);
const pinRead = pin.prepare('SELECT 1 FROM sqlite_schema LIMIT 1');
const release = () => { if (pin.inTransaction) pin.exec('COMMIT'); };
const hold = () => {
  release();
  pin.exec('BEGIN');
  pinRead.get();
};
const userVersion = db.prepare('PRAGMA user_version').pluck();
// Starts the WAL over with a write of the worker's own that changes nothing (the schema version,
// rewritten as it is): its commit writes and fsyncs the new WAL header here, and cuts the WAL file
// back to journal_size_limit. It waits for no one: when the app is writing, it gives up and the
// app's commit appends (the pin still holds).
const restart = () => {
  db.pragma('busy_timeout = 0');
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch {
    db.pragma('busy_timeout = 5000');
    return;
  }
  try {
    release();
    db.pragma('user_version = ' + Number(userVersion.get()));
    db.exec('COMMIT');
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  } finally {
    db.pragma('busy_timeout = 5000');
    // The WAL now holds the restart's frame, not yet copied: the pin can hold again.
    hold();
  }
};
const checkpoint = (mode) => {
  if (mode !== 'PASSIVE') {
    release();
    return db.pragma('wal_checkpoint(' + mode + ')')[0];
  }
  const before = walState();
  // An empty WAL: the next commit would write its header; the worker does.
  if (before.log === 0) {
    restart();
    return walState();
  }
  // Only the restart's own frame: copying it would cost two fsyncs after every burst of writes; it
  // waits for the next ones (the pin holds on it meanwhile).
  if (before.log === 1 && before.checkpointed === 0) {
    if (!pin.inTransaction) hold();
    return before;
  }
  // Frames the pin does not cover yet: move it to the WAL's end (the WAL is not all copied, so
  // the new read pins too), or the checkpoint could copy only what it covered.
  if (before.checkpointed < before.log) hold();
  const result = db.pragma('wal_checkpoint(PASSIVE)')[0];
  // All copied, more than the restart's own frame, and no commit came while the checkpoint ran
  // (the app is likely quiet, and will seldom have to wait for the restart): start the WAL over.
  const after = walState();
  if (after.log > 1 && after.checkpointed === after.log) restart();
  return result;
};
const tick = () => {
  try { checkpoint('PASSIVE'); } catch (error) { parentPort.postMessage({ type: 'warning', message: String(error && error.message) }); }
};
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message.type === 'checkpoint') {
    try { parentPort.postMessage({ type: 'result', id: message.id, result: checkpoint(message.mode) }); }
    catch (error) { parentPort.postMessage({ type: 'result', id: message.id, error: String(error && error.message) }); }
  } else if (message.type === 'close') {
    clearInterval(timer);
    let result;
    try { release(); pin.close(); } catch {}
    try { result = db.pragma('wal_checkpoint(TRUNCATE)')[0]; } catch {}
    db.close();
    parentPort.postMessage({ type: 'closed', result });
    parentPort.close();
  }
});
parentPort.postMessage({ type: 'ready' });
`;

type WorkerMessage =
  | { type: 'ready' }
  | { type: 'warning'; message: string }
  | { type: 'result'; id: number; result?: CheckpointResult; error?: string }
  | { type: 'closed'; result?: CheckpointResult };

/**
 * Checkpoints a WAL database from a worker thread on its own connection, so the copy of WAL pages
 * into the database file and its fsyncs never run inside a commit on the event loop that every
 * window's IPC shares. Passive checkpoints run periodically (they never wait for or block the
 * writer); closing runs a TRUNCATE checkpoint after the main connection has closed, leaving an
 * empty WAL behind. The thread starts on `start()` or the first `checkpoint()`.
 *
 * The worker also starts the WAL over: the commit that writes a WAL's first frame fsyncs its header
 * (even at synchronous=NORMAL), so a commit of the app's that did it stalled the event loop for an
 * fsync (40 ms more on a slow disk). Between checkpoints the worker holds a read transaction on a
 * second connection, which keeps the app's commits appending; once a checkpoint has copied the whole
 * WAL, the worker's own commit (the schema version, rewritten as it is) starts it over. An app
 * commit meanwhile waits for that one fsync; the worker never waits for the app's writes.
 */
export class WalCheckpointer {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve(result: CheckpointResult): void; reject(error: Error): void }>();
  private failed = false;
  private closing = false;
  private started!: () => void;
  private finish!: (result: CheckpointResult | undefined) => void;
  /** Resolves when the thread has ended, with the result of its closing checkpoint (if it ran). */
  private readonly exited: Promise<CheckpointResult | undefined>;
  /** Resolves when the worker has opened its connection (or could not start). */
  readonly ready: Promise<void>;

  constructor(private readonly options: WalCheckpointerOptions) {
    this.ready = new Promise((resolve) => (this.started = resolve));
    this.exited = new Promise((resolve) => (this.finish = resolve));
  }

  /** True once the worker could not run; the database then checkpoints itself again. */
  get isFailed(): boolean {
    return this.failed;
  }

  /** Starts the thread (once). */
  start(): void {
    if (this.worker || this.closing || this.failed) return;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      name: 'navi-wal-checkpoint',
      workerData: {
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        file: this.options.file,
        nativeBinding: this.options.nativeBinding,
        intervalMs: this.options.intervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS,
        journalSizeLimit: this.options.journalSizeLimit ?? -1,
      },
    });
    this.worker = worker;
    // The database's owner decides when to stop; the thread never holds the process open.
    worker.unref();
    worker.on('message', (message: WorkerMessage) => this.receive(message));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', () => {
      this.started();
      this.fail(new Error('The WAL checkpoint worker stopped.'));
      this.finish(undefined);
    });
  }

  private receive(message: WorkerMessage): void {
    switch (message.type) {
      case 'ready':
        this.started();
        break;
      case 'warning':
        // A passive checkpoint that failed (the disk, a lock): the next one tries again.
        break;
      case 'result': {
        const waiter = this.waiting.get(message.id);
        this.waiting.delete(message.id);
        if (message.result) waiter?.resolve(message.result);
        else waiter?.reject(new Error(message.error ?? 'The checkpoint failed.'));
        break;
      }
      case 'closed':
        this.finish(message.result);
        break;
    }
  }

  private fail(error: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
    if (this.failed || this.closing) return;
    this.failed = true;
    this.options.onFailure(error);
  }

  /** Runs one checkpoint now, on the worker (starting it if needed). */
  checkpoint(mode: CheckpointMode = 'PASSIVE'): Promise<CheckpointResult> {
    this.start();
    const worker = this.worker;
    if (this.failed || this.closing || !worker) {
      return Promise.reject(new Error('The WAL checkpoint worker is not running.'));
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ type: 'checkpoint', id, mode });
    });
  }

  /**
   * Stops the periodic checkpoints, truncates the WAL (call it after the main connection closed,
   * so nothing writes meanwhile) and ends the thread. Resolves with the last checkpoint's result.
   */
  close(): Promise<CheckpointResult | undefined> {
    if (!this.closing) {
      this.closing = true;
      if (!this.worker) this.finish(undefined);
      else if (this.failed) void this.worker.terminate();
      else this.worker.postMessage({ type: 'close' });
    }
    return this.exited;
  }
}
