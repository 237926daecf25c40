import { describe, expect, it } from 'vitest';
import { fallbackTitle } from '../../../src/core/agent/generateTitle';
import { retryDelayMs } from '../../../src/core/agent/retryPolicy';
import type { Message } from '../../../src/shared/contract/messages';

const policy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 300 };
const user = (text: string): Message => ({
  id: 'm',
  sessionId: 's',
  parentId: null,
  position: 0,
  role: 'user',
  parts: [{ type: 'text', text }],
  status: 'complete',
  origin: 'user',
  createdAt: 0,
});

describe('retry delays', () => {
  it('double per attempt, are capped, and follow Retry-After within the cap', () => {
    expect([1, 2, 3].map((attempt) => retryDelayMs(policy, attempt))).toEqual([100, 200, 300]);
    expect(retryDelayMs(policy, 1, 250)).toBe(250);
    expect(retryDelayMs(policy, 1, 60_000)).toBe(300);
  });
});

describe('fallbackTitle', () => {
  it('uses the first six words of the first user message, shortened to 60 characters', () => {
    expect(fallbackTitle([user('Fix the flaky deploy test')])).toBe('Fix the flaky deploy test');
    expect(fallbackTitle([user('  one two three four five six seven eight ')])).toBe('one two three four five six…');
    expect(fallbackTitle([user('x'.repeat(100))])).toBe(`${'x'.repeat(59)}…`);
    expect(fallbackTitle([user('   ')])).toBe('New conversation');
    expect(fallbackTitle([])).toBe('New conversation');
  });
});
