import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agentToolName, serverSlug } from '../../../src/core/mcp/toolNaming';
import { TOOL_NAME_PATTERN } from '../../../src/core/tools/toolName';

describe('MCP tool names', () => {
  it('namespace a tool by its server: mcp__<server>__<tool>', () => {
    expect(agentToolName(serverSlug('GitHub'), 'create_issue')).toBe('mcp__github__create_issue');
    expect(agentToolName(serverSlug('My Files (work)'), 'read-file')).toBe('mcp__my_files_work__read-file');
  });

  it('hash names that had to change, so two tools of one server never share a name', () => {
    const slug = serverSlug('fs');
    const dotted = agentToolName(slug, 'files.read');
    const underscored = agentToolName(slug, 'files_read');
    expect(underscored).toBe('mcp__fs__files_read');
    expect(dotted).toMatch(/^mcp__fs__files_read_[0-9a-f]{6}$/);
    expect(dotted).not.toBe(underscored);
    // "__" is the separator: a tool name containing it is changed too.
    expect(agentToolName(slug, 'a__b')).toMatch(/^mcp__fs__a_b_[0-9a-f]{6}$/);
  });

  it('cut long names to 64 characters with a hash that keeps them apart', () => {
    const slug = serverSlug('a server with a rather long name indeed');
    expect(slug.length).toBeLessThanOrEqual(24);
    expect(slug).not.toBe(serverSlug('a server with a rather long name as well'));
    const one = agentToolName(slug, `${'x'.repeat(80)}_one`);
    const two = agentToolName(slug, `${'x'.repeat(80)}_two`);
    expect(one).toHaveLength(64);
    expect(two).toHaveLength(64);
    expect(one).not.toBe(two);
  });

  it('are always provider-safe and distinct for distinct tools of a server', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 80 }),
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 130 }), { maxLength: 20 }),
        (server, tools) => {
          const slug = serverSlug(server);
          const names = tools.map((tool) => agentToolName(slug, tool));
          for (const name of names) expect(name).toMatch(TOOL_NAME_PATTERN);
          expect(new Set(names).size).toBe(names.length);
        },
      ),
    );
  });
});
