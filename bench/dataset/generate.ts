import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { openDatabase } from '../../src/core/db/database';
import { RARE_WORDS, drawWord, sentences } from './words';

export interface DatasetShape {
  readonly conversations: number;
  readonly messages: number;
  /** Conversations whose active branch has LARGE_CONVERSATION_MESSAGES messages. */
  readonly large: number;
}

export const LARGE_CONVERSATION_MESSAGES = 5_000;
export const FULL_SHAPE: DatasetShape = { conversations: 10_000, messages: 1_000_000, large: 10 };

/** What was generated, for the benchmarks to aim at (written beside the database). */
export interface DatasetManifest {
  readonly shape: DatasetShape;
  /** Every conversation's id, most recent activity first. */
  readonly sessionIds: readonly string[];
  /** The 5,000-message conversations, with the id of the last message of each one's active branch. */
  readonly large: readonly { readonly id: string; readonly leafId: string }[];
  /** Ordinary conversations (20–200 messages) with their leaf ids, most recent first. */
  readonly typical: readonly { readonly id: string; readonly leafId: string; readonly messages: number }[];
  readonly archived: number;
  readonly branched: number;
  readonly rareWords: Readonly<Record<string, number>>;
  readonly generatedAt: number;
}

const SEED = 17;
const MINUTE = 60_000;
const DAY = 86_400_000;
/** Message rows per write transaction while generating. */
const TRANSACTION_ROWS = 20_000;

function gaussian(rng: RandomGenerator): number {
  const u = Math.max(uniformFloat64(rng), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniformFloat64(rng));
}

function between(rng: RandomGenerator, low: number, high: number): number {
  return low + Math.floor(uniformFloat64(rng) * (high - low + 1));
}

const hex = (rng: RandomGenerator, digits: number): string =>
  Math.floor(uniformFloat64(rng) * 16 ** digits)
    .toString(16)
    .padStart(digits, '0');

/** A UUID-shaped id (ids have the size of real ones, so the indexes do too). */
const uuid = (rng: RandomGenerator): string =>
  `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-a${hex(rng, 3)}-${hex(rng, 12)}`;

/** How many messages each conversation has: a few very long ones, the rest log-normally spread. */
function messageCounts(rng: RandomGenerator, shape: DatasetShape): number[] {
  const counts = new Array<number>(shape.conversations);
  const largeTotal = shape.large * LARGE_CONVERSATION_MESSAGES;
  const rest = shape.messages - largeTotal;
  const others = shape.conversations - shape.large;
  const weights = Array.from({ length: others }, () => Math.exp(1.1 * gaussian(rng)));
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  let assigned = largeTotal;
  for (let i = 0; i < others; i++) {
    const count = Math.max(2, Math.min(3_000, Math.round((rest * weights[i]!) / weightSum)));
    counts[shape.large + i] = count;
    assigned += count;
  }
  for (let i = 0; i < shape.large; i++) counts[i] = LARGE_CONVERSATION_MESSAGES;
  // Rounding leaves the total a little off: even it out over the ordinary conversations.
  for (let i = shape.large; assigned !== shape.messages; i = i + 1 >= shape.conversations ? shape.large : i + 1) {
    const step = assigned < shape.messages ? 1 : -1;
    if (step < 0 && counts[i]! <= 2) continue;
    counts[i]! += step;
    assigned += step;
  }
  return counts;
}

const CODE_SNIPPETS = [
  'const total = items.reduce((sum, item) => sum + item.price, 0);\nconsole.log(`total: ${total}`);',
  'def retry(fn, attempts=3):\n    for attempt in range(attempts):\n        try:\n            return fn()\n        except IOError:\n            continue',
  'SELECT id, title FROM notes\nWHERE updated_at > ?\nORDER BY updated_at DESC\nLIMIT 20;',
  'git switch -c fix/cache\ngit commit -am "Fix the cache key"\ngit push -u origin HEAD',
];

function userText(rng: RandomGenerator): string {
  const text = sentences(rng, between(rng, 4, 40));
  return uniformFloat64(rng) < 0.4 ? `${text.slice(0, -1)}?` : text;
}

/** A reply in markdown: paragraphs, sometimes a list or a code block. */
function assistantText(rng: RandomGenerator): string {
  const blocks: string[] = [];
  const paragraphs = between(rng, 1, 3);
  for (let p = 0; p < paragraphs; p++) blocks.push(sentences(rng, between(rng, 15, 80)));
  const extra = uniformFloat64(rng);
  if (extra < 0.15) {
    const items = between(rng, 2, 5);
    blocks.push(
      Array.from({ length: items }, () => `- **${drawWord(rng)}**: ${sentences(rng, between(rng, 4, 12))}`).join('\n'),
    );
  } else if (extra < 0.25) {
    blocks.push('```\n' + CODE_SNIPPETS[between(rng, 0, CODE_SNIPPETS.length - 1)]! + '\n```');
  }
  return blocks.join('\n\n');
}

function title(rng: RandomGenerator): string {
  const words = Array.from({ length: between(rng, 2, 6) }, () => drawWord(rng));
  return words.join(' ').replace(/^./, (first) => first.toUpperCase());
}

/** One conversation's messages in the order they were written: roles and parents (indexes into the list). */
interface ConversationPlan {
  readonly id: string;
  readonly ids: string[];
  readonly parents: Int32Array;
  readonly roles: Uint8Array;
  readonly start: number;
  readonly spacing: number;
  readonly leaf: number;
}

/** Plans conversation `c`: the active branch, plus an abandoned version at each fork. */
function planConversation(rng: RandomGenerator, total: number, c: number, end: number): ConversationPlan {
  const forks = new Set<number>();
  if (total >= LARGE_CONVERSATION_MESSAGES) {
    for (let at = 999; at < total - 10; at += 1000) forks.add(at);
  } else if (c % 8 === 3 && total >= 8) {
    forks.add(2 * between(rng, 1, Math.floor((total - 5) / 2)) - 1);
  }
  const parents = new Int32Array(total);
  const roles = new Uint8Array(total);
  let written = 0;
  const write = (role: number, parent: number): number => {
    parents[written] = parent;
    roles[written] = role;
    return written++;
  };
  let previous = -1;
  for (let i = 0; written < total; i++) {
    const role = i % 2;
    if (forks.has(i)) {
      // An earlier version of this reply, followed up once, then regenerated: a fork.
      const abandoned = write(role, previous);
      const followUp = write(1 - role, abandoned);
      write(role, followUp);
    }
    previous = write(role, previous);
  }
  const spacing = between(rng, 1, 6) * MINUTE;
  return {
    id: uuid(rng),
    ids: Array.from({ length: total }, () => uuid(rng)),
    parents,
    roles,
    start: end - total * spacing,
    spacing,
    leaf: previous,
  };
}

/**
 * Writes a conversation database of `shape` into `file` (a new Navi database, migrated by Navi's
 * own code): the same every time for the same shape, except that times are relative to `now`
 * (some conversations are from today, some from years ago). Messages are written in the order of
 * their times across all conversations, as they would have been. Messages form trees: every eighth
 * conversation has a regenerated reply whose earlier version was followed up, and the long ones
 * fork every thousand messages, as edits and regenerations leave them.
 */
export function generateDataset(
  file: string,
  shape: DatasetShape,
  now: number,
  log: (line: string) => void,
): DatasetManifest {
  const rng = xoroshiro128plus(SEED);
  const counts = messageCounts(rng, shape);
  // Which messages (by overall ordinal) carry a planted word.
  const planted = new Map<number, string>();
  for (const [word, count] of Object.entries(RARE_WORDS)) {
    for (let j = 0; j < count; j++) planted.set(Math.floor(((j + 0.37) * shape.messages) / count), word);
  }
  const plans: ConversationPlan[] = [];
  for (let c = 0; c < shape.conversations; c++) {
    // Last activity: a few today and yesterday, more this week, the rest over two years.
    const ageDays =
      c < 40 ? uniformFloat64(rng) * 2 : c < 200 ? 2 + uniformFloat64(rng) * 6 : 8 + uniformFloat64(rng) ** 2 * 720;
    plans.push(planConversation(rng, counts[c]!, c, now - Math.floor(ageDays * DAY)));
  }
  // Every message's time, and the write order: by time across conversations.
  const owner = new Int32Array(shape.messages);
  const times = new Float64Array(shape.messages);
  let k = 0;
  plans.forEach((plan, c) => {
    for (let i = 0; i < plan.ids.length; i++, k++) {
      owner[k] = c;
      times[k] = plan.start + (i + 1) * plan.spacing;
    }
  });
  const order = Uint32Array.from({ length: shape.messages }, (_, i) => i).sort(
    (a, b) => times[a]! - times[b]! || owner[a]! - owner[b]!,
  );

  const opened = openDatabase(file, { checkpoints: 'auto' });
  const { db } = opened;
  db.pragma('synchronous = OFF');
  const insertSession = db.prepare(
    `INSERT INTO sessions (id, title, created_at, updated_at, archived, active_leaf_id, pinned, unread)
     VALUES (@id, @title, @createdAt, @updatedAt, @archived, @leaf, @pinned, @unread)`,
  );
  const insertMessage = db.prepare(
    `INSERT INTO messages (id, session_id, parent_id, position, selected_rank, role, parts, status, origin, created_at)
     VALUES (@id, @sessionId, @parentId, @position, @position, @role, @parts, 'complete', @origin, @createdAt)`,
  );
  let archived = 0;
  try {
    db.transaction(() => {
      plans.forEach((plan, c) => {
        const isArchived = c >= shape.large && c % 37 === 5;
        if (isArchived) archived++;
        insertSession.run({
          id: plan.id,
          title: title(rng),
          createdAt: plan.start,
          updatedAt: plan.start + plan.ids.length * plan.spacing,
          archived: isArchived ? 1 : 0,
          leaf: plan.ids[plan.leaf],
          pinned: c >= shape.large && c % 1999 === 7 ? 1 : 0,
          unread: c % 997 === 11 ? 1 : 0,
        });
      });
    })();
    const cursor = new Int32Array(shape.conversations);
    const writeSome = db.transaction((from: number, to: number) => {
      for (let ordinal = from; ordinal < to; ordinal++) {
        const c = owner[order[ordinal]!]!;
        const plan = plans[c]!;
        const i = cursor[c]!++;
        const role = plan.roles[i] === 0 ? 'user' : 'assistant';
        let text = role === 'user' ? userText(rng) : assistantText(rng);
        const word = planted.get(ordinal);
        if (word) text += ` The ${word} came up again.`;
        const parent = plan.parents[i]!;
        insertMessage.run({
          id: plan.ids[i],
          sessionId: plan.id,
          parentId: parent < 0 ? null : plan.ids[parent],
          position: i + 1,
          role,
          parts: JSON.stringify([{ type: 'text', text }]),
          origin: 'user',
          createdAt: plan.start + (i + 1) * plan.spacing,
        });
      }
    });
    for (let from = 0; from < shape.messages; from += TRANSACTION_ROWS) {
      writeSome(from, Math.min(shape.messages, from + TRANSACTION_ROWS));
      if ((from + TRANSACTION_ROWS) % 100_000 === 0)
        log(`  ${(from + TRANSACTION_ROWS).toLocaleString('en-US')} messages…`);
    }
  } finally {
    db.pragma('wal_checkpoint(TRUNCATE)');
    opened.close();
  }
  const sessions = plans.map((plan, c) => ({
    id: plan.id,
    updatedAt: plan.start + plan.ids.length * plan.spacing,
    leafId: plan.ids[plan.leaf]!,
    messages: plan.ids.length,
    archived: c >= shape.large && c % 37 === 5,
  }));
  const recentFirst = [...sessions].sort((a, b) => b.updatedAt - a.updatedAt);
  return {
    shape,
    sessionIds: recentFirst.map((session) => session.id),
    large: sessions.slice(0, shape.large).map(({ id, leafId }) => ({ id, leafId })),
    typical: recentFirst
      .filter((session) => !session.archived && session.messages >= 20 && session.messages <= 200)
      .slice(0, 50)
      .map(({ id, leafId, messages }) => ({ id, leafId, messages })),
    archived,
    branched: plans.filter(
      (plan, c) => plan.ids.length >= LARGE_CONVERSATION_MESSAGES || (c % 8 === 3 && plan.ids.length >= 8),
    ).length,
    rareWords: RARE_WORDS,
    generatedAt: now,
  };
}
