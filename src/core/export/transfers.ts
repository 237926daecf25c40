import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { copyFile, open, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { PreparedExport } from '../../shared/contract/exports';
import { MAX_TRANSFERS_PER_CONNECTION, TRANSFER_CHUNK_BYTES } from '../../shared/contract/limits';
import type { Disposable } from '../../shared/rpc/disposable';
import { RpcError } from '../../shared/rpc/errors';
import type { Logger } from '../ports';
import { ChunkSequence } from '../transfers/chunkSequence';
import { ConnectionState } from '../transfers/connectionState';

export const TRANSFERS_DIR_NAME = 'transfers';

interface PreparedFile {
  readonly path: string;
  readonly size: number;
}

interface IncomingFile {
  readonly path: string;
  readonly chunks: ChunkSequence;
}

/** What one connection has going: exports ready to be read, imports being sent. */
interface Peer {
  readonly exports: Map<string, PreparedFile>;
  readonly imports: Map<string, IncomingFile>;
}

/**
 * Files on their way out of (exports) and into (imports) the core, as temporary files in the data
 * directory's `transfers/` folder, read and written in chunks that fit any transport's frame. Each
 * belongs to the connection that began it and is deleted with it (and everything left over from a
 * previous run is deleted on start).
 */
export class Transfers implements Disposable {
  private readonly dir: string;
  private readonly peers = new ConnectionState<Peer>(
    () => ({ exports: new Map(), imports: new Map() }),
    (peer) => this.dropped(peer),
  );
  private disposed = false;

  constructor(
    dataDir: string,
    private readonly logger: Logger,
    private readonly newId: () => string = randomUUID,
  ) {
    this.dir = join(dataDir, TRANSFERS_DIR_NAME);
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
  }

  private room(peer: Peer): void {
    if (this.disposed) throw new RpcError('busy', 'Navi is shutting down.');
    if (peer.exports.size + peer.imports.size >= MAX_TRANSFERS_PER_CONNECTION) {
      throw new RpcError(
        'busy',
        `This window has ${MAX_TRANSFERS_PER_CONNECTION} exports or imports under way; let them finish first.`,
      );
    }
  }

  /** Writes a file with `write` and keeps it for this connection to read. */
  async prepare(
    peerId: string,
    closed: AbortSignal | undefined,
    file: { readonly fileName: string; readonly mediaType: string },
    write: (path: string) => Promise<void>,
  ): Promise<PreparedExport> {
    const peer = this.peers.for(peerId, closed);
    this.room(peer);
    const exportId = this.newId();
    const path = join(this.dir, `${exportId}.out`);
    // Counted while it is written, so a window cannot start more than its share at once.
    peer.exports.set(exportId, { path, size: 0 });
    try {
      await write(path);
      const { size } = await stat(path);
      if (!this.peers.has(peerId) || !peer.exports.has(exportId)) throw new RpcError('cancelled', 'The window closed.');
      peer.exports.set(exportId, { path, size });
      return { exportId, fileName: file.fileName, mediaType: file.mediaType, size, chunkBytes: TRANSFER_CHUNK_BYTES };
    } catch (error) {
      peer.exports.delete(exportId);
      await this.remove(path);
      throw error;
    }
  }

  async read(
    peerId: string,
    exportId: string,
    offset: number,
  ): Promise<{ data: string; offset: number; total: number }> {
    const file = this.peers.find(peerId)?.exports.get(exportId);
    if (!file) throw new RpcError('not_found', 'That export is over or was never made. Export again.');
    if (offset > file.size)
      throw new RpcError('invalid_input', `The export has ${file.size} bytes, fewer than ${offset}.`);
    const handle = await open(file.path, 'r');
    try {
      const buffer = Buffer.alloc(Math.min(TRANSFER_CHUNK_BYTES, file.size - offset));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
      return { data: buffer.subarray(0, bytesRead).toString('base64'), offset, total: file.size };
    } finally {
      await handle.close();
    }
  }

  /** Writes a prepared export of this connection to `path` (where the person chose to save it), then lets it go. */
  async saveTo(peerId: string, exportId: string, path: string): Promise<void> {
    const file = this.peers.find(peerId)?.exports.get(exportId);
    if (!file) throw new RpcError('not_found', 'That export is over or was never made. Export again.');
    try {
      await copyFile(file.path, path);
    } catch (error) {
      throw new RpcError('invalid_input', `Could not save to ${path}: ${(error as Error).message}`);
    }
    await this.release(peerId, exportId);
  }

  async release(peerId: string, exportId: string): Promise<boolean> {
    const peer = this.peers.find(peerId);
    const file = peer?.exports.get(exportId);
    if (!peer || !file) return false;
    peer.exports.delete(exportId);
    await this.remove(file.path);
    return true;
  }

  beginImport(
    peerId: string,
    closed: AbortSignal | undefined,
    input: { readonly name: string; readonly size: number },
  ): { importId: string; chunkBytes: number } {
    const peer = this.peers.for(peerId, closed);
    this.room(peer);
    const importId = this.newId();
    peer.imports.set(importId, {
      path: join(this.dir, `${importId}.in`),
      chunks: new ChunkSequence(input.name, input.size),
    });
    return { importId, chunkBytes: TRANSFER_CHUNK_BYTES };
  }

  private incoming(peerId: string, importId: string): { peer: Peer; file: IncomingFile } {
    const peer = this.peers.find(peerId);
    const file = peer?.imports.get(importId);
    if (!peer || !file)
      throw new RpcError('not_found', 'That import is over or was never begun. Choose the file again.');
    return { peer, file };
  }

  /** The next bytes of an import, in order; a refused chunk ends the import. */
  async importChunk(peerId: string, importId: string, offset: number, data: string): Promise<{ received: number }> {
    const { peer, file } = this.incoming(peerId, importId);
    try {
      const received = await file.chunks.take(offset, Buffer.from(data, 'base64'), async (bytes, first) => {
        const handle = await open(file.path, first ? 'w' : 'a');
        try {
          await handle.write(bytes);
        } finally {
          await handle.close();
        }
      });
      return { received };
    } catch (error) {
      // A chunk sent while another is written is refused alone; any other refusal ends the import.
      if (!(error instanceof RpcError && error.code === 'conflict')) await this.endImport(peer, importId);
      throw error;
    }
  }

  /**
   * Once every byte of an import arrived, hands its file to `read` (which may read it off the core
   * thread); the import is over either way, and its file deleted after `read` is done.
   */
  async finishImport<T>(peerId: string, importId: string, read: (path: string) => Promise<T>): Promise<T> {
    const { peer, file } = this.incoming(peerId, importId);
    if (file.chunks.isWriting) throw new RpcError('conflict', 'The last chunk is still being written.');
    try {
      file.chunks.checkComplete('Import it again.');
      return await read(file.path);
    } finally {
      await this.endImport(peer, importId);
    }
  }

  async discardImport(peerId: string, importId: string): Promise<boolean> {
    const peer = this.peers.find(peerId);
    if (!peer?.imports.has(importId)) return false;
    await this.endImport(peer, importId);
    return true;
  }

  private async endImport(peer: Peer, importId: string): Promise<void> {
    const file = peer.imports.get(importId);
    if (!file) return;
    peer.imports.delete(importId);
    await this.remove(file.path);
  }

  private async remove(path: string): Promise<void> {
    await rm(path, { force: true }).catch((error: unknown) =>
      this.logger.warn('Could not remove a transfer file:', error),
    );
  }

  /** A connection ended: its exports and imports go with it. */
  private async dropped(peer: Peer): Promise<void> {
    const paths = [...peer.exports.values(), ...peer.imports.values()].map((file) => file.path);
    peer.exports.clear();
    peer.imports.clear();
    await Promise.all(paths.map((path) => this.remove(path)));
  }

  /** Exports and imports held by every connection (for leak checks). */
  stats(): { peers: number; exports: number; imports: number } {
    let exports = 0;
    let imports = 0;
    for (const peer of this.peers.states()) {
      exports += peer.exports.size;
      imports += peer.imports.size;
    }
    return { peers: this.peers.size, exports, imports };
  }

  dispose(): void {
    this.disposed = true;
    for (const peer of this.peers.dispose()) void this.dropped(peer);
  }
}
