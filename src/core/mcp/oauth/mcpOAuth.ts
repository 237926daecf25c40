import { randomBytes } from 'node:crypto';
import { auth } from '@modelcontextprotocol/sdk/client/auth.js';
import { RpcError } from '../../../shared/rpc/errors';
import type { Clock, Logger, TimerHandle } from '../../ports';
import { NaviOAuthProvider } from './naviOAuthProvider';
import { OAuthCallbackServer } from './oauthCallbackServer';
import type { OAuthRecordStore } from './oauthRecordStore';

/** How long a started sign-in waits for the browser to come back. */
export const SIGN_IN_TIMEOUT_MS = 10 * 60_000;

export interface McpOAuthOptions {
  readonly store: OAuthRecordStore;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The name Navi registers under with authorization servers. */
  readonly clientName: string;
  /** Opens a page in the system browser (the desktop shell); absent where the window shows a link instead. */
  readonly openExternal?: (url: string) => Promise<void> | void;
}

export interface SignInTarget {
  readonly serverId: string;
  readonly serverName: string;
  readonly url: string;
  /** Called once tokens are stored: connect again with them. */
  readonly onSignedIn: () => Promise<void>;
}

/**
 * OAuth for Streamable HTTP servers: a provider per connection (stored tokens, refreshed when they
 * expire or the server answers 401), and the sign-in: the authorization page opened in the system
 * browser (or shown as a link), the browser's return caught on a loopback address, tokens stored.
 */
export class McpOAuth {
  private readonly callback: OAuthCallbackServer;
  private readonly pending = new Map<string, { state: string; timer: TimerHandle }>();

  constructor(private readonly options: McpOAuthOptions) {
    this.callback = new OAuthCallbackServer(options.logger);
  }

  /** The provider a connection to the server uses (never redirects; fails with McpSignInRequiredError). */
  providerFor(serverId: string, url: string): NaviOAuthProvider {
    return this.provider(serverId, url);
  }

  async isSignedIn(serverId: string): Promise<boolean> {
    return (await this.options.store.get(serverId)).tokens !== undefined;
  }

  /**
   * Starts a sign-in and answers with the page to open; null when stored credentials were still
   * good (nothing to open). Signing in again replaces a sign-in still waiting.
   */
  async signIn(target: SignInTarget): Promise<{ authorizationUrl: string | null; opened: boolean }> {
    this.cancel(target.serverId);
    const state = randomBytes(16).toString('hex');
    let page: URL | undefined;
    const redirectUrl = await this.callback.expect(state, (result) => this.finish(target, state, redirectUrl, result));
    const provider = this.provider(target.serverId, target.url, {
      redirectUrl,
      state,
      openPage: (url) => (page = url),
    });
    let outcome;
    try {
      outcome = await auth(provider, { serverUrl: target.url });
    } catch (error) {
      this.callback.forget(state);
      const message = error instanceof Error ? error.message : String(error);
      throw new RpcError('invalid_input', `Could not start signing in to ${target.url}: ${message}`);
    }
    if (outcome === 'AUTHORIZED' || !page) {
      this.callback.forget(state);
      await target.onSignedIn();
      return { authorizationUrl: null, opened: false };
    }
    if (page.protocol !== 'https:' && page.protocol !== 'http:') {
      this.callback.forget(state);
      throw new RpcError('invalid_input', `${target.serverName} asked Navi to open a page that is not a web page.`);
    }
    const timer = this.options.clock.setTimeout(() => this.cancel(target.serverId), SIGN_IN_TIMEOUT_MS);
    this.pending.set(target.serverId, { state, timer });
    let opened = false;
    if (this.options.openExternal) {
      try {
        await this.options.openExternal(page.href);
        opened = true;
      } catch (error) {
        this.options.logger.warn('Opening the sign-in page failed:', error);
      }
    }
    return { authorizationUrl: page.href, opened };
  }

  /** Forgets the server's sign-in: tokens, registration and any sign-in still waiting. */
  async signOut(serverId: string): Promise<void> {
    this.cancel(serverId);
    await this.options.store.delete(serverId);
  }

  dispose(): void {
    for (const serverId of [...this.pending.keys()]) this.cancel(serverId);
    this.callback.close();
  }

  private provider(
    serverId: string,
    url: string,
    signIn?: ConstructorParameters<typeof NaviOAuthProvider>[0]['signIn'],
  ): NaviOAuthProvider {
    return new NaviOAuthProvider({
      serverId,
      serverUrl: url,
      store: this.options.store,
      clientName: this.options.clientName,
      now: () => this.options.clock.now(),
      signIn,
    });
  }

  private cancel(serverId: string): void {
    const waiting = this.pending.get(serverId);
    if (!waiting) return;
    this.pending.delete(serverId);
    this.options.clock.clearTimeout(waiting.timer);
    this.callback.forget(waiting.state);
  }

  /** The browser came back: exchange the code for tokens, then connect. Returns what the page says. */
  private async finish(
    target: SignInTarget,
    state: string,
    redirectUrl: string,
    result: { code?: string; error?: string },
  ): Promise<string> {
    const waiting = this.pending.get(target.serverId);
    if (waiting?.state === state) {
      this.pending.delete(target.serverId);
      this.options.clock.clearTimeout(waiting.timer);
    }
    if (result.error) throw new Error(`${target.serverName} did not sign you in: ${result.error}`);
    if (!result.code) throw new Error(`${target.serverName} sent no authorization code. Try signing in again.`);
    const provider = this.provider(target.serverId, target.url, { redirectUrl, state, openPage: () => {} });
    const outcome = await auth(provider, { serverUrl: target.url, authorizationCode: result.code });
    if (outcome !== 'AUTHORIZED') throw new Error(`${target.serverName} did not accept the sign-in. Try again.`);
    await target.onSignedIn();
    return `Navi is signed in to ${target.serverName}. You can close this page and go back to Navi.`;
  }
}
