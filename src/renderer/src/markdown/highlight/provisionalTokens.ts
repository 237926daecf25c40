import type { HighlightResult } from '@streamdown/code';

type Line = HighlightResult['tokens'][number];

/**
 * Tokens to show at once for `code` while the worker works on it: the highlighted lines of an
 * earlier version of the same block (a prefix of it, as when a block grows while streaming), then
 * the rest as plain text. Keeps a streaming block from flashing back to plain on every delta.
 */
export function provisionalTokens(code: string, earlierCode: string, earlier: HighlightResult): HighlightResult {
  if (code === earlierCode) return earlier;
  // The earlier last line may have been cut mid-token: keep its complete lines only.
  const keptLines = Math.max(0, earlier.tokens.length - 1);
  let restStart = 0;
  for (let line = 0; line < keptLines; line++) restStart = code.indexOf('\n', restStart) + 1;
  const rest: Line[] = [];
  let offset = restStart;
  for (const content of code.slice(restStart).split('\n')) {
    rest.push(content ? [{ content, offset }] : []);
    offset += content.length + 1;
  }
  return { ...earlier, tokens: [...earlier.tokens.slice(0, keptLines), ...rest] };
}
