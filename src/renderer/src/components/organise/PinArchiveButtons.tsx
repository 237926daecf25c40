import { useState } from 'react';
import type { Session } from '../../../../shared/contract';
import { useApi } from '../../lib/apiContext';
import { errorMessage } from '../../lib/errorMessage';
import { Icon } from '../common/Icon';
import './organise.css';

/**
 * "Pin" (a toggle: pressed while pinned) and "Archive" in the conversation header; an archived
 * conversation says so and offers "Restore". Every window's list follows from the core's event.
 */
export function PinArchiveButtons({ session }: { readonly session: Session }) {
  const api = useApi();
  const [error, setError] = useState<string>();
  const act = (work: Promise<unknown>): void => {
    setError(undefined);
    work.catch((cause: unknown) => setError(errorMessage(cause)));
  };
  return (
    <>
      {session.archived ? (
        <span className="archived-note">
          <span className="badge">Archived</span>
          <button
            type="button"
            className="button subtle"
            onClick={() => act(api.sessions.setArchived({ id: session.id, archived: false }))}
          >
            <Icon name="refresh" /> Restore
          </button>
        </span>
      ) : (
        <>
          <button
            type="button"
            className={`button subtle${session.pinned ? ' pressed' : ''}`}
            aria-pressed={session.pinned}
            title={session.pinned ? 'Pinned to the top of the list; press to unpin' : 'Pin to the top of the list'}
            onClick={() => act(api.sessions.setPinned({ id: session.id, pinned: !session.pinned }))}
          >
            <Icon name="pin" /> <span className="header-button-label">Pin</span>
          </button>
          <button
            type="button"
            className="button subtle"
            title="Archive: out of the list, kept under Archived"
            onClick={() => act(api.sessions.setArchived({ id: session.id, archived: true }))}
          >
            <Icon name="archive" /> <span className="header-button-label">Archive</span>
          </button>
        </>
      )}
      {error && (
        <span className="inline-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
