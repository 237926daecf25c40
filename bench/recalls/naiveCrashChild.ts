// The naive baseline for the kill -9 drill, speaking the same protocol as
// tests/fixtures/recallCrashChild.ts: what a straightforward app does. A reply is written once, when
// it completes; a due recall is run, and marked done after its reply is written; on start, whatever
// is still pending runs. No claim, no checkpoints, no recovery.
import { createInterface } from 'node:readline';
import { randomUUID } from 'node:crypto';
import { openDatabase } from '../../src/core/db/database';
import { SessionStore } from '../../src/core/store/sessionStore';

const file = process.argv[2]!;
const CHUNKS = 20;
const CHUNK_MS = 15;
const say = (line: string): void => void process.stdout.write(`${line}\n`);
const { db } = openDatabase(file);
const sessions = new SessionStore(db);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const busy = new Set<string>();

async function reply(sessionId: string, tag: string): Promise<string> {
  busy.add(sessionId);
  let text = '';
  for (let chunk = 0; chunk < CHUNKS; chunk++) {
    text += chunk === 0 ? `[${tag}] ` : `word${chunk} `;
    if (chunk === 0) say(`STREAMING ${tag}`);
    await pause(CHUNK_MS);
  }
  const stored = sessions.appendMessage({
    sessionId,
    role: 'assistant',
    parts: [{ type: 'text', text }],
    status: 'complete',
    origin: 'user',
  });
  busy.delete(sessionId);
  return stored.id;
}

const due = db.prepare(
  "SELECT id, session_id AS sessionId, message FROM recalls WHERE status = 'pending' AND next_run_at <= ?",
);
const running = new Set<string>();
// The drill's last start waits for this line, as it does with Navi's child: nothing pending or running.
const unsettled = db.prepare("SELECT count(*) FROM recalls WHERE status = 'pending'").pluck();
let settledSaid = false;
const saySettledOnce = (): void => {
  const settled = running.size === 0 && unsettled.get() === 0;
  if (settled && !settledSaid) say('SETTLED');
  settledSaid = settled;
};
setInterval(() => {
  for (const recall of due.all(Date.now()) as { id: string; sessionId: string; message: string }[]) {
    if (running.has(recall.id) || busy.has(recall.sessionId)) continue;
    running.add(recall.id);
    const tag = /\[(\S+)\]/.exec(recall.message)?.[1] ?? 'unknown';
    sessions.appendMessage({
      sessionId: recall.sessionId,
      role: 'user',
      parts: [{ type: 'text', text: recall.message }],
      status: 'complete',
      origin: 'recall',
    });
    void reply(recall.sessionId, tag).then(() => {
      db.prepare("UPDATE recalls SET status = 'done' WHERE id = ?").run(recall.id);
      running.delete(recall.id);
    });
  }
  saySettledOnce();
}, 50);

createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, sessionId = '', ...rest] = line.trim().split(' ');
  if (command === 'send') {
    const tag = rest[0]!;
    if (busy.has(sessionId)) return say(`REFUSED ${tag}`);
    const prompt = sessions.appendMessage({
      sessionId,
      role: 'user',
      parts: [{ type: 'text', text: `[${tag}] a message` }],
      status: 'complete',
      origin: 'user',
    });
    say(`ACK ${tag} ${prompt.id}`);
    void reply(sessionId, tag).then((id) => say(`DONE ${tag} ${id}`));
  } else if (command === 'recall') {
    const [delay = '0', tag = ''] = rest;
    const id = randomUUID();
    db.prepare(
      `INSERT INTO recalls (id, session_id, kind, trigger_at, message, status, created_by, next_run_at, created_at, updated_at)
       VALUES (?, ?, 'once', ?, ?, 'pending', 'user', ?, ?, ?)`,
    ).run(
      id,
      sessionId,
      Date.now() + Number(delay),
      `[${tag}] a recall`,
      Date.now() + Number(delay),
      Date.now(),
      Date.now(),
    );
    say(`SCHEDULED ${tag} ${id}`);
  }
});
say('READY');
