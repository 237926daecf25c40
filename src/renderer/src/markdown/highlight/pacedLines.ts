import type { TokenLine } from './stableLines';

/**
 * Highlighted tokens a streaming code block puts in the page per update, beyond lines already
 * shown and lines of one token (plain text). Each token is an element with its own colours to style
 * and lay out; a page that fell behind (a slow machine, a burst of deltas, a highlighter answer for
 * many lines) would otherwise add thousands in one task.
 */
export const TOKENS_PER_UPDATE = 160;

/** A line's text as one plain token: what a line shows until its highlighted tokens are put in. */
function plainLine(line: TokenLine): TokenLine {
  return [{ content: line.map((token) => token.content).join(''), offset: line[0]?.offset ?? 0 }];
}

/**
 * Which lines a streaming block shows, update after update: every line's text at once, and its
 * highlighted tokens as the budget allows, newest lines first (a streaming block shows its end).
 * A line held back shows as plain text (the same text) until a later update puts its tokens in;
 * once every line is in, the lines shown are the lines given.
 */
export class LinePacer {
  /** The lines the page shows (after the last commit). */
  private shown: readonly TokenLine[] = [];
  /** Plain stand-ins of held-back lines by index, and the line each stands for: kept while the text is the same (memoised lines skip them). */
  private readonly standIns = new Map<number, { readonly source: TokenLine; readonly line: TokenLine }>();

  constructor(private readonly tokensPerUpdate = TOKENS_PER_UPDATE) {}

  /** The lines to show for `lines` now, and whether some are held back (another update should follow). */
  pace(lines: readonly TokenLine[]): { readonly lines: readonly TokenLine[]; readonly pending: boolean } {
    // A packed copy, written over where a line is held back (memoised groups compare it line by line).
    const paced = lines.slice();
    let left = this.tokensPerUpdate;
    let pending = false;
    for (let index = lines.length - 1; index >= 0; index--) {
      const line = lines[index]!;
      if (this.shown[index] === line || line.length <= 1) continue;
      if (line.length <= left || left === this.tokensPerUpdate) {
        // A line longer than the whole budget still goes in, alone.
        left -= Math.min(left, line.length);
        this.standIns.delete(index);
      } else {
        paced[index] = this.standIn(index, line);
        pending = true;
      }
    }
    if (this.standIns.size > 0)
      for (const index of this.standIns.keys()) if (index >= lines.length) this.standIns.delete(index);
    return { lines: paced, pending };
  }

  /** The page now shows `lines` (call after the commit that put them in). */
  shows(lines: readonly TokenLine[]): void {
    this.shown = lines;
  }

  private standIn(index: number, line: TokenLine): TokenLine {
    const kept = this.standIns.get(index);
    if (kept?.source === line) return kept.line;
    const plain = plainLine(line);
    // The same text from another version of the line (the highlighter's answer for it) keeps its stand-in.
    if (kept?.line[0]!.content === plain[0]!.content) {
      this.standIns.set(index, { source: line, line: kept.line });
      return kept.line;
    }
    this.standIns.set(index, { source: line, line: plain });
    return plain;
  }
}
