import { z } from 'zod';
import { currentZoneName } from '../../shared/time/timeZoneNames';
import { isKnownTimeZone, systemTimeZone, utcOffsetText } from '../timeZones';
import { defineTool, type ToolDefinition } from './types';

export interface CurrentTimeToolOptions {
  /** The current time in ms since the epoch (injected so tests control it). */
  readonly now?: () => number;
  /** The user's IANA time zone; defaults to the system's. */
  readonly timeZone?: () => string;
}

const CurrentTimeInput = z.object({
  timeZone: z
    .string()
    .refine(isKnownTimeZone, 'Not a known IANA time zone (e.g. "Europe/Berlin", "America/New_York")')
    .optional()
    .describe("An IANA time zone to give the time in; leave out for the user's own time zone"),
});

/** Tells the model the current date and time in the user's time zone (or another one it asks for). */
export function createCurrentTimeTool(
  options: CurrentTimeToolOptions = {},
): ToolDefinition<z.infer<typeof CurrentTimeInput>> {
  const now = options.now ?? Date.now;
  const userTimeZone = options.timeZone ?? systemTimeZone;
  return defineTool({
    name: 'current_time',
    source: { kind: 'builtin', access: 'read-only' },
    description:
      "Get the current date and time. Without arguments it answers in the user's time zone. " +
      'Use it whenever the answer depends on today’s date or the time of day.',
    inputSchema: CurrentTimeInput,
    execute: (input) => {
      const date = new Date(now());
      const timeZone = input.timeZone ?? userTimeZone();
      const local = new Intl.DateTimeFormat('en-US', {
        timeZone,
        weekday: 'long',
        year: 'numeric',
        month: 'long',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hour12: false,
      }).format(date);
      return {
        iso: date.toISOString(),
        local,
        timeZone: currentZoneName(timeZone),
        utcOffset: utcOffsetText(timeZone, date.getTime()),
        isUserTimeZone:
          input.timeZone === undefined || currentZoneName(input.timeZone) === currentZoneName(userTimeZone()),
      };
    },
  });
}
