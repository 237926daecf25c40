import { describe, expect, it } from 'vitest';
import { createCommandGate, stdioCommandReview } from '../../../src/core/mcp/commandConfirmation';
import type { StoredMcpServer } from '../../../src/core/mcp/mcpServerConfig';

const stored: StoredMcpServer = {
  id: 's1',
  name: 'files',
  transport: 'stdio',
  command: 'npx',
  args: ['-y', 'server'],
  cwd: null,
  env: [{ name: 'TOKEN', reference: null }],
  url: null,
  headers: [],
  enabled: true,
  disabledTools: [],
  createdAt: 0,
  updatedAt: 0,
};
const same = {
  id: 's1',
  transport: 'stdio' as const,
  name: 'files',
  command: 'npx',
  args: ['-y', 'server'],
  env: [{ name: 'TOKEN' }],
};

describe('which MCP server changes need a person to confirm the program', () => {
  it('a new stdio server does; an HTTP server never does', () => {
    expect(stdioCommandReview(undefined, { ...same, env: [{ name: 'TOKEN', value: 'x' }] })).toEqual({
      serverName: 'files',
      change: 'add',
      command: 'npx',
      args: ['-y', 'server'],
      cwd: null,
      env: [{ name: 'TOKEN', newValue: true }],
    });
    expect(
      stdioCommandReview(undefined, { transport: 'http', name: 'r', url: 'http://x/mcp', headers: [] }),
    ).toBeUndefined();
    expect(
      stdioCommandReview(stored, { id: 's1', transport: 'http', name: 'r', url: 'http://x/mcp', headers: [] }),
    ).toBeUndefined();
  });

  it('a change to what runs does: program, arguments, folder, environment names or values; a rename does not', () => {
    expect(stdioCommandReview(stored, { ...same, name: 'Files (renamed)' })).toBeUndefined();
    for (const change of [
      { command: 'node' },
      { args: ['-y', 'server', '--extra'] },
      { args: ['server', '-y'] },
      { cwd: '/tmp' },
      { env: [] },
      { env: [{ name: 'TOKEN' }, { name: 'NODE_OPTIONS', value: '--require /tmp/x.js' }] },
      { env: [{ name: 'TOKEN', value: 'new' }] },
    ]) {
      expect(stdioCommandReview(stored, { ...same, ...change })?.change, JSON.stringify(change)).toBe('update');
    }
    expect(stdioCommandReview({ ...stored, transport: 'http', command: null }, same)?.change).toBe('update');
  });

  it('the gate passes without a port, refuses readably on "no", and asks one question at a time', async () => {
    const review = stdioCommandReview(undefined, same)!;
    await expect(createCommandGate(undefined)([review])).resolves.toBeUndefined();
    await expect(createCommandGate(async () => false)([review])).rejects.toThrow(
      'Not saved: running "npx" was not allowed.',
    );
    let release: (allowed: boolean) => void = () => {};
    const gate = createCommandGate(() => new Promise((resolve) => (release = resolve)));
    const first = gate([review]);
    await expect(gate([review])).rejects.toMatchObject({ code: 'busy' });
    await expect(gate([undefined])).resolves.toBeUndefined(); // nothing to ask about
    release(true);
    await expect(first).resolves.toBeUndefined();
  });
});
