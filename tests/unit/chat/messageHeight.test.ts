import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../../src/shared/contract';
import {
  estimateMessageHeight,
  forgetLearntHeights,
  INITIAL_LINE_PX,
  learnMessageHeight,
  messageLinePx,
} from '../../../src/renderer/src/components/chat/messageHeight';

let next = 0;
function message(text: string, extraParts: Message['parts'] = []): Message {
  return {
    id: `m${next++}`,
    sessionId: 's',
    parentId: null,
    role: 'assistant',
    parts: [{ type: 'text', text }, ...extraParts],
    status: 'complete',
    createdAt: 0,
  } as unknown as Message;
}

/** 900 characters: 10 lines as counted (90 to a line). */
const prose = 'Some words to fill a line or two. '.repeat(26).slice(0, 900);

afterEach(forgetLearntHeights);

describe('guessing a message row’s height', () => {
  it('guesses with the line height rows measured lately, as the next list opens', () => {
    const first = estimateMessageHeight(message(prose), messageLinePx());
    expect(messageLinePx()).toBe(INITIAL_LINE_PX);
    expect(first).toBe(48 + 10 * INITIAL_LINE_PX);
    // This window lays such a row out in 210 px: 16 px per line counted.
    for (let i = 0; i < 20; i++) learnMessageHeight(message(prose), 48 + 160);
    const learnt = estimateMessageHeight(message(prose), messageLinePx());
    expect(Math.abs(learnt - 208)).toBeLessThan(5);
    // A list that opened before keeps guessing as it did: its rows do not move under the reader.
    expect(estimateMessageHeight(message(prose), INITIAL_LINE_PX)).toBe(first);
  });

  it('learns from rows of text only, long enough to tell, within bounds', () => {
    learnMessageHeight(message('Short.'), 500);
    const picture = {
      type: 'attachment',
      id: 'f',
      name: 'a.png',
      kind: 'image',
      mediaType: 'image/png',
      size: 1,
    } as const;
    learnMessageHeight(message(prose, [picture]), 900);
    learnMessageHeight(message(prose), 0);
    expect(messageLinePx()).toBe(INITIAL_LINE_PX);
    for (let i = 0; i < 50; i++) learnMessageHeight(message(prose), 100_000);
    expect(messageLinePx()).toBeLessThanOrEqual(48);
  });
});
