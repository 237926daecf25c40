import { createHash, type Hash } from 'node:crypto';
import { open, rm, type FileHandle } from 'node:fs/promises';
import type { AttachmentKind } from '../../shared/contract/attachments';
import { RpcError } from '../../shared/rpc/errors';
import { ChunkSequence } from '../transfers/chunkSequence';
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
  private readonly sequence: ChunkSequence;
  private readonly hash: Hash = createHash('sha256');
  private handle: FileHandle | undefined;
  private verdict: { kind: AttachmentKind; mediaType: string } | undefined;
  private readonly text = new TextChecker();
  private closed = false;

  constructor(
    readonly id: string,
    readonly name: string,
    readonly size: number,
    private readonly declaredType: string,
    readonly path: string,
  ) {
    this.sequence = new ChunkSequence(name, size);
  }

  get bytesReceived(): number {
    return this.sequence.bytesReceived;
  }

  async chunk(offset: number, bytes: Buffer): Promise<number> {
    if (this.closed) throw new RpcError('not_found', `The upload of “${this.name}” is over.`);
    return this.sequence.take(offset, bytes, async (chunk, first) => {
      if (first) await this.judge(chunk);
      if (this.verdict?.kind === 'text' && !this.text.push(chunk)) {
        throw new RpcError('invalid_input', notText(this.name));
      }
      this.hash.update(chunk);
      this.handle ??= await open(this.path, 'w');
      await this.handle.write(chunk);
    });
  }

  private async judge(first: Buffer): Promise<void> {
    const verdict = await judgeFirstBytes(this.name, first);
    if ('refused' in verdict) throw new RpcError('invalid_input', verdict.refused);
    this.verdict = verdict.kind === 'text' ? { kind: 'text', mediaType: textMediaType(this.declaredType) } : verdict;
  }

  /** All bytes arrived and checked: closes the file and names it by its hash. */
  async finish(): Promise<ReceivedFile> {
    this.sequence.checkComplete('Attach it again.');
    if (!this.verdict) throw new RpcError('invalid_input', `“${this.name}” is incomplete. Attach it again.`);
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
