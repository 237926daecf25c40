import type { BenchRow } from './types';

export interface Ratio {
  /** How many times better Navi is: > 1 better, < 1 worse. Infinity or NaN when not finite. */
  readonly value: number;
  /** True when Navi's reading was within the noise floor and the ratio is only a lower bound. */
  readonly lowerBound: boolean;
  /** Whose zero made the ratio infinite or zero (the other side's reading was not). */
  readonly zero?: 'navi' | 'baseline';
}

/**
 * naive/navi when lower is better, navi/naive when higher is better. Readings within the row's
 * noise floor are raised to the floor (and the ratio marked as a bound); Infinity when Navi hit
 * exactly zero on a lower-is-better count and the baseline did not.
 */
export function ratioOf(row: Pick<BenchRow, 'better' | 'navi' | 'naive' | 'noiseFloor'>): Ratio {
  const floor = row.noiseFloor ?? 0;
  const navi = Math.max(row.navi, floor);
  const naive = Math.max(row.naive, floor);
  const lowerBound = floor > 0 && row.navi < floor && row.naive > floor;
  const [good, bad] = row.better === 'higher' ? [navi, naive] : [naive, navi];
  if (bad === 0) {
    if (good === 0) return { value: 1, lowerBound: false };
    if (good < 0) return { value: NaN, lowerBound: false };
    return { value: Infinity, lowerBound: false, zero: row.better === 'higher' ? 'baseline' : 'navi' };
  }
  if (good < 0 || bad < 0) return { value: NaN, lowerBound: false };
  if (good === 0) return { value: 0, lowerBound: false, zero: row.better === 'higher' ? 'navi' : 'baseline' };
  return { value: good / bad, lowerBound };
}

/** "12.3x better", "0.81x (1.23x worse)", "≥ 116x better", "∞ better (Navi 0)", "∞ worse (baseline 0)", "1.00x (same)". */
export function describeRatio({ value, lowerBound, zero }: Ratio): string {
  if (Number.isNaN(value)) return 'n/a';
  if (value === Infinity) return zero === 'baseline' ? '∞ better (baseline 0)' : '∞ better (Navi 0)';
  if (value === 0) return zero === 'navi' ? '∞ worse (Navi 0)' : '∞ worse (baseline 0)';
  if (lowerBound) return `≥ ${formatRatio(value)}x better (Navi within noise)`;
  if (Math.abs(value - 1) < 0.005) return '1.00x (same)';
  if (value > 1) return `${formatRatio(value)}x better`;
  return `${formatRatio(value)}x (${formatRatio(1 / value)}x worse)`;
}

function formatRatio(ratio: number): string {
  return ratio >= 100 ? ratio.toFixed(0) : ratio >= 10 ? ratio.toFixed(1) : ratio.toFixed(2);
}
