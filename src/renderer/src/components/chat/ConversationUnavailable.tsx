import { HOME } from '../../routing/route';
import { navigate } from '../../routing/navigation';

/** Shown instead of a conversation that was deleted (here or in another window) or failed to load. */
export function ConversationUnavailable({ missing, error }: { readonly missing: boolean; readonly error?: string }) {
  return (
    <div className="placeholder-view">
      <h2>{missing ? 'This conversation no longer exists' : 'The conversation could not be loaded'}</h2>
      <p className="muted">{missing ? 'It was deleted, perhaps in another window.' : error}</p>
      <button type="button" className="button primary" onClick={() => navigate(HOME)}>
        Start a new chat
      </button>
    </div>
  );
}
