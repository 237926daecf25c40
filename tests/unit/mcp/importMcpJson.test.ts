import { describe, expect, it } from 'vitest';
import { parseMcpServersJson } from '../../../src/core/mcp/importMcpJson';

const parse = (value: unknown) => parseMcpServersJson(typeof value === 'string' ? value : JSON.stringify(value));

describe('importing the mcpServers JSON', () => {
  it('reads stdio entries (command, args, env, cwd) and HTTP entries (url, headers)', () => {
    const result = parse({
      mcpServers: {
        github: {
          command: 'npx',
          args: ['-y', '@modelcontextprotocol/server-github'],
          env: { GITHUB_PERSONAL_ACCESS_TOKEN: 'ghp_x' },
        },
        files: { command: 'node', args: ['server.js'], cwd: '/srv/files', disabled: true },
        remote: { url: 'https://mcp.example.com/mcp', headers: { Authorization: 'Bearer ${API_TOKEN}' } },
        legacy: { type: 'sse', url: 'http://localhost:3001/sse' },
      },
    });
    expect(result.fatal).toBeUndefined();
    expect(result.errors).toEqual([]);
    expect(result.entries.map((entry) => entry.draft)).toEqual([
      {
        transport: 'stdio',
        name: 'github',
        command: 'npx',
        args: ['-y', '@modelcontextprotocol/server-github'],
        env: [{ name: 'GITHUB_PERSONAL_ACCESS_TOKEN', value: 'ghp_x' }],
      },
      {
        transport: 'stdio',
        name: 'files',
        command: 'node',
        args: ['server.js'],
        cwd: '/srv/files',
        env: [],
        enabled: false,
      },
      {
        transport: 'http',
        name: 'remote',
        url: 'https://mcp.example.com/mcp',
        headers: [{ name: 'Authorization', value: 'Bearer ${API_TOKEN}' }],
      },
      { transport: 'http', name: 'legacy', url: 'http://localhost:3001/sse', headers: [] },
    ]);
  });

  it('accepts VS Code\'s "servers" key too', () => {
    expect(parse({ servers: { a: { type: 'stdio', command: 'a' } } }).entries).toHaveLength(1);
  });

  it('reports each bad entry by name with what is wrong, and keeps the good ones', () => {
    const result = parse({
      mcpServers: {
        good: { command: 'npx', args: ['ok'] },
        both: { command: 'npx', url: 'http://x/mcp' },
        neither: { args: ['x'] },
        notObject: 'npx server',
        badArgs: { command: 'npx', args: '-y server' },
        numberEnv: { command: 'npx', env: { PORT: 3000 } },
        badEnvName: { command: 'npx', env: { '1BAD': 'x' } },
        badUrl: { url: 'ftp://example.com' },
        emptyCommand: { command: '  ' },
        weirdType: { type: 'websocket', url: 'ws://x' },
        badHeader: { url: 'http://x/mcp', headers: { 'Bad Header': 'v' } },
      },
    });
    expect(result.entries.map((entry) => entry.key)).toEqual(['good']);
    expect(result.errors).toEqual([
      {
        entry: 'both',
        message:
          '"both": Has both "command" and "url": a server is either started by Navi (command) or reached over HTTP (url)',
      },
      {
        entry: 'neither',
        message: '"neither": Needs "command" (a program Navi starts) or "url" (a server Navi reaches over HTTP)',
      },
      {
        entry: 'notObject',
        message: '"notObject": Must be an object with "command" (a program to start) or "url" (an HTTP server)',
      },
      { entry: 'badArgs', message: '"badArgs": "args" must be a list of text values, e.g. ["-y", "some-package"]' },
      { entry: 'numberEnv', message: '"numberEnv": "env.PORT" must be text (in quotes), not number' },
      {
        entry: 'badEnvName',
        message:
          '"badEnvName": "env.1BAD" (name): An environment variable name may only contain letters, digits and "_", and cannot start with a digit',
      },
      {
        entry: 'badUrl',
        message: '"badUrl": "url": The URL must start with http:// or https://, e.g. http://localhost:3001/mcp',
      },
      {
        entry: 'emptyCommand',
        message: '"emptyCommand": "command": Enter the command that starts the server, e.g. npx or node',
      },
      {
        entry: 'weirdType',
        message: '"weirdType": Has the unknown type "websocket": Navi supports "stdio" and "http" (or "sse")',
      },
      {
        entry: 'badHeader',
        message:
          '"badHeader": "headers.Bad Header" (name): A header name may only contain letters, digits and "-" (e.g. Authorization)',
      },
    ]);
  });

  it('says why nothing could be read at all', () => {
    expect(parse('{ not json').fatal).toMatch(/^This is not valid JSON: /);
    expect(parse({ servers: [] }).fatal).toMatch(/^Expected an object with "mcpServers", e\.g\. \{"mcpServers"/);
    expect(parse([1, 2]).fatal).toMatch(/^Expected an object with "mcpServers"/);
    expect(parse({ mcpServers: {} }).fatal).toBe('"mcpServers" lists no servers.');
  });

  it('uses the entry key as the server name and checks it', () => {
    const long = 'n'.repeat(61);
    expect(parse({ mcpServers: { [long]: { command: 'x' } } }).errors[0]?.message).toBe(
      `"${long}": A server name can be at most 60 characters`,
    );
  });
});
