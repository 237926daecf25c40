import { useConnectionStore } from '../stores/connectionStore';

/** Says plainly when the window has lost the core and is trying again. */
export function ConnectionBanner() {
  const { state, generation } = useConnectionStore();
  if (state === 'open') return null;
  // Once connected, every attempt after a drop is still "reconnecting", not a first connection.
  const text =
    generation > 0
      ? 'Disconnected — reconnecting… (if Navi was restarted with a new address, open that address)'
      : 'Connecting to Navi…';
  return (
    <div className={`banner banner-${generation > 0 ? 'closed' : 'connecting'}`} role="status" aria-live="polite">
      {text}
    </div>
  );
}
