import { createHash, type Hash } from 'node:crypto';
import { open, rm, type FileHandle } from 'node:fs/promises';
import type { AttachmentKind } from '../../shared/contract/attachments';
import { RpcError } from '../../shared/rpc/errors';
import { judgeFirstBytes, notText, TextChecker, textMediaType } from './fileKind';

/** An upload checked to the end: its bytes are on disk at `path`, named by nothing yet. */
export interface ReceivedFile {
  readonly path: string;
  readonly id: string;
  readonly name: string;
  readonly kind: AttachmentKind;
  readonly mediaType: string;
  readonly size: number;
  /** Text files: lines. */
  readonly lines?: number;
}

/**
 * One file arriving in chunks: written to a temporary file, hashed and checked as it comes (its
 * first chunk says whether Navi takes it at all, so a ZIP is refused before the rest is sent).
 */
export class Upload {
  private received = 0;
  private readonly hash: Hash = createHash('sha256');
  private handle: FileHandle | undefined;
  private verdict: { kind: AttachmentKind; mediaType: string } | undefined;
  private readonly text = new TextChecker();
  /** The chunk being written: chunks are taken one at a time. */
  private writing = false;
  private closed = false;

  constructor(
    readonly id: string,
    readonly name: string,
    readonly size: number,
    private readonly declaredType: string,
    readonly path: string,
  ) {}

  get bytesReceived(): number {
    return this.received;
  }

  async chunk(offset: number, bytes: Buffer): Promise<number> {
    if (this.closed) throw new RpcError('not_found', `The upload of “${this.name}” is over.`);
    if (this.writing) throw new RpcError('conflict', 'Chunks of one upload must be sent one after the other.');
    if (offset !== this.received) {
      throw new RpcError('invalid_input', `Expected the bytes from ${this.received}, got them from ${offset}.`);
    }
    if (bytes.length === 0) throw new RpcError('invalid_input', 'A chunk cannot be empty.');
    if (this.received + bytes.length > this.size) {
      throw new RpcError('invalid_input', `“${this.name}” is larger than the ${this.size} bytes announced.`);
    }
    this.writing = true;
    try {
      if (this.received === 0) await this.judge(bytes);
      if (this.verdict?.kind === 'text' && !this.text.push(bytes)) {
        throw new RpcError('invalid_input', notText(this.name));
      }
      this.hash.update(bytes);
      this.handle ??= await open(this.path, 'w');
      await this.handle.write(bytes);
      this.received += bytes.length;
      return this.received;
    } finally {
      this.writing = false;
    }
  }

  private async judge(first: Buffer): Promise<void> {
    const verdict = await judgeFirstBytes(this.name, first);
    if ('refused' in verdict) throw new RpcError('invalid_input', verdict.refused);
    this.verdict = verdict.kind === 'text' ? { kind: 'text', mediaType: textMediaType(this.declaredType) } : verdict;
  }

  /** All bytes arrived and checked: closes the file and names it by its hash. */
  async finish(): Promise<ReceivedFile> {
    if (this.writing) throw new RpcError('conflict', 'The last chunk is still being written.');
    if (this.received !== this.size || !this.verdict) {
      throw new RpcError(
        'invalid_input',
        `“${this.name}” is incomplete: ${this.received} of ${this.size} bytes arrived. Attach it again.`,
      );
    }
    let lines: number | undefined;
    if (this.verdict.kind === 'text') {
      const checked = this.text.finish();
      if (!checked.text) throw new RpcError('invalid_input', notText(this.name));
      lines = checked.lines;
    }
    await this.close();
    return {
      path: this.path,
      id: this.hash.digest('hex'),
      name: this.name,
      kind: this.verdict.kind,
      mediaType: this.verdict.mediaType,
      size: this.size,
      ...(lines === undefined ? {} : { lines }),
    };
  }

  private async close(): Promise<void> {
    this.closed = true;
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close();
  }

  /** Throws the upload away (its temporary file too). */
  async discard(): Promise<void> {
    await this.close().catch(() => {});
    await rm(this.path, { force: true });
  }
}
