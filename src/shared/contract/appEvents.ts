import { z } from 'zod';
import { defineService, event } from '../rpc/service';
import { McpStatusChangedEvent } from './mcp';
import { Recall, RecallOutcome, RecallsHealth } from './recalls';
import { SessionSummary } from './sessions';

/** App-wide updates every window receives. Later features add their own kinds here. */
export const AppEvent = z.discriminatedUnion('type', [
  /** A session was created or changed (title, archived, busy, last activity). */
  z.object({ type: z.literal('session-changed'), session: SessionSummary }),
  /** A session and, with it, all its recalls are gone. */
  z.object({ type: z.literal('session-deleted'), sessionId: z.string() }),
  z.object({ type: z.literal('recall-changed'), recall: Recall }),
  z.object({ type: z.literal('recall-deleted'), recallId: z.string(), sessionId: z.string() }),
  /** A recall fired (or gave up): windows may show a notification. */
  z.object({
    type: z.literal('recall-fired'),
    kind: z.enum(['fired', 'failed']),
    recallId: z.string(),
    sessionId: z.string(),
    sessionTitle: z.string(),
    /** The notification's title and body, worded by the core (shared/recalls/recallNotice). */
    title: z.string(),
    text: z.string(),
    outcome: RecallOutcome,
    /** Quiet hours held it: no notification now; it is counted in the summary when they end. */
    held: z.boolean(),
  }),
  /** Quiet hours ended with notifications held: one notification sums them up. */
  z.object({
    type: z.literal('quiet-hours-ended'),
    /** "3 recalls ran during quiet hours" (shared/recalls/recallNotice). */
    title: z.string(),
    text: z.string(),
    count: z.number().int().positive(),
    /** The conversation a click opens when they were all in one; null: several. */
    sessionId: z.string().nullable(),
  }),
  /** The scheduler ran into a problem it waits out (a full disk), or the problem cleared. */
  z.object({ type: z.literal('recalls-health'), health: RecallsHealth }),
  /** An MCP server connected, failed, reconnected or was turned off. */
  McpStatusChangedEvent,
  /** A tool policy was set or cleared (Settings, or "Always allow" on a card): reload the overview. */
  z.object({ type: z.literal('tool-policies-changed') }),
  /**
   * A recall run (nobody may be watching) waits for a person's OK: windows may show a notification
   * whose click opens the conversation, where the card is.
   */
  z.object({
    type: z.literal('approval-needed'),
    sessionId: z.string(),
    sessionTitle: z.string(),
    approvalId: z.string(),
    recallId: z.string().nullable(),
    /** "Navi needs your OK to run …" */
    title: z.string(),
    text: z.string(),
    expiresAt: z.number().nullable(),
  }),
]);
export type AppEvent = z.infer<typeof AppEvent>;

export const eventsService = defineService('events', {
  onAppEvent: event({ input: z.undefined(), payload: AppEvent }),
});
