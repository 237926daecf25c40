import type { Database } from 'better-sqlite3';
import type { HeldNotice as SummarisedNotice } from '../../shared/recalls/recallNotice';
import type { Logger } from '../ports';

/** A recall notification held for the end of quiet hours, with the conversation to open. */
export type HeldNotice = SummarisedNotice & { readonly sessionId: string };

/** Where held notices live across a quit, so a summary is not lost when Navi closes at night. */
export interface HeldNoticeStore {
  load(): HeldNotice[];
  save(held: readonly HeldNotice[]): void;
}

/** At most this many are kept (the newest): a night's summary names a handful anyway. */
export const MAX_HELD_NOTICES = 1_000;
const KEY = 'quiet_hours_held';
const MAX_TITLE_CHARS = 500;

function isHeldNotice(value: unknown): value is HeldNotice {
  const notice = value as Partial<HeldNotice> | null;
  return (
    typeof notice === 'object' &&
    notice !== null &&
    (notice.kind === 'fired' || notice.kind === 'failed') &&
    typeof notice.sessionTitle === 'string' &&
    notice.sessionTitle.length <= MAX_TITLE_CHARS &&
    typeof notice.sessionId === 'string' &&
    notice.sessionId.length <= 200
  );
}

/** Held notices as one JSON row of `app_meta`; a damaged row reads as nothing held (and is said once). */
export class AppMetaHeldNotices implements HeldNoticeStore {
  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
  ) {}

  load(): HeldNotice[] {
    const row = this.db.prepare('SELECT value FROM app_meta WHERE key = ?').pluck().get(KEY) as string | undefined;
    if (row === undefined) return [];
    try {
      const parsed = JSON.parse(row) as unknown;
      if (!Array.isArray(parsed)) throw new Error('not a list');
      return parsed.filter(isHeldNotice).slice(-MAX_HELD_NOTICES);
    } catch (error) {
      this.logger.warn('The notifications held for the end of quiet hours could not be read; they are dropped:', error);
      return [];
    }
  }

  save(held: readonly HeldNotice[]): void {
    if (held.length === 0) {
      this.db.prepare('DELETE FROM app_meta WHERE key = ?').run(KEY);
      return;
    }
    this.db
      .prepare('INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(KEY, JSON.stringify(held.slice(-MAX_HELD_NOTICES)));
  }
}
