/**
 * Where a key press moves focus in a list of `count` rows from row `index` (`page` rows at a time
 * for Page Up/Down); undefined for keys the list leaves alone.
 */
export function nextRowIndex(key: string, index: number, count: number, page: number): number | undefined {
  if (count === 0 || !Number.isInteger(index)) return undefined;
  const clamp = (value: number) => Math.min(count - 1, Math.max(0, value));
  switch (key) {
    case 'ArrowDown':
      return clamp(index + 1);
    case 'ArrowUp':
      return clamp(index - 1);
    case 'PageDown':
      return clamp(index + page);
    case 'PageUp':
      return clamp(index - page);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}
