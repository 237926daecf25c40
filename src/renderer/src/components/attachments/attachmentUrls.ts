import type { NaviClient } from '../../../../shared/contract';
import { decodeBase64 } from '../../lib/base64';

interface Entry {
  readonly url: Promise<string>;
  users: number;
}

/** Object URLs kept after their last image unmounts, so scrolling back does not load them again. */
const KEEP_UNUSED = 24;

/**
 * Stored files as object URLs, loaded once per window through the core's `attachments.read` (the
 * same path in the desktop app and the browser, inside the page's CSP) and shared by every image
 * showing them. URLs nothing shows are revoked once more than KEEP_UNUSED pile up.
 */
export class AttachmentUrls {
  private readonly entries = new Map<string, Entry>();
  /** Ids nothing shows now, oldest first. */
  private readonly unused = new Set<string>();

  constructor(private readonly api: NaviClient) {}

  /** The file as an object URL; call `release` when it is no longer shown. */
  acquire(id: string): Promise<string> {
    let entry = this.entries.get(id);
    if (!entry) {
      entry = { url: this.load(id), users: 0 };
      this.entries.set(id, entry);
      // A failed load is forgotten, so the next look tries again.
      entry.url.catch(() => this.entries.delete(id));
    }
    entry.users++;
    this.unused.delete(id);
    return entry.url;
  }

  release(id: string): void {
    const entry = this.entries.get(id);
    if (!entry || --entry.users > 0) return;
    this.unused.add(id);
    while (this.unused.size > KEEP_UNUSED) {
      const oldest = this.unused.values().next().value as string;
      this.unused.delete(oldest);
      const stale = this.entries.get(oldest);
      this.entries.delete(oldest);
      stale?.url.then((url) => URL.revokeObjectURL(url)).catch(() => {});
    }
  }

  private async load(id: string): Promise<string> {
    const chunks: BlobPart[] = [];
    let mediaType = 'application/octet-stream';
    for (let offset = 0; ;) {
      const page = await this.api.attachments.read({ id, offset });
      mediaType = page.mediaType;
      const bytes = decodeBase64(page.data);
      chunks.push(bytes);
      offset += bytes.length;
      if (bytes.length === 0 || offset >= page.total) break;
    }
    return URL.createObjectURL(new Blob(chunks, { type: mediaType }));
  }
}

const perClient = new WeakMap<NaviClient, AttachmentUrls>();

/** The window's cache for its client. */
export function attachmentUrls(api: NaviClient): AttachmentUrls {
  let urls = perClient.get(api);
  if (!urls) {
    urls = new AttachmentUrls(api);
    perClient.set(api, urls);
  }
  return urls;
}
