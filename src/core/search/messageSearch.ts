import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { MAX_SEARCH_RESULTS } from '../../shared/contract/limits';
import { RpcError } from '../../shared/rpc';
import type { Logger } from '../ports';
import { planSearch, type SearchPlan } from './searchPlan';

/** What one search found, newest first within each kind. */
export interface SearchMatches {
  /** Conversations whose title contains the query, most recent activity first. */
  readonly titles: readonly string[];
  /** Conversations with matching message text, by their newest matching message, with that message. */
  readonly messages: readonly { readonly sessionId: string; readonly messageId: string; readonly snippet: string }[];
}

export interface MessageSearchOptions {
  readonly file: string;
  /** The better-sqlite3 addon the main connection uses (the Electron build differs from Node's). */
  readonly nativeBinding?: string;
  readonly logger: Logger;
  /** Conversations per search (title and message matches together). */
  readonly limit?: number;
  /**
   * Matching messages looked at, newest first, to find conversations: a word in nearly every
   * message then costs as much as a rarer one, and no search ranks every match.
   */
  readonly candidateCap?: number;
}

export const DEFAULT_CANDIDATE_CAP = 5_000;
/** How often (in candidate rows) the worker looks whether its search was cancelled. */
const CANCEL_CHECK_ROWS = 64;

/** The SQL function through which the candidate query asks the worker whether a row is wanted. */
const CLAIM_FUNCTION = 'navi_search_claim';

/** The statements the worker prepares; kept here so the SQL reads as SQL. */
const STATEMENTS = {
  titles: "SELECT id FROM sessions WHERE title LIKE ? ESCAPE '\\' ORDER BY updated_at DESC LIMIT +?",
  // One pass, joined in SQL (a lookup per candidate from JavaScript costs several times more). The
  // snippet is made here, while FTS5 stands on the row, and only for a row the worker claims (its
  // conversation's newest match): a snippet query per conversation would evaluate the MATCH again
  // each time, and a prefix term with no prefix index reads and merges its whole doclist per
  // evaluation (a hundred of those cost over a second on a million messages). CASE evaluates the
  // snippet only when the claim says so; '' still marks a claimed row.
  candidates: `SELECT m.session_id, m.id,
      CASE WHEN ${CLAIM_FUNCTION}(m.session_id) THEN COALESCE(snippet(message_search, 0, '', '', '…', 12), '') END
    FROM message_search JOIN messages m ON m.rowid = message_search.rowid
    WHERE message_search MATCH ? ORDER BY message_search.rowid DESC LIMIT +?`,
  // An interrupted reply (streaming now, or cut off by a crash) is indexed in pieces (migration 19);
  // its conversation is claimed the same way, by its newest matching piece.
  pieceCandidates: `SELECT m.session_id, m.id,
      CASE WHEN ${CLAIM_FUNCTION}(m.session_id) THEN COALESCE(snippet(reply_piece_search, 0, '', '', '…', 12), '') END
    FROM reply_piece_search CROSS JOIN reply_pieces p ON p.id = reply_piece_search.rowid
      CROSS JOIN messages m ON m.rowid = p.message_rowid
    WHERE reply_piece_search MATCH ? ORDER BY reply_piece_search.rowid DESC LIMIT +?`,
} as const;

/**
 * The worker's program, as source text like the WAL checkpointer's (it starts the same under tsx,
 * in tests and from the desktop bundle). It reads on its own read-only connection, one search at
 * a time; a search whose flag was raised (cancelled or superseded) stops at the next check.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true, ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}) });
db.pragma('busy_timeout = 5000');
const sql = workerData.statements;
// Asked by the candidate query for each row: whether this search wants the row (with a snippet).
let claim = null;
db.function(workerData.claimFunction, { deterministic: false, directOnly: true }, (sessionId) => (claim !== null && claim(sessionId) ? 1 : 0));
const titles = db.prepare(sql.titles).pluck();
const candidates = db.prepare(sql.candidates).raw();
const pieceCandidates = db.prepare(sql.pieceCandidates).raw();
function search({ plan, limit, candidateCap, cancel }) {
  const cancelled = () => Atomics.load(cancel, 0) !== 0;
  if (cancelled()) return { cancelled: true };
  const titleIds = titles.all(plan.titlePattern, limit);
  const messages = [];
  const wanted = limit - titleIds.length;
  if (plan.match && wanted > 0) {
    // A conversation is claimed by its newest matching message, unless its title matched already.
    const taken = new Set(titleIds);
    claim = (sessionId) => {
      if (taken.has(sessionId) || taken.size - titleIds.length >= wanted) return false;
      taken.add(sessionId);
      return true;
    };
    try {
      let seen = 0;
      // Interrupted replies first: few, and mostly the one streaming now, the newest of all.
      for (const found of [pieceCandidates, candidates]) {
        for (const [sessionId, messageId, snippet] of found.iterate(plan.match, candidateCap)) {
          if (++seen % workerData.cancelCheckRows === 0 && cancelled()) return { cancelled: true };
          if (snippet === null) continue;
          messages.push({ sessionId, messageId, snippet });
          if (messages.length >= wanted) break;
        }
        if (messages.length >= wanted) break;
      }
    } finally {
      claim = null;
    }
  }
  if (cancelled()) return { cancelled: true };
  return { titles: titleIds, messages };
}
parentPort.on('message', (message) => {
  if (message.type === 'search') {
    try { parentPort.postMessage({ type: 'result', id: message.id, ...search(message) }); }
    catch (error) { parentPort.postMessage({ type: 'result', id: message.id, error: String(error && error.message) }); }
  } else if (message.type === 'close') {
    db.close();
    parentPort.close();
  }
});
`;

type WorkerAnswer = {
  type: 'result';
  id: number;
  cancelled?: boolean;
  error?: string;
} & Partial<SearchMatches>;

interface Waiting {
  resolve(matches: SearchMatches): void;
  reject(error: Error): void;
}

const NOTHING: SearchMatches = { titles: [], messages: [] };

function cancelledError(): RpcError {
  return new RpcError('cancelled', 'The search was replaced by a newer one.');
}

/**
 * Searches conversation titles and message text (every branch) on a worker thread with its own
 * read-only connection, so a search never holds up the event loop that every window's messages go
 * through. Matches are found newest first from a capped set of candidates instead of ranking every
 * match; a cancelled call stops its search in the worker.
 */
export class MessageSearch {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  private closed = false;

  constructor(private readonly options: MessageSearchOptions) {}

  async search(query: string, signal?: AbortSignal): Promise<SearchMatches> {
    const plan = planSearch(query);
    if (!plan) return NOTHING;
    if (signal?.aborted) throw cancelledError();
    return this.run(plan, signal);
  }

  private run(plan: SearchPlan, signal: AbortSignal | undefined): Promise<SearchMatches> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    const cancel = new Int32Array(new SharedArrayBuffer(4));
    return new Promise<SearchMatches>((resolve, reject) => {
      const onAbort = (): void => {
        Atomics.store(cancel, 0, 1);
        this.waiting.delete(id);
        reject(cancelledError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = (): void => signal?.removeEventListener('abort', onAbort);
      this.waiting.set(id, {
        resolve: (matches) => {
          done();
          resolve(matches);
        },
        reject: (error) => {
          done();
          reject(error);
        },
      });
      worker.postMessage({
        type: 'search',
        id,
        plan,
        limit: this.options.limit ?? MAX_SEARCH_RESULTS,
        candidateCap: this.options.candidateCap ?? DEFAULT_CANDIDATE_CAP,
        cancel,
      });
    });
  }

  private ensureWorker(): Worker {
    if (this.closed) throw new RpcError('busy', 'Search is closed: Navi is shutting down.');
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      name: 'navi-search',
      workerData: {
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        file: this.options.file,
        nativeBinding: this.options.nativeBinding,
        statements: STATEMENTS,
        claimFunction: CLAIM_FUNCTION,
        cancelCheckRows: CANCEL_CHECK_ROWS,
      },
    });
    // It never holds the process open; the core closes it.
    worker.unref();
    worker.on('message', (answer: WorkerAnswer) => this.receive(answer));
    worker.on('error', (error) => this.lose(worker, error));
    worker.on('exit', () => this.lose(worker, new Error('The search worker stopped.')));
    this.worker = worker;
    return worker;
  }

  private receive(answer: WorkerAnswer): void {
    const waiter = this.waiting.get(answer.id);
    this.waiting.delete(answer.id);
    if (!waiter) return; // cancelled meanwhile
    if (answer.cancelled) waiter.reject(cancelledError());
    else if (answer.error !== undefined) waiter.reject(new RpcError('internal', `Search failed: ${answer.error}`));
    else waiter.resolve({ titles: answer.titles ?? [], messages: answer.messages ?? [] });
  }

  /** The worker is gone: searches waiting on it fail readably; the next search starts a new one. */
  private lose(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    if (!this.closed) this.options.logger.warn('The search worker stopped:', error);
    for (const waiter of this.waiting.values()) {
      waiter.reject(new RpcError('internal', 'Search stopped unexpectedly. Try again.'));
    }
    this.waiting.clear();
  }

  /** Ends the worker; searches still waiting fail. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ type: 'close' });
    await exited;
  }
}
