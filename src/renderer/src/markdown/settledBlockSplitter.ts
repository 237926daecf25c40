import { isClosedParagraph } from './inlineClosure';

/** A run of a long paragraph's text, and the whitespace that joins it to the previous run. */
export interface ParagraphSegment {
  /** "" for the first segment; "\n" where the paragraph broke a line; else the spaces between words. */
  readonly separator: string;
  readonly text: string;
}

/**
 * A top-level piece of a message's markdown, rendered on its own:
 * - `markdown`: any blocks, parsed by Streamdown;
 * - `paragraph`: one paragraph whose text is cut into runs that each parse on their own, so a long
 *   paragraph (or one long line) is parsed a run at a time instead of whole on every delta;
 * - `code`: a fenced code block opened at column 0; its text is known without parsing, so lines
 *   are appended instead of re-parsing the block.
 */
export type MarkdownPiece =
  | { readonly kind: 'markdown'; readonly text: string }
  | { readonly kind: 'paragraph'; readonly segments: readonly ParagraphSegment[]; readonly open: ParagraphSegment }
  | { readonly kind: 'code'; readonly language: string; readonly code: string; readonly closed: boolean };

export interface SplitResult {
  /** Pieces that never change again (a new array only when one was added). */
  readonly settled: readonly MarkdownPiece[];
  /**
   * A paragraph that the last, still unfinished line ends (it starts a block: "> a", "# b", "- c",
   * a fence): shown as ended, but if the line turns out to be paragraph text ("#x") it continues.
   */
  readonly ended?: MarkdownPiece;
  /** The piece still being written, if any. */
  readonly tail: MarkdownPiece | undefined;
}

/** A paragraph run is settled once it is at least this long and can be cut at a closed point. */
export const SEGMENT_CHARS = 1_000;

interface Fence {
  readonly char: string;
  readonly length: number;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,}|\${2,})(.*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,}|\${2,})\s*$/;
const LIST_ITEM = /^ {0,3}([-*+]|\d{1,9}[.)])(\s|$)/;
/** Lines that end a paragraph and start a block of their own (at column 0): a safe cut before them. */
const COLUMN0_INTERRUPT = /^(#{1,6}(\s|$)|>|(\*[ \t]*){3,}$|(_[ \t]*){3,}$|[-*+][ \t]+\S|1[.)][ \t]+\S)/;
/** Lines that change how the paragraph before them renders (setext underline, table delimiter row, HTML, math, indented interrupts and fences). */
const PARAGRAPH_REWRITE =
  /^( {0,3}(=+|-+)[ \t]*$| {0,3}\$\$| {0,3}\|?[ \t]*:?-+:?[ \t]*\|| {0,3}\|?[ \t]*:?-+:?[ \t]*$| {0,3}<| {1,3}(#{1,6}(\s|$)|>|[-*+][ \t]+\S|1[.)][ \t]+\S|(\*[ \t]*){3,}$|(_[ \t]*){3,}$|`{3,}|~{3,}))/;
/** A blockquote's or list item's marker at the start of a line. */
const CONTAINER_START = /^(>|[-*+][ \t]|\d{1,9}[.)][ \t])/;
/** A list marker (any bullet, any number, empty item or not) after any indentation. */
const LIST_MARKER = /^[ \t]*([-*+]|\d{1,9}[.)])([ \t]|$)/;
/** HTML blocks that may contain blank lines, and the text that ends each. */
const HTML_RAW_BLOCKS: readonly [RegExp, RegExp][] = [
  [/^ {0,3}<(script|pre|style|textarea)(\s|>|$)/i, /<\/(script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];
const HTML_START = /^ {0,3}<[A-Za-z/!?]/;
/** A paragraph's first character: one that starts no other block. */
const PARAGRAPH_START = /^[\p{L}"'(]/u;
/** A cut between words or lines: whitespace (no hard break) before a letter. */
const WORD_GAP = /(?<![\\ ])([ \t]+|[ \t]?\n[ \t]*)(?=\p{L})/gu;

type Chunk =
  | { kind: 'markdown' }
  | { kind: 'paragraph'; segments: ParagraphSegment[]; segmentStart: number; separator: string; nextTry: number }
  | { kind: 'code'; fence: Fence; language: string; codeStart: number; closedAt?: number };

/**
 * Splits streaming markdown into settled pieces and a live tail, incrementally: each call scans only
 * the lines added since the previous one, so an update costs what arrived, not the whole message.
 *
 * Cuts are made only where the text before renders the same on its own as in the whole message:
 * at a blank line outside fences and raw HTML blocks, unless the next line continues an indented
 * block or the same list; before a column-0 code fence or another block that interrupts a
 * paragraph; and inside a long paragraph at a word gap where every inline syntax so far is closed.
 * Settled pieces never change again: they are parsed and highlighted once.
 */
export class SettledBlockSplitter {
  private source = '';
  /** Where the next unscanned line starts. */
  private scanFrom = 0;
  private chunkStart = 0;
  private chunk: Chunk | undefined;
  /** Where the current chunk may end (after a blank line), if the next line allows it. */
  private pendingCut: number | undefined;
  /** A fence inside a markdown chunk (not at column 0, or in a list): no cuts until it closes. */
  private innerFence: Fence | undefined;
  /** Inside raw HTML: until `end` appears (types 1–5) or until a blank line (the others). */
  private html: { end: RegExp | undefined } | undefined;
  /** The chunk's block is a list: after a blank line, a further item continues it. */
  private inList = false;
  private pieces: MarkdownPiece[] = [];

  update(text: string): SplitResult {
    if (!text.startsWith(this.source)) this.reset();
    this.source = text;
    let lineEnd = text.indexOf('\n', this.scanFrom);
    while (lineEnd >= 0) {
      this.scanLine(this.scanFrom, lineEnd);
      this.scanFrom = lineEnd + 1;
      lineEnd = text.indexOf('\n', this.scanFrom);
    }
    const partialLine = text.slice(this.scanFrom).trim() !== '';
    if (partialLine && this.chunk?.kind === 'paragraph' && this.pendingCut !== undefined) {
      // A paragraph ends at a blank line whatever follows it: the text after the blank line (with
      // no newline yet, as a finished message's last line) is not part of it.
      this.settle(this.pendingCut);
    }
    if (this.chunk === undefined && partialLine) {
      // A partial first line: classify it now so a long single line can already be cut.
      this.open(this.scanFrom, text.slice(this.scanFrom), false);
    }
    if (this.chunk?.kind === 'paragraph' && this.pendingCut === undefined) {
      // The last line, not scanned until its newline comes, already counts: the whole text so far
      // parses it as a complete line. If it starts a block, the paragraph ends (or is rewritten) now.
      const effect = partialLine ? paragraphLineEffect(text.slice(this.scanFrom)) : undefined;
      if (effect === 'interrupt') {
        return {
          settled: this.pieces,
          ended: this.pieceOf(this.chunk, this.scanFrom),
          tail: { kind: 'markdown', text: text.slice(this.scanFrom) },
        };
      }
      if (effect === 'rewrite') {
        return { settled: this.pieces, tail: { kind: 'markdown', text: text.slice(this.chunkStart) } };
      }
      this.cutParagraph(text.length);
    }
    return { settled: this.pieces, tail: this.tail() };
  }

  private reset(): void {
    this.source = '';
    this.scanFrom = 0;
    this.chunkStart = 0;
    this.chunk = undefined;
    this.pendingCut = undefined;
    this.innerFence = undefined;
    this.html = undefined;
    this.inList = false;
    this.pieces = [];
  }

  private tail(): MarkdownPiece | undefined {
    const chunk = this.chunk;
    if (chunk === undefined || this.chunkStart >= this.source.length) return undefined;
    if (chunk.kind === 'code' && chunk.closedAt === undefined && this.scanFrom >= chunk.codeStart) {
      // A closing fence that is the very last text (no newline yet) closes the block as the whole text
      // would parse; it is not scanned as a line until its newline arrives, so the chunk stays open.
      const lastLine = this.source.slice(this.scanFrom);
      if (closes(lastLine, chunk.fence)) return this.pieceOf({ ...chunk, closedAt: this.scanFrom }, this.source.length);
    }
    return this.pieceOf(chunk, this.source.length);
  }

  private pieceOf(chunk: Chunk, end: number): MarkdownPiece {
    switch (chunk.kind) {
      case 'markdown':
        return { kind: 'markdown', text: this.source.slice(this.chunkStart, end) };
      case 'paragraph':
        return {
          kind: 'paragraph',
          segments: chunk.segments,
          open: { separator: chunk.separator, text: this.source.slice(chunk.segmentStart, end) },
        };
      case 'code': {
        // The closing fence line is not code; a still-open last line is shown as it is.
        const codeEnd = chunk.closedAt ?? end;
        return {
          kind: 'code',
          language: chunk.language,
          code: chunk.codeStart >= codeEnd ? '' : this.source.slice(chunk.codeStart, codeEnd),
          closed: chunk.closedAt !== undefined,
        };
      }
    }
  }

  private settle(end: number): void {
    if (this.chunk && end > this.chunkStart) {
      this.pieces = [...this.pieces, this.pieceOf(this.chunk, end)];
    }
    this.chunkStart = end;
    this.chunk = undefined;
    this.pendingCut = undefined;
    this.innerFence = undefined;
    this.html = undefined;
    this.inList = false;
  }

  private scanLine(start: number, end: number): void {
    const line = this.source.slice(start, end);
    const chunk = this.chunk;
    if (chunk?.kind === 'code') {
      if (closes(line, chunk.fence)) {
        chunk.closedAt = start;
        this.settle(end + 1);
      }
      return;
    }
    if (this.innerFence) {
      if (closes(line, this.innerFence)) this.innerFence = undefined;
      return;
    }
    const blank = line.trim() === '';
    if (this.html) {
      if (this.html.end) {
        if (this.html.end.test(line)) this.html = { end: undefined };
        return;
      }
      if (!blank) return;
      this.html = undefined;
    }
    if (blank) {
      if (chunk) this.pendingCut = end + 1;
      return;
    }
    if (this.pendingCut !== undefined) {
      const continues = chunk?.kind !== 'paragraph' && (/^\s/.test(line) || (this.inList && LIST_ITEM.test(line)));
      if (continues) {
        this.pendingCut = undefined;
        this.scanMarkdownLine(line);
        return;
      }
      this.settle(this.pendingCut);
    }
    if (!this.chunk) {
      this.open(start, line, true);
      return;
    }
    if (/^(`{3,}|~{3,})/.test(line) && fenceOpening(line)) {
      // A fence at column 0 ends whatever block came before it.
      this.settle(start);
      this.open(start, line, true);
      return;
    }
    if (this.chunk.kind === 'paragraph') {
      const effect = paragraphLineEffect(line);
      if (effect === 'interrupt') {
        this.settle(start);
        this.open(start, line, true);
      } else if (effect === 'rewrite') {
        // The paragraph may turn into a heading or a table, or hold HTML: parse it whole from here.
        this.chunk = { kind: 'markdown' };
        this.scanMarkdownLine(line);
      }
      return;
    }
    this.scanMarkdownLine(line);
  }

  /** Starts a chunk at `start` with its first line (complete or, for `complete` false, still growing). */
  private open(start: number, line: string, complete: boolean): void {
    this.chunkStart = start;
    const fence = complete && /^[`~]/.test(line) ? fenceOpening(line) : undefined;
    if (fence && /^[^\s`]*$/.test(fence.info)) {
      // One word of info (the language): anything more would be code meta Streamdown reads.
      this.chunk = { kind: 'code', fence, language: fence.info, codeStart: start + line.length + 1 };
      return;
    }
    if (PARAGRAPH_START.test(line) && !LIST_ITEM.test(line)) {
      this.chunk = { kind: 'paragraph', segments: [], segmentStart: start, separator: '', nextTry: 0 };
      return;
    }
    this.chunk = { kind: 'markdown' };
    this.inList = LIST_ITEM.test(line);
    if (complete) this.scanMarkdownLine(line);
  }

  /** Notes the fences and raw HTML blocks of a markdown chunk's line, during which nothing is cut. */
  private scanMarkdownLine(line: string): void {
    const fence = fenceOpening(line);
    if (fence) {
      this.innerFence = fence;
      return;
    }
    if (HTML_START.test(line)) {
      const raw = HTML_RAW_BLOCKS.find(([opens]) => opens.test(line));
      const end = raw?.[1];
      const rest = raw ? line.replace(raw[0], '') : '';
      this.html = { end: end && !end.test(rest) ? end : undefined };
    }
  }

  /** Settles runs of a growing paragraph at closed word gaps, at most one parse per SEGMENT_CHARS. */
  private cutParagraph(end: number): void {
    const chunk = this.chunk;
    if (chunk?.kind !== 'paragraph') return;
    while (end - chunk.segmentStart > SEGMENT_CHARS && end >= chunk.nextTry) {
      const gap = this.lastGap(chunk.segmentStart + SEGMENT_CHARS, end);
      if (!gap) return;
      const text = this.source.slice(chunk.segmentStart, gap.at);
      if (!isClosedParagraph(text)) {
        // Something is still open: try again once as much again has arrived.
        chunk.nextTry = gap.at + (gap.at - chunk.segmentStart);
        return;
      }
      chunk.segments = [...chunk.segments, { separator: chunk.separator, text }];
      chunk.separator = gap.whitespace.includes('\n') ? '\n' : gap.whitespace;
      chunk.segmentStart = gap.at + gap.whitespace.length;
      chunk.nextTry = 0;
    }
  }

  /** The last word gap starting at or after `from` in the text before `end`. */
  private lastGap(from: number, end: number): { at: number; whitespace: string } | undefined {
    const window = this.source.slice(from, end);
    let found: { at: number; whitespace: string } | undefined;
    for (const match of window.matchAll(WORD_GAP)) found = { at: from + match.index, whitespace: match[0] };
    return found;
  }
}

/**
 * What a line after a paragraph's line does to it: starts a block at column 0 that ends it
 * (`interrupt`: a safe cut before the line), changes how it renders or may (`rewrite`: parse it whole
 * from here), or nothing (paragraph text).
 */
export function paragraphLineEffect(line: string): 'interrupt' | 'rewrite' | undefined {
  if (/^(`{3,}|~{3,})/.test(line) && fenceOpening(line)) return 'interrupt';
  if (COLUMN0_INTERRUPT.test(line)) {
    // The parser (micromark) still treats the first line inside a quote or item that interrupted a
    // paragraph as interrupting it: there "- -" or "> 2. a" hold no list, on their own they do.
    const inner = CONTAINER_START.exec(line);
    return inner && LIST_MARKER.test(line.slice(inner[0].length)) ? 'rewrite' : 'interrupt';
  }
  return PARAGRAPH_REWRITE.test(line) ? 'rewrite' : undefined;
}

/** The fence a line opens (a backtick fence's info may not hold a backtick), if any. */
function fenceOpening(line: string): (Fence & { info: string }) | undefined {
  const open = FENCE_OPEN.exec(line);
  if (!open?.[1] || open[2] === undefined) return undefined;
  if (open[1][0] === '`' && open[2].includes('`')) return undefined;
  return { char: open[1][0]!, length: open[1].length, info: open[2].trim() };
}

function closes(line: string, fence: Fence): boolean {
  const close = FENCE_CLOSE.exec(line);
  return !!close?.[1] && close[1][0] === fence.char && close[1].length >= fence.length;
}
