import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { whenPersonNeeded } from '../../../src/core/approvals/unattendedPolicy';
import { openDatabase } from '../../../src/core/db/database';
import { McpServerStore } from '../../../src/core/mcp/mcpServerStore';
import {
  defaultPolicy,
  mcpToolKey,
  NO_RULES,
  policyReason,
  resolveToolPolicy,
  sourceOf,
  toolTarget,
  type PolicyRules,
} from '../../../src/core/tools/toolPolicy';
import { ToolPolicyStore } from '../../../src/core/tools/toolPolicyStore';
import type { ToolSource } from '../../../src/core/tools/types';
import { UNATTENDED_APPROVAL_WAIT_MS, type ToolPolicy } from '../../../src/shared/contract';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();

const readOnly: ToolSource = { kind: 'builtin', access: 'read-only' };
const naviOnly: ToolSource = { kind: 'builtin', access: 'navi-only' };
const external: ToolSource = { kind: 'builtin', access: 'external' };
const echo: ToolSource = { kind: 'mcp', serverId: 'srv-1', serverName: 'Everything', toolName: 'echo' };
const add: ToolSource = { kind: 'mcp', serverId: 'srv-1', serverName: 'Everything', toolName: 'add' };

function rules(entries: {
  builtins?: [string, ToolPolicy][];
  servers?: [string, ToolPolicy][];
  tools?: [string, string, ToolPolicy][];
}): PolicyRules {
  return {
    builtins: new Map(entries.builtins ?? []),
    servers: new Map(entries.servers ?? []),
    mcpTools: new Map((entries.tools ?? []).map(([server, tool, policy]) => [mcpToolKey(server, tool), policy])),
  };
}

describe('tool policy resolution', () => {
  it('defaults: read-only and Navi-only built-ins run; MCP tools and tools acting outside Navi ask', () => {
    expect(defaultPolicy(readOnly)).toBe('allow');
    expect(defaultPolicy(naviOnly)).toBe('allow');
    expect(defaultPolicy(external)).toBe('ask');
    expect(defaultPolicy(echo)).toBe('ask');
    // A tool that does not say where it comes from is treated as acting outside Navi.
    expect(sourceOf({})).toEqual(external);
    expect(resolveToolPolicy('current_time', readOnly, NO_RULES)).toEqual({ policy: 'allow', source: 'default' });
    expect(resolveToolPolicy('mcp__everything__echo', echo, NO_RULES)).toEqual({ policy: 'ask', source: 'default' });
  });

  it("a built-in's own rule replaces its default, in both directions", () => {
    const set = rules({
      builtins: [
        ['current_time', 'never'],
        ['shell', 'allow'],
      ],
    });
    expect(resolveToolPolicy('current_time', readOnly, set)).toEqual({ policy: 'never', source: 'tool-rule' });
    expect(resolveToolPolicy('shell', external, set)).toEqual({ policy: 'allow', source: 'tool-rule' });
    expect(resolveToolPolicy('list_recalls', readOnly, set)).toEqual({ policy: 'allow', source: 'default' });
  });

  it('a trusted server allows all its tools; a rule for one tool wins over the server rule', () => {
    const set = rules({ servers: [['srv-1', 'allow']], tools: [['srv-1', 'add', 'never']] });
    expect(resolveToolPolicy('mcp__everything__echo', echo, set)).toEqual({ policy: 'allow', source: 'server-rule' });
    expect(resolveToolPolicy('mcp__everything__add', add, set)).toEqual({ policy: 'never', source: 'tool-rule' });
    // Another server's tools are not affected; neither is a built-in of the same name.
    const other: ToolSource = { ...echo, serverId: 'srv-2', serverName: 'Other' };
    expect(resolveToolPolicy('mcp__other__echo', other, set)).toEqual({ policy: 'ask', source: 'default' });
    expect(resolveToolPolicy('echo', external, rules({ tools: [['srv-1', 'echo', 'allow']] }))).toEqual({
      policy: 'ask',
      source: 'default',
    });
  });

  it('"Always allow" targets the one tool, by its server id and its own name', () => {
    expect(toolTarget('mcp__everything__echo', echo)).toEqual({ kind: 'mcp-tool', serverId: 'srv-1', tool: 'echo' });
    expect(toolTarget('current_time', readOnly)).toEqual({ kind: 'builtin', tool: 'current_time' });
  });

  it('says in words which rule decided', () => {
    expect(policyReason({ policy: 'allow', source: 'server-rule' }, echo)).toBe(
      'Allowed by your setting for the server Everything',
    );
    expect(policyReason({ policy: 'never', source: 'tool-rule' }, echo)).toBe(
      'Not run by your setting for this tool ("Never")',
    );
    expect(policyReason({ policy: 'allow', source: 'default' }, naviOnly)).toBe(
      "Allowed by default (it only changes Navi's own recalls)",
    );
  });
});

describe('unattended policy (tool approvals and elicitation in runs nobody may watch)', () => {
  const now = 1_700_000_000_000;
  it("a person's own run asks and waits without a deadline", () => {
    expect(whenPersonNeeded({ isRecall: false, unattendedPolicy: 'deny' }, now)).toEqual({
      kind: 'ask',
      expiresAt: null,
      notify: false,
    });
  });
  it('a recall run waits (with a notification) up to the stated time, or denies at once', () => {
    expect(whenPersonNeeded({ isRecall: true, unattendedPolicy: 'wait' }, now)).toEqual({
      kind: 'ask',
      expiresAt: now + UNATTENDED_APPROVAL_WAIT_MS,
      notify: true,
    });
    expect(whenPersonNeeded({ isRecall: true }, now)).toMatchObject({ kind: 'ask', notify: true });
    expect(whenPersonNeeded({ isRecall: true, unattendedPolicy: 'deny' }, now)).toEqual({ kind: 'deny' });
  });
});

describe('tool policy store (SQLite)', () => {
  it('keeps rules across restarts, clears them back to the default, and drops a removed server’s rules', () => {
    const file = join(tempDir(), 'navi.db');
    const first = openDatabase(file);
    const servers = new McpServerStore(first.db);
    const now = () => 1;
    servers.insert({
      id: 'srv-1',
      name: 'Everything',
      transport: 'stdio',
      command: 'node',
      args: [],
      cwd: null,
      env: [],
      url: null,
      headers: [],
      enabled: true,
      disabledTools: [],
      createdAt: 1,
      updatedAt: 1,
    });
    const store = new ToolPolicyStore(first.db, now);
    let changes = 0;
    store.onChanged(() => changes++);
    store.set({ kind: 'server', serverId: 'srv-1' }, 'allow');
    store.set({ kind: 'mcp-tool', serverId: 'srv-1', tool: 'add' }, 'never');
    store.set({ kind: 'builtin', tool: 'current_time' }, 'ask');
    store.set({ kind: 'builtin', tool: 'current_time' }, 'never'); // replaces, never duplicates
    expect(changes).toBe(4);
    expect(() => store.set({ kind: 'server', serverId: 'gone' }, 'allow')).toThrow(/FOREIGN KEY/);
    first.close();

    const second = openDatabase(file);
    const reopened = new ToolPolicyStore(second.db, now);
    expect(reopened.rules()).toEqual(
      rules({
        builtins: [['current_time', 'never']],
        servers: [['srv-1', 'allow']],
        tools: [['srv-1', 'add', 'never']],
      }),
    );
    reopened.set({ kind: 'builtin', tool: 'current_time' }, null);
    expect(reopened.rules().builtins.size).toBe(0);
    second.db.prepare("DELETE FROM mcp_servers WHERE id = 'srv-1'").run();
    reopened.invalidate();
    expect(reopened.rules()).toEqual(NO_RULES);
    second.close();
  });
});
