import { describe, expect, it } from 'vitest';
import { createCurrentTimeTool } from '../../../src/core/tools/currentTimeTool';
import { ToolRegistry } from '../../../src/core/tools/toolRegistry';

const context = { sessionId: 's', signal: new AbortController().signal, isRecall: false, toolCallId: 'c' };

describe('current_time', () => {
  it("answers in the user's time zone from the injected clock, with the offset of that date", async () => {
    const registry = new ToolRegistry();
    let now = Date.UTC(2025, 0, 15, 12, 0, 0);
    registry.register(createCurrentTimeTool({ now: () => now, timeZone: () => 'Europe/Berlin' }));

    expect(await registry.execute('current_time', {}, context)).toEqual({
      isError: false,
      output: {
        iso: '2025-01-15T12:00:00.000Z',
        local: 'Wednesday, January 15, 2025 at 13:00:00',
        timeZone: 'Europe/Berlin',
        utcOffset: '+01:00',
        isUserTimeZone: true,
      },
    });
    now = Date.UTC(2025, 6, 15, 12, 0, 0); // summer time
    expect((await registry.execute('current_time', {}, context)).output).toMatchObject({ utcOffset: '+02:00' });
  });

  it('answers for another zone on request and refuses unknown zones readably', async () => {
    const registry = new ToolRegistry();
    registry.register(createCurrentTimeTool({ now: () => Date.UTC(2025, 0, 15, 12, 0, 0), timeZone: () => 'UTC' }));
    expect((await registry.execute('current_time', { timeZone: 'America/New_York' }, context)).output).toMatchObject({
      timeZone: 'America/New_York',
      utcOffset: '-05:00',
      isUserTimeZone: false,
    });
    const { output, isError } = await registry.execute('current_time', { timeZone: 'Mars/Olympus' }, context);
    expect(isError).toBe(true);
    expect(output).toMatch(/Not a known IANA time zone/);
  });

  it("defaults to the system's time zone", async () => {
    const registry = new ToolRegistry();
    registry.register(createCurrentTimeTool());
    expect((await registry.execute('current_time', {}, context)).output).toMatchObject({
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
  });
});
