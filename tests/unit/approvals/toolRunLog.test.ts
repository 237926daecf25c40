import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ToolRunLog, type NewToolRun } from '../../../src/core/approvals/toolRunLog';
import { openDatabase } from '../../../src/core/db/database';
import { SessionStore } from '../../../src/core/store/sessionStore';
import {
  MAX_TOOL_RUN_LOG_ENTRIES,
  MAX_TOOL_RUN_LOG_INPUT_CHARS,
  MAX_TOOL_RUN_LOG_PAGE,
} from '../../../src/shared/contract';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();

function open() {
  const database = openDatabase(join(tempDir(), 'navi.db'));
  const sessions = new SessionStore(database.db, () => 1);
  const log = new ToolRunLog(database.db, () => 2);
  const call = (sessionId: string, n: number, input: unknown = { n }): NewToolRun => ({
    sessionId,
    runId: 'run1',
    toolCallId: `call_${n}`,
    toolName: 'mcp__docs__search',
    toolLabel: 'search',
    serverName: 'Docs',
    input,
    origin: 'user',
    decision: 'allowed',
    decidedBy: 'rule',
    reason: 'Allowed by your setting for the server Docs',
  });
  return { database, sessions, log, call };
}

describe('the tool-run log keeps within its limits', () => {
  it('cuts long arguments to the limit and says so; short ones are kept whole', () => {
    const { database, sessions, log, call } = open();
    const { id } = sessions.createSession('Docs');
    log.record(call(id, 1, { q: 'ferry' }));
    log.record(call(id, 2, { q: 'x'.repeat(MAX_TOOL_RUN_LOG_INPUT_CHARS * 3) }));
    const [long, short] = log.page(id, { limit: 10 }).entries;
    expect(short).toMatchObject({ input: { q: 'ferry' }, inputTruncated: false });
    expect(long!.inputTruncated).toBe(true);
    expect(long!.input).toBe(`{"q":"${'x'.repeat(MAX_TOOL_RUN_LOG_INPUT_CHARS - 6)}…`);
    database.close();
  });

  it('keeps the newest entries per conversation (the oldest go), other conversations untouched', () => {
    const { database, sessions, log, call } = open();
    const busy = sessions.createSession('Busy').id;
    const quiet = sessions.createSession('Quiet').id;
    log.record(call(quiet, 0));
    const extra = 5;
    database.db.transaction(() => {
      for (let n = 1; n <= MAX_TOOL_RUN_LOG_ENTRIES + extra; n++) log.record(call(busy, n));
    })();
    const count = (sessionId: string) =>
      (
        database.db.prepare('SELECT count(*) AS n FROM tool_runs WHERE session_id = ?').get(sessionId) as {
          n: number;
        }
      ).n;
    expect(count(busy)).toBe(MAX_TOOL_RUN_LOG_ENTRIES);
    expect(count(quiet)).toBe(1);

    // Paged newest first, at most a page at a time, down to the oldest kept.
    const seen: number[] = [];
    let beforeId: number | undefined;
    for (;;) {
      const page = log.page(busy, { beforeId, limit: MAX_TOOL_RUN_LOG_PAGE });
      expect(page.entries.length).toBeLessThanOrEqual(MAX_TOOL_RUN_LOG_PAGE);
      seen.push(...page.entries.map((entry) => (entry.input as { n: number }).n));
      if (!page.hasMore) break;
      beforeId = page.entries.at(-1)!.id;
    }
    expect(seen[0]).toBe(MAX_TOOL_RUN_LOG_ENTRIES + extra);
    expect(seen.at(-1)).toBe(extra + 1);
    expect(seen).toHaveLength(MAX_TOOL_RUN_LOG_ENTRIES);
    database.close();
  });
});
