import { useConnectionStore } from '../stores/connectionStore';

/** Says plainly when the window has lost the core and is trying again. */
export function ConnectionBanner() {
  const state = useConnectionStore((store) => store.state);
  if (state === 'open') return null;
  const text = state === 'closed' ? 'Disconnected — reconnecting…' : 'Connecting to Navi…';
  return (
    <div className={`banner banner-${state}`} role="status" aria-live="polite">
      {text}
    </div>
  );
}
