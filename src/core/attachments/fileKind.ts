import { isUtf8 } from 'node:buffer';
import { fileTypeFromBuffer } from 'file-type';
import type { AttachmentKind } from '../../shared/contract/attachments';

/** Image formats every provider Navi talks to accepts (a GIF goes as its first frame). */
export const IMAGE_MEDIA_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);
export const PDF_MEDIA_TYPE = 'application/pdf';

export const WHAT_NAVI_TAKES =
  'Navi can attach images (PNG, JPEG, WebP, GIF), PDFs and text files (code, Markdown, CSV, JSON, logs).';

/** What the first bytes of a file say it is: a kind Navi takes, text to be confirmed, or a refusal. */
export type FirstBytesVerdict =
  | { readonly kind: Exclude<AttachmentKind, 'text'>; readonly mediaType: string }
  | { readonly kind: 'text' }
  | { readonly refused: string };

/** Looks at a file's first bytes (its magic numbers), not at its name or the type the window guessed. */
export async function judgeFirstBytes(name: string, bytes: Uint8Array): Promise<FirstBytesVerdict> {
  const detected = await fileTypeFromBuffer(bytes);
  if (!detected) return { kind: 'text' };
  if (IMAGE_MEDIA_TYPES.has(detected.mime)) return { kind: 'image', mediaType: detected.mime };
  if (detected.mime === PDF_MEDIA_TYPE) return { kind: 'pdf', mediaType: PDF_MEDIA_TYPE };
  if (detected.mime.startsWith('image/')) {
    return {
      refused: `“${name}” is a ${detected.ext.toUpperCase()} image, which models cannot take. Convert it to PNG, JPEG, WebP or GIF first.`,
    };
  }
  return { refused: `“${name}” is a ${detected.ext.toUpperCase()} file (${detected.mime}). ${WHAT_NAVI_TAKES}` };
}

export function notText(name: string): string {
  return `“${name}” is not an image, a PDF or a UTF-8 text file. ${WHAT_NAVI_TAKES}`;
}

const TEXT_MEDIA_TYPE = /^(text\/[\w.+-]+|application\/(json|xml|javascript|x-yaml|yaml|toml|x-sh|sql|x-ndjson))$/;

/** A text file's media type: what the window said when that is a text type, else plain text. */
export function textMediaType(declared: string): string {
  const type = declared.split(';')[0]!.trim().toLowerCase();
  return TEXT_MEDIA_TYPE.test(type) ? type : 'text/plain';
}

/** Where a trailing, possibly incomplete UTF-8 sequence starts (the end when there is none). */
function completeUpTo(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
    // Bytes that cannot start a sequence are left in, for the check to refuse.
    const needs = byte >= 0xf5 ? 1 : byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc2 ? 2 : 1;
    return needs > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

/**
 * Checks, chunk by chunk, that a file is UTF-8 text (no invalid sequences, no NUL bytes) and
 * counts its lines. Native scans only: a byte loop in JavaScript costs ~150 ms per megabyte.
 */
export class TextChecker {
  private carry: Buffer = Buffer.alloc(0);
  private newlines = 0;
  private lastByte: number | undefined;
  private valid = true;

  /** False once the bytes so far are not text. */
  push(bytes: Uint8Array): boolean {
    if (!this.valid) return false;
    if (bytes.length === 0) return true;
    const chunk = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (chunk.includes(0)) return (this.valid = false);
    const joined = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = completeUpTo(joined);
    if (!isUtf8(joined.subarray(0, cut))) return (this.valid = false);
    this.carry = Buffer.from(joined.subarray(cut));
    for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) this.newlines++;
    this.lastByte = chunk[chunk.length - 1];
    return true;
  }

  /** Whether the whole file was text, and how many lines it has. */
  finish(): { text: boolean; lines: number } {
    if (this.carry.length > 0) this.valid = false;
    const lines = this.lastByte === undefined ? 0 : this.newlines + (this.lastByte === 0x0a ? 0 : 1);
    return { text: this.valid, lines };
  }
}
