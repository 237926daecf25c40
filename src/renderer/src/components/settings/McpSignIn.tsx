import { useEffect, useState } from 'react';
import type { McpServer } from '../../../../shared/contract';
import { useApi } from '../../lib/apiContext';
import { errorMessage } from '../../lib/errorMessage';
import { useMcpStore } from '../../stores/mcpStore';

/**
 * OAuth for an HTTP server: "Sign in" when it needs one (the desktop opens the page in the system
 * browser; the browser host shows it as a link to click), "Sign out" while signed in.
 */
export function McpSignIn({ server }: { readonly server: McpServer }) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [page, setPage] = useState<{ url: string; opened: boolean }>();
  const needsSignIn = server.status.state === 'needs-sign-in';
  const { state } = server.status;
  const staleSignIn = server.transport === 'http' && state === 'connected' && !server.signedIn;
  useEffect(() => {
    // Status events carry no sign-in: an HTTP server that just connected may have signed in (any window).
    if (staleSignIn) void useMcpStore.getState().load(api);
  }, [api, staleSignIn, state]);
  if (server.transport !== 'http' || (!needsSignIn && !server.signedIn)) return null;

  const signIn = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const { authorizationUrl, opened } = await api.mcp.signIn({ id: server.id });
      setPage(authorizationUrl ? { url: authorizationUrl, opened } : undefined);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  const signOut = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      useMcpStore.getState().upsert(await api.mcp.signOut({ id: server.id }));
      setPage(undefined);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="mcp-sign-in">
      {needsSignIn ? (
        <>
          <p className="mcp-sign-in-text">{server.status.error}</p>
          <button type="button" className="button small primary" disabled={busy} onClick={() => void signIn()}>
            {busy ? 'Starting…' : page ? 'Sign in again' : 'Sign in'}
          </button>
          {page && (
            <p className="mcp-sign-in-text muted" role="status">
              {page.opened ? 'Finish signing in in your browser. ' : 'Open the sign-in page and finish there: '}
              <a href={page.url} target="_blank" rel="noopener noreferrer">
                {page.opened ? 'Open the page again' : 'Open the sign-in page'}
              </a>
            </p>
          )}
        </>
      ) : (
        <>
          <p className="mcp-sign-in-text muted">Signed in with OAuth.</p>
          <button type="button" className="button small" disabled={busy} onClick={() => void signOut()}>
            Sign out
          </button>
        </>
      )}
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
