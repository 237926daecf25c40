import { createServer, type Server } from 'node:http';
import type { Logger } from '../../ports';

export const CALLBACK_PATH = '/oauth/callback';

export interface CallbackResult {
  readonly code?: string;
  readonly error?: string;
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body style="font-family: system-ui, sans-serif; max-width: 32rem; margin: 4rem auto; line-height: 1.5">` +
  `<h1 style="font-size: 1.4rem">${title}</h1><p>${body}</p></body></html>`;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * Where the browser comes back after signing in: a loopback HTTP listener on 127.0.0.1 (RFC 8252),
 * open only while a sign-in waits. Each sign-in is matched by its `state`; anything else is refused.
 */
export class OAuthCallbackServer {
  private server: Server | undefined;
  private listening: Promise<number> | undefined;
  private readonly waiting = new Map<string, (result: CallbackResult) => Promise<string>>();

  constructor(private readonly logger: Logger) {}

  /** The redirect URL for a sign-in with `state`; `finish` turns its result into the page the person sees. */
  async expect(state: string, finish: (result: CallbackResult) => Promise<string>): Promise<string> {
    this.waiting.set(state, finish);
    const port = await this.listen();
    return `http://127.0.0.1:${port}${CALLBACK_PATH}`;
  }

  /** Stops waiting for `state`; the listener closes once nothing waits. */
  forget(state: string): void {
    this.waiting.delete(state);
    if (this.waiting.size === 0) this.close();
  }

  close(): void {
    const server = this.server;
    this.server = undefined;
    this.listening = undefined;
    server?.close();
    server?.closeIdleConnections();
  }

  private listen(): Promise<number> {
    this.listening ??= new Promise<number>((resolve, reject) => {
      const server = createServer((request, response) => {
        void this.handle(request.url ?? '/').then(({ status, html }) => {
          response.writeHead(status, {
            'content-type': 'text/html; charset=utf-8',
            'cache-control': 'no-store',
            connection: 'close',
          });
          // Closed once the page is out, when no other sign-in waits.
          response.end(html, () => {
            if (this.waiting.size === 0 && this.server === server) this.close();
          });
        });
      });
      server.on('error', (error) => {
        this.logger.warn('The OAuth sign-in listener failed:', error);
        reject(error);
      });
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
      this.server = server;
    });
    return this.listening;
  }

  private async handle(target: string): Promise<{ status: number; html: string }> {
    const url = new URL(target, 'http://127.0.0.1');
    const state = url.searchParams.get('state') ?? '';
    const finish = url.pathname === CALLBACK_PATH ? this.waiting.get(state) : undefined;
    if (!finish) {
      return {
        status: 400,
        html: page('Not a Navi sign-in', 'This sign-in is unknown or already finished. Start it again from Navi.'),
      };
    }
    this.waiting.delete(state);
    const error = url.searchParams.get('error');
    try {
      const message = await finish(
        error
          ? { error: url.searchParams.get('error_description') ?? error }
          : { code: url.searchParams.get('code') ?? undefined },
      );
      return { status: 200, html: page('Signed in', escapeHtml(message)) };
    } catch (failure) {
      const message = failure instanceof Error ? failure.message : String(failure);
      return { status: 400, html: page('Sign-in failed', escapeHtml(message)) };
    }
  }
}
