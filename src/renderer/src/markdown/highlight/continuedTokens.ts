import type { GrammarState, TokensResult } from 'shiki/core';

type Lines = TokensResult['tokens'];

/** Shiki's codeToTokens for one language and the worker's themes, from a grammar state (or the start). */
export type Tokenise = (code: string, language: string, grammarState: GrammarState | undefined) => TokensResult;

/** Tokens of a block from line `from` on (the lines before are those of a version the asker holds). */
export interface ContinuedTokens {
  readonly from: number;
  readonly result: Omit<TokensResult, 'grammarState'>;
}

/** Where a block's tokenising stopped: its complete lines, their tokens and the grammar's state after them. */
interface Continuation {
  readonly language: string;
  /** The block's text before its last newline: complete lines only (a last line may still grow). */
  readonly text: string;
  readonly lines: Lines;
  readonly state: GrammarState | undefined;
}

/** Blocks remembered at once: a reply rarely streams more than one, and finished blocks are cached by the plugin. */
const CONTINUATIONS = 8;

/**
 * Tokenises code blocks that grow at their end (a streaming block) from where the previous version's
 * complete lines ended, carrying the grammar's state over, so each version costs the lines that
 * arrived rather than the whole block. A line's tokens depend only on the state before it and its
 * own text, so the result is the one a whole-block tokenisation gives.
 */
export class ContinuedTokeniser {
  private continuations: Continuation[] = [];

  constructor(private readonly tokenise: Tokenise) {}

  /** The tokens of `code` from line `from` on (`from` is clamped to the block's lines). */
  tokens(code: string, language: string, from: number): ContinuedTokens {
    // Shiki splits lines at \r\n too; such text is tokenised whole rather than split here.
    const known = code.includes('\r') ? undefined : this.longestPrefix(code, language);
    const startOffset = known ? known.text.length + 1 : 0;
    const lastNewline = code.includes('\r') ? -1 : code.lastIndexOf('\n');
    let lines: Lines = known ? known.lines : [];
    let state = known?.state;
    let rest: TokensResult;
    if (lastNewline >= startOffset) {
      // The complete lines that arrived, then the last line from the state after them.
      const complete = this.tokenise(code.slice(startOffset, lastNewline), language, state);
      lines = lines.concat(shifted(complete.tokens, startOffset));
      state = complete.grammarState;
      this.remember({ language, text: code.slice(0, lastNewline), lines, state }, known);
      rest = this.tokenise(code.slice(lastNewline + 1), language, state);
      lines = lines.concat(shifted(rest.tokens, lastNewline + 1));
    } else {
      rest = this.tokenise(code.slice(startOffset), language, state);
      lines = lines.concat(shifted(rest.tokens, startOffset));
    }
    const start = Math.max(0, Math.min(from, lines.length));
    const { fg, bg, themeName, rootStyle } = rest;
    return { from: start, result: { tokens: start === 0 ? lines : lines.slice(start), fg, bg, themeName, rootStyle } };
  }

  private longestPrefix(code: string, language: string): Continuation | undefined {
    let best: Continuation | undefined;
    for (const entry of this.continuations) {
      if (
        entry.language === language &&
        code.charCodeAt(entry.text.length) === 10 &&
        code.startsWith(entry.text) &&
        entry.text.length > (best?.text.length ?? -1)
      ) {
        best = entry;
      }
    }
    return best;
  }

  private remember(entry: Continuation, replaces: Continuation | undefined): void {
    this.continuations = [entry, ...this.continuations.filter((other) => other !== replaces)].slice(0, CONTINUATIONS);
  }
}

/** Tokens of a piece that starts at `offset` in the block, with offsets made the block's. */
function shifted(lines: Lines, offset: number): Lines {
  if (offset === 0) return lines;
  for (const line of lines) for (const token of line) token.offset += offset;
  return lines;
}
