import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What Navi derived from a file once, kept beside it: a PDF's text, an animated GIF's first frame. */
export type Derived = 'text' | 'first-frame';

const DERIVED_SUFFIX: Readonly<Record<Derived, string>> = { text: '.txt', 'first-frame': '.frame.png' };

export const ATTACHMENTS_DIR_NAME = 'attachments';

/**
 * The files of attachments in the data directory: `attachments/files/ab/abcdef…` (named by SHA-256,
 * fanned out by its first two characters) with derived files beside them, and `attachments/uploads/`
 * for uploads in progress (all of it left over from a previous run is removed on start).
 */
export class AttachmentFiles {
  private readonly filesDir: string;
  private readonly uploadsDir: string;

  constructor(dataDir: string) {
    const root = join(dataDir, ATTACHMENTS_DIR_NAME);
    this.filesDir = join(root, 'files');
    this.uploadsDir = join(root, 'uploads');
    // Uploads cannot outlive the process that received them.
    rmSync(this.uploadsDir, { recursive: true, force: true });
    mkdirSync(this.uploadsDir, { recursive: true });
    mkdirSync(this.filesDir, { recursive: true });
  }

  /** Where a stored file's bytes are. */
  path(id: string): string {
    return join(this.filesDir, id.slice(0, 2), id);
  }

  derivedPath(id: string, what: Derived): string {
    return this.path(id) + DERIVED_SUFFIX[what];
  }

  /** A fresh file for an upload in progress. */
  newUploadPath(): string {
    return join(this.uploadsDir, `${randomUUID()}.part`);
  }

  async exists(id: string): Promise<boolean> {
    try {
      return (await stat(this.path(id))).isFile();
    } catch {
      return false;
    }
  }

  /** Moves a finished upload into place under its id (a file already there is kept: same bytes). */
  async adopt(uploadPath: string, id: string): Promise<void> {
    await mkdir(join(this.filesDir, id.slice(0, 2)), { recursive: true });
    if (await this.exists(id)) await rm(uploadPath, { force: true });
    else await rename(uploadPath, this.path(id));
  }

  /** Writes bytes under their id (import); written to a temporary name first so no half file has the name. */
  async write(id: string, bytes: Uint8Array): Promise<void> {
    if (await this.exists(id)) return;
    const temporary = this.newUploadPath();
    await writeFile(temporary, bytes);
    await this.adopt(temporary, id);
  }

  async writeDerived(id: string, what: Derived, data: Uint8Array | string): Promise<void> {
    const temporary = this.newUploadPath();
    await writeFile(temporary, data);
    await rename(temporary, this.derivedPath(id, what));
  }

  read(id: string): Promise<Buffer> {
    return readFile(this.path(id));
  }

  async readDerived(id: string, what: Derived): Promise<Buffer | undefined> {
    try {
      return await readFile(this.derivedPath(id, what));
    } catch {
      return undefined;
    }
  }

  /** At most `length` bytes from `offset`. */
  async readRange(id: string, offset: number, length: number): Promise<{ bytes: Buffer; total: number }> {
    const handle = await open(this.path(id), 'r');
    try {
      const total = (await handle.stat()).size;
      const size = Math.max(0, Math.min(length, total - offset));
      const bytes = Buffer.alloc(size);
      if (size > 0) await handle.read(bytes, 0, size, offset);
      return { bytes, total };
    } finally {
      await handle.close();
    }
  }

  /** Removes a file and everything derived from it. */
  async remove(id: string): Promise<void> {
    await rm(this.path(id), { force: true });
    for (const what of Object.keys(DERIVED_SUFFIX) as Derived[]) await rm(this.derivedPath(id, what), { force: true });
  }

  /** Ids of every stored file (for the sweep on start). */
  async storedIds(): Promise<string[]> {
    const ids: string[] = [];
    for (const fan of await readdir(this.filesDir)) {
      let names: string[];
      try {
        names = await readdir(join(this.filesDir, fan));
      } catch {
        continue;
      }
      for (const name of names) if (/^[0-9a-f]{64}$/.test(name)) ids.push(name);
    }
    return ids;
  }
}
