import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/core/db/database';
import { McpServerStore } from '../../../src/core/mcp/mcpServerStore';
import { useTempDirs } from '../../helpers/tempDir';
import { join } from 'node:path';

const tempDir = useTempDirs();

const base = {
  id: 's1',
  name: 'GitHub',
  transport: 'stdio' as const,
  command: 'npx',
  args: ['-y', 'server'],
  cwd: null,
  env: [{ name: 'TOKEN', reference: null }],
  url: null,
  headers: [],
  enabled: true,
  disabledTools: ['delete_repo'],
  createdAt: 1,
  updatedAt: 1,
};

describe('migration 0006: mcp_servers', () => {
  it('stores and reads back a server; names are unique regardless of case', () => {
    const database = openDatabase(join(tempDir(), 'navi.db'));
    const store = new McpServerStore(database.db);
    store.insert(base);
    expect(store.get('s1')).toEqual(base);
    expect(() => store.insert({ ...base, id: 's2', name: 'github' })).toThrow(/UNIQUE/);
    database.close();
  });

  it('refuses rows whose transport and fields disagree', () => {
    const database = openDatabase(join(tempDir(), 'navi.db'));
    const store = new McpServerStore(database.db);
    expect(() => store.insert({ ...base, url: 'http://x/mcp' })).toThrow(/CHECK/);
    expect(() => store.insert({ ...base, transport: 'http', command: null })).toThrow(/CHECK/);
    expect(() =>
      store.insert({ ...base, id: 'h', transport: 'http', command: null, url: 'http://x/mcp' }),
    ).not.toThrow();
    database.close();
  });
});
