import cronstrue from 'cronstrue';

/**
 * A cron expression in words ("At 09:00 AM, Monday through Friday"). Day of month and day of week
 * both have to match, as node-cron reads them. Throws when cronstrue cannot read it.
 */
export function cronInWords(expression: string, use24HourClock = false): string {
  return cronstrue.toString(expression.trim(), {
    use24HourTimeFormat: use24HourClock,
    logicalAndDayFields: true,
    throwExceptionOnParseError: true,
  });
}
