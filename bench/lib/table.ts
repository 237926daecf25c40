import { describeRatio, ratioOf } from './ratio';
import type { BenchRow } from './types';

const HEADERS = ['benchmark', 'metric', 'Navi (range)', 'baseline (range)', 'ratio (>1 = Navi better)'] as const;

/** A value with a sensible number of digits and its unit. */
export function formatValue(value: number, unit: string): string {
  const text = !Number.isFinite(value)
    ? String(value)
    : Number.isInteger(value) && Math.abs(value) < 1e15
      ? value.toLocaleString('en-US')
      : Math.abs(value) >= 1000
        ? Math.round(value).toLocaleString('en-US')
        : Math.abs(value) >= 10
          ? value.toFixed(1)
          : value.toFixed(2);
  return unit ? `${text} ${unit}` : text;
}

/** A median with the range of the runs behind it: "12.3 ms (11.0–13.5)". */
export function formatReading(value: number, unit: string, runs: readonly number[] | undefined): string {
  const text = formatValue(value, unit);
  if (!runs || runs.length < 2) return text;
  const low = Math.min(...runs);
  const high = Math.max(...runs);
  return `${text} (${formatValue(low, '')}–${formatValue(high, '')})`;
}

/** The results as one plain-text table (columns padded, numbers right-aligned). */
export function formatTable(rows: readonly BenchRow[]): string {
  const cells = rows.map((row) => [
    row.benchmark,
    `${row.metric} (${row.better} is better)`,
    formatReading(row.navi, row.unit, row.naviRuns),
    row.baseline === 'stated'
      ? '—'
      : row.baseline === 'budget'
        ? `budget ${formatValue(row.naive, row.unit)}`
        : formatReading(row.naive, row.unit, row.naiveRuns),
    row.baseline === 'stated' ? 'stated' : describeRatio(ratioOf(row)),
  ]);
  const widths = HEADERS.map((header, column) =>
    Math.max(header.length, ...cells.map((line) => [...(line[column] ?? '')].length)),
  );
  const rightAligned = new Set([2, 3]);
  const render = (line: readonly string[]): string =>
    line
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return rightAligned.has(column) ? cell.padStart(width) : cell.padEnd(width);
      })
      .join(' | ')
      .trimEnd();
  const separator = widths.map((width) => '-'.repeat(width)).join('-|-');
  return [render(HEADERS), separator, ...cells.map(render)].join('\n');
}
