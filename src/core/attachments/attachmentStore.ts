import type { Database } from 'better-sqlite3';
import type { AttachmentInfo } from '../../shared/contract/attachments';
import { ATTACHMENT_CHUNK_BYTES, ATTACHMENT_TEXT_PAGE_CHARS } from '../../shared/contract/limits';
import { RpcError } from '../../shared/rpc/errors';
import type { Clock, Logger } from '../ports';
import { AttachmentFiles, type Derived } from './attachmentFiles';
import { AttachmentRows, type StoredAttachment } from './attachmentRows';
import { DeriveError, deriveInWorker, type DeriveTask } from './deriveInWorker';
import type { ReceivedFile } from './upload';

export interface AttachmentStoreOptions {
  readonly db: Database;
  readonly dataDir: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Reads PDFs and GIFs off the event loop (tests may count or fail it). */
  readonly derive?: typeof deriveInWorker;
}

export function attachmentMissing(name: string): RpcError {
  return new RpcError('not_found', `“${name}” is no longer stored. Remove it and attach it again.`);
}

/**
 * Stored files: bytes on disk by SHA-256 with what was derived from them (a PDF's text, a GIF's
 * first frame), a row per file, and the collection of files no message refers to. Work on one id
 * (storing it, deleting it) runs one at a time, so a file being stored again is never deleted
 * under it.
 */
export class AttachmentStore {
  readonly files: AttachmentFiles;
  private readonly rows: AttachmentRows;
  private readonly busy = new Map<string, Promise<unknown>>();
  private readonly derive: typeof deriveInWorker;

  constructor(
    private readonly options: AttachmentStoreOptions,
    /** Files an unsent message of a live window holds: never collected. */
    private readonly isHeld: (id: string) => boolean,
  ) {
    this.files = new AttachmentFiles(options.dataDir);
    this.rows = new AttachmentRows(options.db, () => options.clock.now());
    this.derive = options.derive ?? deriveInWorker;
  }

  get(id: string): StoredAttachment | undefined {
    return this.rows.get(id);
  }

  /** Runs `work` once earlier work on the same id has finished. */
  private exclusive<T>(id: string, work: () => Promise<T>): Promise<T> {
    const before = this.busy.get(id) ?? Promise.resolve();
    const result = before.then(work, work);
    const settled = result.then(
      () => {},
      () => {},
    );
    this.busy.set(id, settled);
    void settled.then(() => {
      if (this.busy.get(id) === settled) this.busy.delete(id);
    });
    return result;
  }

  /**
   * Keeps a received file under its hash (the same bytes stored before are kept once) and learns
   * what it needs from it; refuses a PDF or GIF it cannot read, with the reason.
   */
  store(file: ReceivedFile): Promise<AttachmentInfo> {
    return this.exclusive(file.id, async () => {
      const known = this.rows.get(file.id);
      if (known && (await this.files.exists(file.id))) {
        await this.files.adopt(file.path, file.id);
        return { ...known, name: file.name };
      }
      const derived = await this.deriveFrom(file);
      await this.files.adopt(file.path, file.id);
      for (const [what, data] of derived.files) await this.files.writeDerived(file.id, what, data);
      const stored: StoredAttachment = {
        id: file.id,
        kind: file.kind,
        mediaType: file.mediaType,
        size: file.size,
        ...(derived.pages === undefined ? {} : { pages: derived.pages }),
        ...(file.lines === undefined
          ? derived.lines === undefined
            ? {}
            : { lines: derived.lines }
          : { lines: file.lines }),
      };
      this.rows.insert(stored);
      return { ...stored, name: file.name };
    });
  }

  private async deriveFrom(
    file: ReceivedFile,
  ): Promise<{ files: [Derived, Uint8Array | string][]; pages?: number; lines?: number }> {
    const run = async <T extends DeriveTask>(task: T) => {
      try {
        return await this.derive(task, this.options.clock);
      } catch (error) {
        if (error instanceof DeriveError) {
          throw new RpcError('invalid_input', `“${file.name}” could not be read: ${error.message}`);
        }
        throw error;
      }
    };
    if (file.kind === 'pdf') {
      const { pages, text } = await run({ type: 'pdf-text', path: file.path });
      return { files: [['text', text]], pages, lines: text.length === 0 ? 0 : text.split('\n').length };
    }
    if (file.mediaType === 'image/gif') {
      const { png } = await run({ type: 'gif-first-frame', path: file.path });
      return { files: png ? [['first-frame', png]] : [] };
    }
    return { files: [] };
  }

  /** Stores imported bytes whose hash was checked by the caller (export/import). */
  import(file: ReceivedFile): Promise<AttachmentInfo> {
    return this.store(file);
  }

  /** Bytes of a stored file from `offset`, one chunk at a time. */
  async read(id: string, offset: number): Promise<{ data: string; offset: number; total: number; mediaType: string }> {
    const stored = this.require(id);
    const { bytes, total } = await this.readRange(id, offset);
    return { data: bytes.toString('base64'), offset, total, mediaType: stored.mediaType };
  }

  private async readRange(id: string, offset: number): Promise<{ bytes: Buffer; total: number }> {
    try {
      return await this.files.readRange(id, offset, ATTACHMENT_CHUNK_BYTES);
    } catch {
      throw new RpcError('not_found', 'This file is missing from the data directory.');
    }
  }

  /** The whole text of a text file or a PDF (undefined for an image). */
  async text(id: string): Promise<string | undefined> {
    const stored = this.require(id);
    if (stored.kind === 'image') return undefined;
    const bytes = stored.kind === 'pdf' ? await this.files.readDerived(id, 'text') : await this.files.read(id);
    return bytes?.toString('utf8') ?? '';
  }

  /** A page of a file's text for people to read. */
  async readText(id: string, offset: number): Promise<{ data: string; offset: number; total: number }> {
    const text = await this.text(id);
    if (text === undefined) throw new RpcError('invalid_input', 'An image has no text to show.');
    return { data: text.slice(offset, offset + ATTACHMENT_TEXT_PAGE_CHARS), offset, total: text.length };
  }

  /** The bytes a model gets for an image: an animated GIF's first frame as PNG, else the file. */
  async modelImage(id: string): Promise<{ bytes: Uint8Array; mediaType: string }> {
    const stored = this.require(id);
    const frame = stored.mediaType === 'image/gif' ? await this.files.readDerived(id, 'first-frame') : undefined;
    if (frame) return { bytes: frame, mediaType: 'image/png' };
    return { bytes: await this.files.read(id), mediaType: stored.mediaType };
  }

  async bytes(id: string): Promise<Buffer> {
    return this.files.read(id);
  }

  private require(id: string): StoredAttachment {
    const stored = this.rows.get(id);
    if (!stored)
      throw new RpcError('not_found', 'That file is not stored (it may have been deleted with its conversation).');
    return stored;
  }

  /** The files a conversation refers to, for collecting after it is deleted. */
  ofSession(sessionId: string): string[] {
    return this.rows.ofSession(sessionId);
  }

  /**
   * Deletes those of `ids` no message refers to and no window holds; all unreferenced files when
   * `ids` is left out. Returns the ids deleted. Never throws: a file that cannot be removed now is
   * logged and tried again at the next start.
   */
  async collect(ids?: readonly string[]): Promise<string[]> {
    const candidates = ids ?? this.rows.unreferenced();
    const deleted: string[] = [];
    for (const id of new Set(candidates)) {
      try {
        const gone = await this.exclusive(id, async () => {
          if (this.isHeld(id) || !this.rows.deleteIfUnreferenced(id)) return false;
          await this.files.remove(id);
          return true;
        });
        if (gone) deleted.push(id);
      } catch (error) {
        this.options.logger.warn(`Could not delete attachment ${id}:`, error);
      }
    }
    return deleted;
  }

  /**
   * On start: deletes files nothing refers to (a crash between a conversation's deletion and its
   * collection, or files on disk with no row), and notes rows whose bytes are gone.
   */
  async sweep(): Promise<{ deleted: number; missing: number }> {
    const deleted = (await this.collect()).length;
    const known = new Set(this.rows.allIds());
    let strays = 0;
    for (const id of await this.files.storedIds()) {
      if (known.has(id)) continue;
      await this.exclusive(id, async () => {
        if (!this.rows.get(id)) await this.files.remove(id);
      });
      strays++;
    }
    let missing = 0;
    for (const id of known) if (!(await this.files.exists(id))) missing++;
    if (missing > 0) this.options.logger.warn(`${missing} attached files are missing from the data directory.`);
    return { deleted: deleted + strays, missing };
  }
}
