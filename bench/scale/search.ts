import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { CallContext } from '../../src/shared/rpc';
import { databaseFile } from '../../src/core/paths';
import { StallProbe, now } from '../lib/timing';
import { alternate, budgetRow, rowOf } from '../lib/sides';
import type { BenchRow } from '../lib/types';
import type { Dataset } from '../dataset';
import { openCore } from './openCore';

const RUNS = 5;
export const SEARCH_BUDGET_MS = 50;

/** What people type: a word in nearly every message, a rare one, one letter, two, and two words. */
export const SEARCH_QUERIES = [
  { label: 'common word "the"', query: 'the' },
  { label: 'rare word "kumquat" (5 messages)', query: 'kumquat' },
  { label: 'one typed letter "t"', query: 't' },
  { label: 'two typed letters "th"', query: 'th' },
  { label: 'two words "release plan"', query: 'release plan' },
] as const;

interface SearchReading {
  readonly ms: number;
  /** The longest the core's event loop was held while the search ran. */
  readonly blockMs: number;
  readonly results: number;
}

/**
 * Round 1's search, the baseline: every match ranked (`ORDER BY rank`) with its snippet, on the
 * core's own connection and thread, then the title matches.
 */
function roundOneSearch(db: Database, query: string): number {
  const words = query.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return 0;
  const like = `%${query.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const titles = db
    .prepare("SELECT id FROM sessions WHERE title LIKE ? ESCAPE '\\' ORDER BY updated_at DESC LIMIT 200")
    .pluck()
    .all(like) as string[];
  const content = db
    .prepare(
      `SELECT m.session_id, snippet(message_search, 0, '', '', '…', 12) AS snippet
       FROM message_search JOIN messages m ON m.rowid = message_search.rowid
       WHERE message_search MATCH ? ORDER BY rank LIMIT 200`,
    )
    .all(words.map((word) => `"${word}"*`).join(' ')) as { session_id: string }[];
  return new Set([...titles, ...content.map((row) => row.session_id)]).size;
}

/** A call as the host makes it, from no connection in particular. */
const inProcessCall = (): CallContext => ({
  signal: new AbortController().signal,
  peerId: 'bench',
  isCongested: () => false,
});

async function measure(run: () => Promise<number> | number): Promise<SearchReading> {
  const probe = new StallProbe();
  probe.start();
  const start = now();
  const results = await run();
  const ms = now() - start;
  return { ms, blockMs: probe.stop(), results };
}

/**
 * Issue 17 parts 3 and 5: conversation search on the generated data set. Navi's sessions.search
 * (newest matches from a capped candidate set, on a worker's own connection) against round 1's
 * search (every match ranked, on the core thread), with how long each held the event loop.
 */
export async function searchRows(dataset: Dataset, log: (line: string) => void): Promise<BenchRow[]> {
  const core = openCore(dataset.dataDir);
  // Round 1 searched on the core's connection, on its thread: the same file, on this thread.
  const roundOne = new BetterSqlite3(databaseFile(dataset.dataDir), { readonly: true });
  const rows: BenchRow[] = [];
  const navi = async (query: string) => (await core.services.sessions.search({ query }, inProcessCall())).length;
  try {
    // The worker starts on the first search: warm both sides' caches once.
    await navi('warm');
    roundOneSearch(roundOne, 'warm');
    for (const { label, query } of SEARCH_QUERIES) {
      const runs = await alternate(RUNS, (side) =>
        measure(side === 'navi' ? () => navi(query) : () => roundOneSearch(roundOne, query)),
      );
      const benchmark = `scale/search: ${label}`;
      const timeRow = rowOf(runs, { benchmark, metric: 'time to results', unit: 'ms', better: 'lower' }, (r) => r.ms);
      log(`  ${label}: Navi ${timeRow.navi.toFixed(1)} ms, round 1 ${timeRow.naive.toFixed(1)} ms`);
      rows.push(
        timeRow,
        budgetRow(
          runs.navi.map((r) => r.ms),
          { benchmark, metric: 'time to results', unit: 'ms', better: 'lower', budget: SEARCH_BUDGET_MS },
        ),
        rowOf(
          runs,
          { benchmark, metric: 'longest event-loop block while searching', unit: 'ms', better: 'lower', noiseFloor: 1 },
          (r) => r.blockMs,
        ),
        rowOf(runs, { benchmark, metric: 'conversations found', unit: '', better: 'higher' }, (r) => r.results),
      );
    }
  } finally {
    roundOne.close();
    await core.close();
  }
  return rows;
}
