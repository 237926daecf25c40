import type { Message } from '../../../../shared/contract';

/** Characters on a line of the message column, roughly (840 px column, 15 px text). */
const CHARS_PER_LINE = 90;
/** What a line counted that way is taken to be until rows have been measured (see learnMessageHeight). */
export const INITIAL_LINE_PX = 24;
/** The toolbar, paddings and margins around a message's text. */
const FRAME_PX = 48;
/** A card per tool call, attachment or other part that is not text. */
const PART_PX = 56;
/** A guess only has to be near: the row is measured as soon as it renders. */
const MAX_ESTIMATE_PX = 4_000;
/** Only text this long (in lines counted) says much about a line's height; a short row is mostly its frame. */
const LEARN_FROM_LINES = 4;
/** How far one measured row moves the learnt line height (a running average over the rows measured). */
const LEARN_WEIGHT = 0.2;
/** Bounds of the learnt line height: a row measured while hidden or half laid out cannot take it far. */
const MIN_LINE_PX = 8;
const MAX_LINE_PX = 48;

interface Shape {
  /** Lines of text, counted at CHARS_PER_LINE with each line break one more. */
  readonly lines: number;
  /** Parts that are not text (cards). */
  readonly others: number;
}

/** Guesses are asked for every row each time one is measured: each message is looked at once. */
const shapes = new WeakMap<Message, Shape>();

/**
 * What a counted line of text has measured in this window: the height of the text in rows measured
 * lately, per line counted. The column's width, the font and the line's length in characters all
 * differ from the counting's assumptions, and are the same for every conversation in a window: a
 * list opens with its rows guessed as the rows before them measured, so the rows its first render
 * takes as in view are the ones that are (a guess 40% too tall left rows out, and the render after
 * the measurement put them in, measured and laid them out before the first paint).
 */
let learntLinePx = INITIAL_LINE_PX;

/** The line height guesses use now: a list takes it as it opens and keeps it (see MessageList). */
export function messageLinePx(): number {
  return learntLinePx;
}

/** A guess at a message's height before its row is measured: rows far away are laid out by it. */
export function estimateMessageHeight(message: Message, linePx: number = INITIAL_LINE_PX): number {
  const { lines, others } = shapeOf(message);
  return Math.min(MAX_ESTIMATE_PX, Math.round(FRAME_PX + Math.max(1, lines) * linePx + others * PART_PX));
}

/** A row of this message measured `measuredPx` tall: later guesses learn the line's height from it. */
export function learnMessageHeight(message: Message, measuredPx: number): void {
  const { lines, others } = shapeOf(message);
  if (others > 0 || lines < LEARN_FROM_LINES || !(measuredPx > FRAME_PX)) return;
  const linePx = Math.min(MAX_LINE_PX, Math.max(MIN_LINE_PX, (measuredPx - FRAME_PX) / lines));
  learntLinePx += (linePx - learntLinePx) * LEARN_WEIGHT;
}

/** Back to what a new window starts with (tests). */
export function forgetLearntHeights(): void {
  learntLinePx = INITIAL_LINE_PX;
}

function shapeOf(message: Message): Shape {
  let shape = shapes.get(message);
  if (shape === undefined) {
    shape = countShape(message);
    shapes.set(message, shape);
  }
  return shape;
}

function countShape(message: Message): Shape {
  let lines = 0;
  let others = 0;
  for (const part of message.parts) {
    if (part.type !== 'text') {
      others++;
      continue;
    }
    const text = part.text;
    let breaks = 0;
    for (let at = text.indexOf('\n'); at >= 0 && breaks < 200; at = text.indexOf('\n', at + 1)) breaks++;
    lines += Math.ceil(text.length / CHARS_PER_LINE) + breaks;
  }
  return { lines, others };
}
