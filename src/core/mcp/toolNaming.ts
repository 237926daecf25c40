import { createHash } from 'node:crypto';

/** Provider tool names allow at most 64 characters (see TOOL_NAME_PATTERN). */
const MAX_TOOL_NAME = 64;
const MAX_SLUG = 24;
const HASH_CHARS = 6;

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, HASH_CHARS);
}

/** Letters, digits and single "_" only, so "__" can separate the parts of a namespaced name. */
function sanitize(text: string): string {
  return text
    .replace(/[^A-Za-z0-9-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * The short, provider-safe form of a server name used in its tools' names. Names that differ only
 * in case or punctuation map to the same slug, so server names must differ in their slugs.
 */
export function serverSlug(serverName: string): string {
  const clean = sanitize(serverName).toLowerCase() || 'server';
  if (clean.length <= MAX_SLUG) return clean;
  // Two long names sharing a prefix must not collapse into one slug.
  return `${clean.slice(0, MAX_SLUG - HASH_CHARS - 1).replace(/_+$/, '')}_${shortHash(serverName)}`;
}

/**
 * The name the agent sees for a server's tool: `mcp__<server>__<tool>`. A tool name that had to be
 * changed (characters providers refuse) or cut to 64 characters gets a hash of the original, so
 * two tools of one server never end up with the same name.
 */
export function agentToolName(slug: string, toolName: string): string {
  const tool = sanitize(toolName) || 'tool';
  const name = `mcp__${slug}__${tool}`;
  if (tool === toolName && name.length <= MAX_TOOL_NAME) return name;
  const suffix = `_${shortHash(`${slug}\u0000${toolName}`)}`;
  return `${name.slice(0, MAX_TOOL_NAME - suffix.length)}${suffix}`;
}
