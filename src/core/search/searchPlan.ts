import { MIN_SEARCH_WORD_CHARS } from '../../shared/contract/limits';

/** How one search runs: a title pattern, and an FTS5 query over message text (if any word is long enough). */
export interface SearchPlan {
  /** `LIKE` pattern for titles (`\` escapes). */
  readonly titlePattern: string;
  /** Every word of at least MIN_SEARCH_WORD_CHARS characters, each as a prefix; null: titles only. */
  readonly match: string | null;
}

/**
 * Turns what a person typed into a search: undefined when it has no letters or digits at all.
 * Words shorter than MIN_SEARCH_WORD_CHARS only narrow the title search: one typed letter would
 * otherwise be a prefix of most words in the database.
 */
export function planSearch(query: string): SearchPlan | undefined {
  const words = query.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return undefined;
  const long = words.filter((word) => [...word].length >= MIN_SEARCH_WORD_CHARS);
  return {
    titlePattern: `%${query.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
    match: long.length > 0 ? long.map((word) => `"${word}"*`).join(' ') : null,
  };
}
