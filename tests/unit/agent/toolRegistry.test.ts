import { jsonSchema } from 'ai';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ToolRegistrationError, ToolRegistry } from '../../../src/core/tools/toolRegistry';
import { TOOL_NAME_PATTERN } from '../../../src/core/tools/toolName';
import { defineTool, type ToolCallContext } from '../../../src/core/tools/types';

const context = (overrides: Partial<ToolCallContext> = {}): ToolCallContext => ({
  sessionId: 's1',
  signal: new AbortController().signal,
  isRecall: false,
  toolCallId: 'call_1',
  ...overrides,
});

const echo = (name: string) =>
  defineTool({
    name,
    description: 'Echoes',
    inputSchema: z.object({ text: z.string() }),
    execute: ({ text }, ctx) => ({ text, sessionId: ctx.sessionId, isRecall: ctx.isRecall }),
  });

describe('ToolRegistry', () => {
  it('registers, runs with the call context and unregisters through the disposable', async () => {
    const registry = new ToolRegistry();
    const registration = registry.register(echo('echo'));
    expect(await registry.execute('echo', { text: 'hi' }, context({ isRecall: true }))).toEqual({
      output: { text: 'hi', sessionId: 's1', isRecall: true },
      isError: false,
    });
    registration.dispose();
    expect(registry.has('echo')).toBe(false);
    expect(await registry.execute('echo', { text: 'hi' }, context())).toEqual({
      output: 'There is no tool named "echo".',
      isError: true,
    });
  });

  it('refuses a duplicate name with a clear error, and an old disposable never removes a newer tool', () => {
    const registry = new ToolRegistry();
    const first = registry.register(echo('echo'));
    expect(() => registry.register(echo('echo'))).toThrow(ToolRegistrationError);
    expect(() => registry.register(echo('echo'))).toThrow(
      'A tool named "echo" is already registered; tool names must be unique',
    );
    first.dispose();
    registry.register(echo('echo'));
    first.dispose();
    expect(registry.has('echo')).toBe(true);
  });

  it('accepts exactly the provider-safe names', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (name) => {
        const registry = new ToolRegistry();
        const valid = TOOL_NAME_PATTERN.test(name);
        if (valid) expect(() => registry.register(echo(name))).not.toThrow();
        else expect(() => registry.register(echo(name))).toThrow(ToolRegistrationError);
      }),
    );
    const registry = new ToolRegistry();
    expect(() => registry.register(echo('has space'))).toThrow('may only contain letters, digits, "_" and "-"');
    expect(() => registry.register(echo('x'.repeat(65)))).toThrow('longer than 64 characters');
    expect(() => registry.register(echo(''))).toThrow('cannot be empty');
  });

  it('takes tools described by raw JSON Schema (as MCP servers describe them)', async () => {
    const registry = new ToolRegistry();
    registry.register({
      name: 'mcp_search',
      description: 'Searches',
      inputSchema: jsonSchema<{ query: string }>({
        type: 'object',
        properties: { query: { type: 'string' } },
        required: ['query'],
      }),
      execute: (input: { query: string }) => `results for ${input.query}`,
    });
    expect(await registry.execute('mcp_search', { query: 'navi' }, context())).toEqual({
      output: 'results for navi',
      isError: false,
    });
  });

  it('reports invalid input, thrown errors and odd outputs as outcomes, but rethrows an abort', async () => {
    const registry = new ToolRegistry();
    registry.register(echo('echo'));
    registry.register(
      defineTool({
        name: 'fails',
        description: 'Fails',
        inputSchema: z.object({}),
        execute: () => {
          throw new Error('Nope');
        },
      }),
    );
    registry.register(
      defineTool({
        name: 'odd',
        description: 'Returns things JSON cannot hold',
        inputSchema: z.object({}),
        execute: () => ({ when: new Date(0), missing: undefined, fn: () => 1 }),
      }),
    );
    const invalid = await registry.execute('echo', { text: 42 }, context());
    expect(invalid.isError).toBe(true);
    expect(invalid.output).toMatch(/^Invalid input for the tool "echo"/);
    expect(await registry.execute('fails', {}, context())).toEqual({ output: 'Nope', isError: true });
    expect(await registry.execute('odd', {}, context())).toEqual({
      output: { when: '1970-01-01T00:00:00.000Z' },
      isError: false,
    });

    const controller = new AbortController();
    registry.register(
      defineTool({
        name: 'waits',
        description: 'Waits for abort',
        inputSchema: z.object({}),
        execute: (_input, ctx) =>
          new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('aborted inside')))),
      }),
    );
    const pending = registry.execute('waits', {}, context({ signal: controller.signal }));
    controller.abort(new DOMException('Stopped', 'AbortError'));
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});
