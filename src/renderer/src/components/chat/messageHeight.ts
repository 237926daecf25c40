import type { Message } from '../../../../shared/contract';

/** Characters on a line of the message column, roughly (840 px column, 15 px text). */
const CHARS_PER_LINE = 90;
const LINE_PX = 24;
/** The toolbar, paddings and margins around a message's text. */
const FRAME_PX = 48;
/** A card per tool call, attachment or other part that is not text. */
const PART_PX = 56;
/** A guess only has to be near: the row is measured as soon as it renders. */
const MAX_ESTIMATE_PX = 4_000;

/** Guesses are asked for every row each time one is measured: each message is looked at once. */
const estimates = new WeakMap<Message, number>();

/** A guess at a message's height before its row is measured: rows far away are laid out by it. */
export function estimateMessageHeight(message: Message): number {
  let estimate = estimates.get(message);
  if (estimate === undefined) {
    estimate = estimateOf(message);
    estimates.set(message, estimate);
  }
  return estimate;
}

function estimateOf(message: Message): number {
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
  return Math.min(MAX_ESTIMATE_PX, FRAME_PX + Math.max(1, lines) * LINE_PX + others * PART_PX);
}
