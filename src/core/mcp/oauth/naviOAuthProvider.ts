import { randomBytes } from 'node:crypto';
import type { OAuthClientProvider, OAuthDiscoveryState } from '@modelcontextprotocol/sdk/client/auth.js';
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from '@modelcontextprotocol/sdk/shared/auth.js';
import { McpSignInRequiredError } from '../mcpErrors';
import type { OAuthRecordStore } from './oauthRecordStore';

/** Before a sign-in gave it a real one: never opened (a connection never redirects anyone). */
const NO_REDIRECT = 'http://127.0.0.1/oauth/callback';

export interface NaviOAuthProviderOptions {
  readonly serverId: string;
  readonly serverUrl: string;
  readonly store: OAuthRecordStore;
  readonly clientName: string;
  readonly now: () => number;
  /**
   * Signing in: where the browser comes back to, and what to do with the page to open. Without it
   * (connecting), anything that needs the person fails with McpSignInRequiredError instead.
   */
  readonly signIn?: {
    readonly redirectUrl: string;
    readonly state: string;
    readonly openPage: (url: URL) => void;
  };
}

/**
 * The SDK's OAuth client (discovery, dynamic client registration, PKCE, token refresh) backed by
 * Navi's store. Connecting uses stored tokens and refreshes them; only a sign-in redirects.
 */
export class NaviOAuthProvider implements OAuthClientProvider {
  constructor(private readonly options: NaviOAuthProviderOptions) {}

  get redirectUrl(): string {
    return this.options.signIn?.redirectUrl ?? NO_REDIRECT;
  }

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: this.options.clientName,
      redirect_uris: [this.redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  }

  state(): string {
    return this.options.signIn?.state ?? randomBytes(16).toString('hex');
  }

  async clientInformation(): Promise<OAuthClientInformationMixed | undefined> {
    const { client } = await this.options.store.get(this.options.serverId);
    if (this.options.signIn) {
      // A registration for an earlier callback address cannot take this sign-in back: register again.
      const redirects = client && 'redirect_uris' in client ? client.redirect_uris : [];
      return redirects.includes(this.redirectUrl) ? client : undefined;
    }
    if (!client) throw new McpSignInRequiredError(this.options.serverUrl);
    return client;
  }

  saveClientInformation(client: OAuthClientInformationMixed): Promise<void> {
    return this.options.store.update(this.options.serverId, (record) => ({ ...record, client }));
  }

  async tokens(): Promise<OAuthTokens | undefined> {
    return (await this.options.store.get(this.options.serverId)).tokens;
  }

  saveTokens(tokens: OAuthTokens): Promise<void> {
    const tokensAt = this.options.now();
    return this.options.store.update(this.options.serverId, (record) => ({ ...record, tokens, tokensAt }));
  }

  redirectToAuthorization(authorizationUrl: URL): void {
    if (!this.options.signIn) throw new McpSignInRequiredError(this.options.serverUrl);
    this.options.signIn.openPage(authorizationUrl);
  }

  saveCodeVerifier(codeVerifier: string): Promise<void> {
    return this.options.store.update(this.options.serverId, (record) => ({ ...record, codeVerifier }));
  }

  async codeVerifier(): Promise<string> {
    const { codeVerifier } = await this.options.store.get(this.options.serverId);
    if (!codeVerifier) throw new McpSignInRequiredError(this.options.serverUrl);
    return codeVerifier;
  }

  saveDiscoveryState(discovery: OAuthDiscoveryState): Promise<void> {
    return this.options.store.update(this.options.serverId, (record) => ({ ...record, discovery }));
  }

  async discoveryState(): Promise<OAuthDiscoveryState | undefined> {
    return (await this.options.store.get(this.options.serverId)).discovery;
  }

  invalidateCredentials(scope: 'all' | 'client' | 'tokens' | 'verifier' | 'discovery'): Promise<void> {
    return this.options.store.update(this.options.serverId, (record) => {
      switch (scope) {
        case 'all':
          return {};
        case 'client':
          return { ...record, client: undefined };
        case 'tokens':
          return { ...record, tokens: undefined, tokensAt: undefined };
        case 'verifier':
          return { ...record, codeVerifier: undefined };
        case 'discovery':
          return { ...record, discovery: undefined };
      }
    });
  }

  /** Whether the stored access token has passed its stated lifetime (refresh before using it). */
  async tokensExpired(): Promise<boolean> {
    const { tokens, tokensAt } = await this.options.store.get(this.options.serverId);
    if (!tokens?.expires_in || tokensAt === undefined) return false;
    // A minute early: the token should not run out between this check and the request.
    return this.options.now() >= tokensAt + tokens.expires_in * 1000 - 60_000;
  }
}
