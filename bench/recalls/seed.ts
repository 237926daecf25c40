import { openDatabase } from '../../src/core/db/database';

export const PENDING_RECALLS = 100_000;
export const TIMED_RECALLS = 1_000;
export const WINDOW_MS = 30_000;
const SESSIONS = TIMED_RECALLS;
const DAY = 86_400_000;

/**
 * A database with 100,000 pending recalls: 1,000 due within 30 s of `windowStart` (one per
 * session, so none waits for another's run) and the rest spread over the next 20 days.
 */
export function seedRecalls(file: string, windowStart: number): void {
  const { db, close } = openDatabase(file);
  const now = Date.now();
  db.transaction(() => {
    const session = db.prepare('INSERT INTO sessions (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)');
    for (let i = 0; i < SESSIONS; i++) session.run(`s${i}`, `Session ${i}`, now, now);
    const recall = db.prepare(`
      INSERT INTO recalls (id, session_id, kind, trigger_at, message, status, created_by, next_run_at, created_at, updated_at)
      VALUES (?, ?, 'once', ?, 'Check in', 'pending', 'user', ?, ?, ?)`);
    for (let i = 0; i < PENDING_RECALLS; i++) {
      const due =
        i < TIMED_RECALLS
          ? windowStart + Math.floor((i / TIMED_RECALLS) * WINDOW_MS)
          : now + DAY + Math.floor(((i * 7919) % PENDING_RECALLS) * ((19 * DAY) / PENDING_RECALLS));
      recall.run(`r${i}`, `s${i % SESSIONS}`, due, due, now, now);
    }
  })();
  close();
}

/** Moves the 1,000 timed recalls to a new window (the other side's run starts later). */
export function shiftWindow(file: string, windowStart: number): void {
  const { db, close } = openDatabase(file);
  const update = db.prepare('UPDATE recalls SET trigger_at = ?, next_run_at = ? WHERE id = ?');
  db.transaction(() => {
    for (let i = 0; i < TIMED_RECALLS; i++) {
      const due = windowStart + Math.floor((i / TIMED_RECALLS) * WINDOW_MS);
      update.run(due, due, `r${i}`);
    }
  })();
  close();
}
