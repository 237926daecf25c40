import { Icon } from '../common/Icon';

/**
 * PLACEHOLDER — the per-conversation recalls panel (issue 7, item 4) is being built separately and
 * replaces the body of this region: next run in local time, cron in words, status, last outcome,
 * create / edit / pause / resume / run now / delete. Keep the region and its accessible name
 * "Recalls"; the chat view already reserves its place under the conversation header.
 */
export function RecallsRegion({ sessionId }: { readonly sessionId: string }) {
  return (
    <section className="recalls-region" aria-label="Recalls" data-session-id={sessionId}>
      <Icon name="clock" />
      <span className="muted">Recalls for this conversation will be listed here.</span>
    </section>
  );
}
