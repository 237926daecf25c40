import { describe, expect, it } from 'vitest';
import { replyWaitText } from '../../../src/renderer/src/components/chat/replyWaitText';

const t0 = 1_700_000_000_000;
const waiting = (attempt = 1) => ({
  phase: 'waiting' as const,
  since: t0,
  giveUpAt: t0 + 120_000,
  attempt,
  maxAttempts: 3,
});

describe('what a waiting reply says', () => {
  it('stays quiet for the first seconds, then counts how long it has waited and when Navi gives up', () => {
    expect(replyWaitText(undefined, t0)).toBe('Navi is thinking…');
    expect(replyWaitText(waiting(), t0 + 4_000)).toBe('Navi is thinking…');
    expect(replyWaitText(waiting(), t0 + 12_000)).toBe(
      'No reply from the model yet (12 s). Navi gives up in 1 min 48 s.',
    );
    expect(replyWaitText(waiting(2), t0 + 65_000)).toBe(
      'No reply from the model yet (1 min 5 s) (attempt 2 of 3). Navi gives up in 55 s.',
    );
    expect(replyWaitText(waiting(3), t0 + 1_000)).toBe('Navi is thinking… Trying again (attempt 3 of 3).');
  });

  it('says why it retries, which attempt comes, and in how long', () => {
    const retrying = {
      phase: 'retrying' as const,
      attempt: 2,
      maxAttempts: 3,
      at: t0 + 4_000,
      giveUpAt: t0 + 120_000,
      reason: 'rate limited 429',
    };
    expect(replyWaitText(retrying, t0)).toBe('Rate limited 429. Retrying 2 of 3 in 4 s…');
    expect(replyWaitText(retrying, t0 + 3_900)).toBe('Rate limited 429. Retrying 2 of 3…');
  });
});
