import { randomUUID } from 'node:crypto';
import type {
  AttachmentInfo,
  AttachmentPart,
  AttachmentRef,
  BeginUploadInput,
} from '../../shared/contract/attachments';
import {
  ATTACHMENT_CHUNK_BYTES,
  attachmentLimitProblem,
  MAX_ATTACHMENT_NAME_CHARS,
  MAX_PENDING_UPLOADS_PER_CONNECTION,
} from '../../shared/contract/limits';
import type { Disposable } from '../../shared/rpc/disposable';
import { RpcError } from '../../shared/rpc/errors';
import type { Logger } from '../ports';
import { ConnectionState } from '../transfers/connectionState';
import { attachmentMissing, type AttachmentStore } from './attachmentStore';
import { Upload } from './upload';

/** What one connection (a window) has going: uploads in progress, and finished files not sent yet. */
interface Peer {
  readonly uploads: Map<string, Upload>;
  /** Finished uploads not sent yet: attachment id to how many drafts hold it. */
  readonly held: Map<string, number>;
}

/**
 * Attachments as windows see them: uploads per connection (bounded, dropped with their connection),
 * files held for messages not sent yet, and the parts a sent message refers to.
 */
export class Attachments implements Disposable {
  private readonly peers = new ConnectionState<Peer>(
    () => ({ uploads: new Map(), held: new Map() }),
    (peer) => this.dropped(peer),
  );
  /** Files an import has stored but whose messages it has not written yet: id to how many imports hold it. */
  private readonly importing = new Map<string, number>();
  private disposed = false;

  constructor(
    readonly store: AttachmentStore,
    private readonly logger: Logger,
    private readonly newId: () => string = randomUUID,
  ) {}

  /** Whether a window holds the file for a message it has not sent yet. */
  isHeld(id: string): boolean {
    if (this.importing.has(id)) return true;
    for (const peer of this.peers.states()) if (peer.held.has(id)) return true;
    return false;
  }

  /**
   * Keeps files from collection while `work` runs: an import stores them before the messages that
   * refer to them are written. Files still unreferenced afterwards (the import failed) are collected.
   */
  async holding<T>(ids: readonly string[], work: () => Promise<T>): Promise<T> {
    for (const id of ids) this.importing.set(id, (this.importing.get(id) ?? 0) + 1);
    try {
      return await work();
    } finally {
      for (const id of ids) {
        const count = this.importing.get(id) ?? 1;
        if (count <= 1) this.importing.delete(id);
        else this.importing.set(id, count - 1);
      }
      await this.store.collect(ids);
    }
  }

  begin(
    peerId: string,
    closed: AbortSignal | undefined,
    input: BeginUploadInput,
  ): { uploadId: string; chunkBytes: number } {
    if (this.disposed) throw new RpcError('busy', 'Navi is shutting down.');
    const peer = this.peers.for(peerId, closed);
    if (peer.uploads.size + peer.held.size >= MAX_PENDING_UPLOADS_PER_CONNECTION) {
      throw new RpcError(
        'busy',
        `This window has ${MAX_PENDING_UPLOADS_PER_CONNECTION} files waiting to be sent; send or remove some first.`,
      );
    }
    const uploadId = this.newId();
    const upload = new Upload(
      uploadId,
      fileName(input.name),
      input.size,
      input.mediaType,
      this.store.files.newUploadPath(),
    );
    peer.uploads.set(uploadId, upload);
    return { uploadId, chunkBytes: ATTACHMENT_CHUNK_BYTES };
  }

  private upload(peerId: string, uploadId: string): { peer: Peer; upload: Upload } {
    const peer = this.peers.find(peerId);
    const upload = peer?.uploads.get(uploadId);
    // Another window's upload is as unknown as one that never was.
    if (!peer || !upload)
      throw new RpcError('not_found', 'That upload is over or was never begun. Attach the file again.');
    return { peer, upload };
  }

  /** The next bytes of an upload; a refused chunk ends the upload. */
  async chunk(peerId: string, uploadId: string, offset: number, data: string): Promise<{ received: number }> {
    const { peer, upload } = this.upload(peerId, uploadId);
    try {
      return { received: await upload.chunk(offset, Buffer.from(data, 'base64')) };
    } catch (error) {
      if (!(error instanceof RpcError && error.code === 'conflict')) await this.end(peer, upload);
      throw error;
    }
  }

  async finish(peerId: string, uploadId: string): Promise<AttachmentInfo> {
    const { peer, upload } = this.upload(peerId, uploadId);
    try {
      const received = await upload.finish();
      // Held before it is stored: a collection running meanwhile leaves it alone.
      hold(peer, received.id);
      peer.uploads.delete(uploadId);
      try {
        return await this.store.store(received);
      } catch (error) {
        release(peer, received.id);
        throw error;
      }
    } catch (error) {
      await this.end(peer, upload);
      throw error;
    }
  }

  /** Drops an upload in progress, or lets go of a finished file the person removed before sending. */
  async discard(peerId: string, ref: { uploadId?: string; id?: string }): Promise<boolean> {
    const peer = this.peers.find(peerId);
    if (!peer) return false;
    let discarded = false;
    const upload = ref.uploadId === undefined ? undefined : peer.uploads.get(ref.uploadId);
    if (upload) {
      await this.end(peer, upload);
      discarded = true;
    }
    if (ref.id !== undefined && release(peer, ref.id)) {
      discarded = true;
      await this.store.collect([ref.id]);
    }
    return discarded;
  }

  private async end(peer: Peer, upload: Upload): Promise<void> {
    peer.uploads.delete(upload.id);
    await upload.discard().catch((error: unknown) => this.logger.warn('Could not remove an upload:', error));
  }

  /**
   * The parts of a message about to be sent with these files, checked against the limits. Call it
   * right before the message is stored, with no await in between: the files exist now.
   */
  parts(refs: readonly AttachmentRef[]): AttachmentPart[] {
    const parts: AttachmentPart[] = [];
    const seen = new Set<string>();
    for (const ref of refs) {
      const stored = this.store.get(ref.id);
      if (!stored) throw attachmentMissing(ref.name);
      const part: AttachmentPart = { type: 'attachment', ...stored, name: fileName(ref.name) };
      if (!seen.has(`${ref.id}/${part.name}`)) parts.push(part);
      seen.add(`${ref.id}/${part.name}`);
    }
    const problem = attachmentLimitProblem(parts);
    if (problem) throw new RpcError('invalid_input', problem);
    return parts;
  }

  /** After sending: the message refers to the files now, so this window need not hold them. */
  sent(peerId: string, refs: readonly AttachmentRef[]): void {
    const peer = this.peers.find(peerId);
    if (peer) for (const ref of refs) release(peer, ref.id);
  }

  /** A connection ended: its uploads are thrown away, and files only it held are collected. */
  private async dropped(peer: Peer): Promise<void> {
    await Promise.all([...peer.uploads.values()].map((upload) => this.end(peer, upload)));
    await this.store.collect([...peer.held.keys()]);
  }

  /** Live uploads and held files of every connection (for leak checks). */
  stats(): { peers: number; uploads: number; held: number } {
    let uploads = 0;
    let held = 0;
    for (const peer of this.peers.states()) {
      uploads += peer.uploads.size;
      held += peer.held.size;
    }
    return { peers: this.peers.size, uploads, held };
  }

  /** Stops taking uploads and throws away those in progress (unsent files are collected at the next start). */
  dispose(): void {
    this.disposed = true;
    for (const peer of this.peers.dispose()) {
      for (const upload of peer.uploads.values()) void upload.discard().catch(() => {});
    }
  }
}

function hold(peer: Peer, id: string): void {
  peer.held.set(id, (peer.held.get(id) ?? 0) + 1);
}

/** True when the peer held the file. */
function release(peer: Peer, id: string): boolean {
  const count = peer.held.get(id);
  if (count === undefined) return false;
  if (count <= 1) peer.held.delete(id);
  else peer.held.set(id, count - 1);
  return true;
}

/** A file name without folders or control characters, cut to the limit with its extension kept. */
export function fileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim() || 'file';
  if (clean.length <= MAX_ATTACHMENT_NAME_CHARS) return clean;
  const dot = clean.lastIndexOf('.');
  const extension = dot > 0 && clean.length - dot <= 16 ? clean.slice(dot) : '';
  return clean.slice(0, MAX_ATTACHMENT_NAME_CHARS - extension.length - 1) + '…' + extension;
}
