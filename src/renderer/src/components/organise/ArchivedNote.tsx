import { useState } from 'react';
import type { Session } from '../../../../shared/contract';
import { useApi } from '../../lib/apiContext';
import { errorMessage } from '../../lib/errorMessage';
import { Icon } from '../common/Icon';
import './organise.css';

/** An archived conversation says so in its header and offers "Restore"; every window's list follows. */
export function ArchivedNote({ session }: { readonly session: Session }) {
  const api = useApi();
  const [error, setError] = useState<string>();
  const restore = (): void => {
    setError(undefined);
    api.sessions
      .setArchived({ id: session.id, archived: false })
      .catch((cause: unknown) => setError(errorMessage(cause)));
  };
  return (
    <span className="archived-note">
      <span className="badge">Archived</span>
      <button type="button" className="button subtle" onClick={restore}>
        <Icon name="refresh" /> <span className="header-button-label">Restore</span>
      </button>
      {error && (
        <span className="inline-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
