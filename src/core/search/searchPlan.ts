import { MIN_SEARCH_WORD_CHARS } from '../../shared/contract/limits';

/** How one search runs: a title pattern, and an FTS5 query over message text (if any word is long enough). */
export interface SearchPlan {
  /** `LIKE` pattern for titles (`\` escapes). */
  readonly titlePattern: string;
  /**
   * Every word of at least MIN_SEARCH_WORD_CHARS characters, all of them required: the words
   * followed by more of the query as whole words, the last one as a prefix; null: titles only.
   */
  readonly match: string | null;
}

/**
 * Turns what a person typed into a search: undefined when it has no letters or digits at all.
 * Words shorter than MIN_SEARCH_WORD_CHARS only narrow the title search: one typed letter would
 * otherwise be a prefix of most words in the database.
 *
 * Only the last word is a prefix: it may still be being typed, while a word followed by more text
 * is finished. A prefix without a prefix index makes FTS5 read and merge the whole doclist of
 * every word that starts with it ("plan" matches plan, plans, planning, planet…) before anything
 * else, so a prefix on every word made a two-word search cost seconds on a large database.
 */
export function planSearch(query: string): SearchPlan | undefined {
  const words = query.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return undefined;
  const last = words.length - 1;
  const terms = words.flatMap((word, index) => {
    if ([...word].length < MIN_SEARCH_WORD_CHARS) return [];
    return [index === last ? `"${word}"*` : `"${word}"`];
  });
  return {
    titlePattern: `%${query.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
    match: terms.length > 0 ? terms.join(' ') : null,
  };
}
