/**
 * Splits streaming markdown into settled chunks and a live tail, incrementally: each call scans only
 * the lines added since the previous one, so the cost of an update grows with the new text, not with
 * the whole message. A chunk is settled at a blank line outside a code fence once the next line
 * starts at column 0 (so indented continuations of list items stay with their item). Settled chunks
 * never change again: they are parsed and highlighted once; only the tail is re-rendered per delta.
 */
export class SettledBlockSplitter {
  private source = '';
  /** Where the next unscanned line starts. */
  private scanFrom = 0;
  private chunkStart = 0;
  /** Where the current chunk may end (after a blank line), if the next line allows it. */
  private pendingCut: number | undefined;
  private fence: { char: string; length: number } | undefined;
  private chunkHasContent = false;
  private chunks: string[] = [];

  /** Settled chunks (a new array only when one was added) and the text after them. */
  update(text: string): { settled: readonly string[]; tail: string } {
    if (!text.startsWith(this.source)) this.reset();
    this.source = text;
    let lineEnd = text.indexOf('\n', this.scanFrom);
    while (lineEnd >= 0) {
      this.scanLine(this.scanFrom, lineEnd);
      this.scanFrom = lineEnd + 1;
      lineEnd = text.indexOf('\n', this.scanFrom);
    }
    return { settled: this.chunks, tail: text.slice(this.chunkStart) };
  }

  private reset(): void {
    this.source = '';
    this.scanFrom = 0;
    this.chunkStart = 0;
    this.pendingCut = undefined;
    this.fence = undefined;
    this.chunkHasContent = false;
    this.chunks = [];
  }

  private scanLine(start: number, end: number): void {
    const line = this.source.slice(start, end);
    if (this.fence) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close?.[1] && close[1][0] === this.fence.char && close[1].length >= this.fence.length) this.fence = undefined;
      return;
    }
    if (line.trim() === '') {
      if (this.chunkHasContent) this.pendingCut = end + 1;
      return;
    }
    if (this.pendingCut !== undefined && !/^\s/.test(line)) {
      this.chunks = [...this.chunks, this.source.slice(this.chunkStart, this.pendingCut)];
      this.chunkStart = this.pendingCut;
    }
    this.pendingCut = undefined;
    this.chunkHasContent = true;
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (open?.[1]) this.fence = { char: open[1][0]!, length: open[1].length };
  }
}
