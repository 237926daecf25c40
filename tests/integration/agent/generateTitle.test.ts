import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reply, startOpenAiFixture, type FixtureServer } from '../../fixtures';
import { assistantMessage, fixtureEnv, useHarness, userMessage } from './harness';

const harness = useHarness();
let fixture: FixtureServer;
beforeEach(async () => {
  fixture = await startOpenAiFixture();
});
afterEach(async () => {
  await fixture.close();
});

const signal = () => new AbortController().signal;
const history = () => [
  userMessage('Can you check whether the deploy of the billing service finished?'),
  assistantMessage([{ type: 'text', text: 'The deploy finished at 14:02 without errors.' }]),
];

describe('session titles', () => {
  it('asks the model with the first exchange and cleans up its answer', async () => {
    const { runtime } = harness({ env: fixtureEnv(fixture) });
    fixture.script(reply.text('Title: "Billing service deploy check."\nExtra line'));

    expect(await runtime.generateTitle(history(), signal())).toBe('Billing service deploy check');
    const request = fixture.chatRequests()[0]!;
    expect(request.body.stream).not.toBe(true);
    expect(JSON.stringify(request.body.messages)).toContain('billing service finished');
    expect(JSON.stringify(request.body.messages)).toContain('14:02');
  });

  it('falls back to the first words when the call fails or nothing is configured', async () => {
    const { runtime } = harness({ env: fixtureEnv(fixture) });
    fixture.script(reply.serverError());
    expect(await runtime.generateTitle(history(), signal())).toBe('Can you check whether the deploy…');

    const unconfigured = harness({ env: {} }).runtime;
    expect(await unconfigured.generateTitle([userMessage('Short one')], signal())).toBe('Short one');
  });

  it('gives up quickly when the model does not answer', async () => {
    const { runtime } = harness({ env: fixtureEnv(fixture), titleTimeoutMs: 200 });
    fixture.script(reply.hang());
    const started = performance.now();
    expect(await runtime.generateTitle(history(), signal())).toBe('Can you check whether the deploy…');
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
