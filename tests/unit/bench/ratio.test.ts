import { describe, expect, it } from 'vitest';
import { describeRatio, ratioOf } from '../../../bench/lib/ratio';

const words = (row: Parameters<typeof ratioOf>[0]) => describeRatio(ratioOf(row));

describe("the bench table's ratio column", () => {
  it('says which side was zero when the ratio is infinite', () => {
    // Lower is better and Navi had none: Navi's zero.
    expect(words({ better: 'lower', navi: 0, naive: 12 })).toBe('∞ better (Navi 0)');
    // Higher is better and the baseline had none (kill -9: replies that kept their text).
    expect(words({ better: 'higher', navi: 100, naive: 0 })).toBe('∞ better (baseline 0)');
    // And the other way: the baseline had no long task, Navi had some.
    expect(words({ better: 'lower', navi: 1.5, naive: 0 })).toBe('∞ worse (baseline 0)');
    expect(words({ better: 'higher', navi: 0, naive: 3 })).toBe('∞ worse (Navi 0)');
  });

  it('reads both directions and the worse case', () => {
    expect(words({ better: 'lower', navi: 10, naive: 50 })).toBe('5.00x better');
    expect(words({ better: 'higher', navi: 10, naive: 50 })).toBe('0.20x (5.00x worse)');
    expect(words({ better: 'higher', navi: 0, naive: 0 })).toBe('1.00x (same)');
  });
});
