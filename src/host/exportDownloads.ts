import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { NaviServices } from '../shared/contract';
import { RpcError } from '../shared/rpc/errors';

/** Downloads offered and not yet taken, across all windows: a window has a few exports at most. */
const MAX_OFFERED = 32;
/** An offer the browser did not take in this long is gone (the export itself lives until its window closes). */
const OFFER_TTL_MS = 5 * 60_000;
export const DOWNLOADS_PATH = '/downloads/';

interface Offer {
  readonly peerId: string;
  readonly exportId: string;
  readonly fileName: string;
  readonly expiresAt: number;
}

/** Resolves when `response` can take more or is gone, leaving no listener behind (a long download waits many times). */
function drainedOrClosed(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}

/** `attachment` with the name as ASCII (quotes and controls replaced) and as UTF-8 (RFC 6266). */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Exports the browser downloads over HTTP (saved to disk by the browser as they arrive, never held
 * in the page): a window asks for a one-time address for an export it prepared; a GET of that
 * address streams the export from the core in chunks, as that window, then releases it.
 */
export class ExportDownloads {
  private readonly offers = new Map<string, Offer>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A one-time address for `exportId` of the window `peerId`. */
  offer(peerId: string, exportId: string, fileName: string): string {
    this.prune();
    if (this.offers.size >= MAX_OFFERED) {
      throw new RpcError('busy', `${MAX_OFFERED} downloads are waiting for the browser; let them finish first.`);
    }
    const ticket = randomBytes(24).toString('base64url');
    this.offers.set(ticket, { peerId, exportId, fileName, expiresAt: this.now() + OFFER_TTL_MS });
    return `${DOWNLOADS_PATH}${ticket}`;
  }

  /** The offer behind `ticket`, once: a second request for it finds nothing. */
  private take(ticket: string): Offer | undefined {
    this.prune();
    const offer = this.offers.get(ticket);
    this.offers.delete(ticket);
    return offer;
  }

  private prune(): void {
    const now = this.now();
    for (const [ticket, offer] of this.offers) if (offer.expiresAt <= now) this.offers.delete(ticket);
  }

  /**
   * Answers a GET of `DOWNLOADS_PATH<ticket>` (already authenticated by the host's token): false when
   * there is no such offer (the caller refuses), true once the response is under way. Reading stops
   * when the browser goes away; the export is released however it ends.
   */
  async send(
    ticket: string,
    services: Pick<NaviServices, 'exports'>,
    response: ServerResponse,
    headers: Record<string, string>,
  ): Promise<boolean> {
    const offer = this.take(ticket);
    if (!offer) return false;
    const aborted = new AbortController();
    response.once('close', () => aborted.abort());
    const context = { signal: aborted.signal, peerId: offer.peerId, isCongested: () => false };
    const read = (offset: number) => services.exports.read({ exportId: offer.exportId, offset }, context);
    try {
      const first = await read(0);
      response.writeHead(200, {
        ...headers,
        'Content-Type': 'application/octet-stream',
        'Content-Length': String(first.total),
        'Content-Disposition': contentDisposition(offer.fileName),
        'Cache-Control': 'no-store',
      });
      let page = first;
      let offset = 0;
      for (;;) {
        const bytes = Buffer.from(page.data, 'base64');
        if (bytes.length === 0 || aborted.signal.aborted) break;
        offset += bytes.length;
        if (!response.write(bytes)) await drainedOrClosed(response);
        if (offset >= page.total || aborted.signal.aborted) break;
        page = await read(offset);
      }
      response.end();
    } catch (error) {
      if (!response.headersSent) {
        const message = error instanceof RpcError ? error.message : 'The export could not be read.';
        response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
        response.end(`Navi: ${message}`);
      } else response.destroy();
    } finally {
      const releasing = { ...context, signal: new AbortController().signal };
      try {
        await services.exports.release({ exportId: offer.exportId }, releasing);
      } catch {
        // Gone with its window already: nothing left to release.
      }
    }
    return true;
  }
}
