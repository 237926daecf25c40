import { RpcError } from '../../shared/rpc/errors';

/**
 * The order of a file arriving in chunks (an upload, an import): each chunk starts where the last
 * one ended, none is empty, none goes past the size announced, and one is written at a time.
 */
export class ChunkSequence {
  private received = 0;
  private writing = false;

  constructor(
    /** The file's name, as people know it (for refusals). */
    readonly name: string,
    readonly size: number,
  ) {}

  get bytesReceived(): number {
    return this.received;
  }

  get isWriting(): boolean {
    return this.writing;
  }

  /** Checks the chunk's place, then writes it with `write`; returns the bytes received so far. */
  async take(offset: number, bytes: Buffer, write: (bytes: Buffer, first: boolean) => Promise<void>): Promise<number> {
    if (this.writing) throw new RpcError('conflict', 'Chunks of one file must be sent one after the other.');
    if (offset !== this.received) {
      throw new RpcError('invalid_input', `Expected the bytes from ${this.received}, got them from ${offset}.`);
    }
    if (bytes.length === 0) throw new RpcError('invalid_input', 'A chunk cannot be empty.');
    if (this.received + bytes.length > this.size) {
      throw new RpcError('invalid_input', `“${this.name}” is larger than the ${this.size} bytes announced.`);
    }
    this.writing = true;
    try {
      await write(bytes, this.received === 0);
      this.received += bytes.length;
      return this.received;
    } finally {
      this.writing = false;
    }
  }

  /** Refuses unless every byte arrived and none is being written; `again` says what to do ("Attach it again."). */
  checkComplete(again: string): void {
    if (this.writing) throw new RpcError('conflict', 'The last chunk is still being written.');
    if (this.received !== this.size) {
      throw new RpcError(
        'invalid_input',
        `“${this.name}” is incomplete: ${this.received} of ${this.size} bytes arrived. ${again}`,
      );
    }
  }
}
