import { describeRatio, ratioOf } from './ratio';
import type { BenchRow } from './types';

const HEADERS = ['benchmark', 'metric', 'Navi', 'naive baseline', 'ratio (>1 = Navi better)'] as const;

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

/** The results as one plain-text table (columns padded, numbers right-aligned). */
export function formatTable(rows: readonly BenchRow[]): string {
  const cells = rows.map((row) => [
    row.benchmark,
    `${row.metric} (${row.better} is better)`,
    formatValue(row.navi, row.unit),
    formatValue(row.naive, row.unit),
    describeRatio(ratioOf(row)),
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
