import { z } from 'zod';

/**
 * What a reply is waiting for before its first word (or its next step after tools), so a window can
 * say so while it waits: times are the core's clock in ms since the epoch.
 */
export const RunStatus = z.discriminatedUnion('phase', [
  /** A model call is out; nothing has come back yet. */
  z.object({
    phase: z.literal('waiting'),
    since: z.number(),
    /** When Navi gives up waiting (the "reply wait" setting). */
    giveUpAt: z.number(),
    attempt: z.number().int().positive(),
    maxAttempts: z.number().int().positive(),
  }),
  /** A model call failed in a way worth trying again; the next attempt starts at `at`. */
  z.object({
    phase: z.literal('retrying'),
    /** The attempt about to be made. */
    attempt: z.number().int().positive(),
    maxAttempts: z.number().int().positive(),
    at: z.number(),
    giveUpAt: z.number(),
    /** Why the last attempt failed, in a few words ("server error 503"). */
    reason: z.string(),
  }),
]);
export type RunStatus = z.infer<typeof RunStatus>;
