import { z } from 'zod';
import { defineService, event } from '../rpc/service';
import { SessionSummary } from './sessions';

/** App-wide updates every window receives. Later features add their own kinds here. */
export const AppEvent = z.discriminatedUnion('type', [
  /** A session was created or changed (title, archived, busy, last activity). */
  z.object({ type: z.literal('session-changed'), session: SessionSummary }),
  z.object({ type: z.literal('session-deleted'), sessionId: z.string() }),
]);
export type AppEvent = z.infer<typeof AppEvent>;

export const eventsService = defineService('events', {
  onAppEvent: event({ input: z.undefined(), payload: AppEvent }),
});
