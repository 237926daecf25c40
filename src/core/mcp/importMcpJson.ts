import type { z } from 'zod';
import { AddMcpServerInput, type McpImportError } from '../../shared/contract/mcp';
import type { McpServerDraft } from './mcpServerConfigs';

export interface ImportEntry {
  /** The entry's key in `mcpServers`: the server's name. */
  readonly key: string;
  readonly draft: McpServerDraft;
}

export interface ParsedImport {
  /** Why nothing at all could be read (not JSON, no `mcpServers`). */
  readonly fatal?: string;
  readonly entries: ImportEntry[];
  readonly errors: McpImportError[];
}

const MAX_ENTRIES = 100;
const EXAMPLE = '{"mcpServers": {"github": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"]}}}';
const STDIO_TYPES = new Set(['stdio']);
const HTTP_TYPES = new Set(['http', 'streamable-http', 'streamableHttp', 'sse']);

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads a `{name: value}` map whose values must be strings; says which key is wrong otherwise. */
function stringMap(value: unknown, field: string): { name: string; value: string }[] {
  if (value === undefined || value === null) return [];
  if (!isObject(value)) throw new Error(`"${field}" must be an object of names and text values, e.g. {"API_KEY": "…"}`);
  return Object.entries(value).map(([name, item]) => {
    if (typeof item !== 'string') {
      throw new Error(`"${field}.${name}" must be text (in quotes), not ${item === null ? 'null' : typeof item}`);
    }
    return { name, value: item };
  });
}

function stringList(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new Error(`"${field}" must be a list of text values, e.g. ["-y", "some-package"]`);
  }
  return value as string[];
}

function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new Error(`"${field}" must be text`);
  return value;
}

function issueText(issue: z.core.$ZodIssue, draft: Json): string {
  const [first, index, last] = issue.path;
  if ((first === 'env' || first === 'headers') && typeof index === 'number') {
    const list = draft[first] as { name: string }[];
    const name = list[index]?.name ?? String(index);
    return `"${first}.${name}"${last === 'name' ? ' (name)' : ''}: ${issue.message}`;
  }
  // The name is the entry's key, which the error already names.
  if (first === 'name' || issue.path.length === 0) return issue.message;
  return `"${issue.path.join('.')}": ${issue.message}`;
}

/** Turns one entry into a draft for `add`; throws an Error saying what is wrong with it. */
function toDraft(key: string, raw: unknown): McpServerDraft {
  if (!isObject(raw))
    throw new Error('Must be an object with "command" (a program to start) or "url" (an HTTP server)');
  const type = raw.type ?? raw.transport;
  if (type !== undefined && (typeof type !== 'string' || (!STDIO_TYPES.has(type) && !HTTP_TYPES.has(type)))) {
    throw new Error(`Has the unknown type ${JSON.stringify(type)}: Navi supports "stdio" and "http" (or "sse")`);
  }
  const hasCommand = raw.command !== undefined;
  const hasUrl = raw.url !== undefined || raw.serverUrl !== undefined;
  if (hasCommand && hasUrl) {
    throw new Error(
      'Has both "command" and "url": a server is either started by Navi (command) or reached over HTTP (url)',
    );
  }
  const enabled = raw.disabled === true || raw.enabled === false ? false : undefined;
  let draft: Json;
  if (hasCommand || (typeof type === 'string' && STDIO_TYPES.has(type))) {
    draft = {
      transport: 'stdio',
      name: key,
      command: optionalString(raw.command, 'command') ?? '',
      args: stringList(raw.args, 'args'),
      cwd: optionalString(raw.cwd, 'cwd'),
      env: stringMap(raw.env, 'env'),
      enabled,
    };
  } else if (hasUrl || (typeof type === 'string' && HTTP_TYPES.has(type))) {
    draft = {
      transport: 'http',
      name: key,
      url: optionalString(raw.url ?? raw.serverUrl, 'url') ?? '',
      headers: stringMap(raw.headers, 'headers'),
      enabled,
    };
  } else {
    throw new Error('Needs "command" (a program Navi starts) or "url" (a server Navi reaches over HTTP)');
  }
  const parsed = AddMcpServerInput.safeParse(draft);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => issueText(issue, draft)).join('; '));
  return parsed.data;
}

/**
 * Reads the `mcpServers` JSON other desktop apps use (`servers` as in VS Code also works): command,
 * args, env and cwd for stdio servers; url and headers for HTTP ones. Each entry is checked on its
 * own, so one bad entry does not stop the others; its error names the entry and what is wrong.
 */
export function parseMcpServersJson(text: string): ParsedImport {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    return { fatal: `This is not valid JSON: ${(error as Error).message}`, entries: [], errors: [] };
  }
  const servers = isObject(root) ? (root.mcpServers ?? root.servers) : undefined;
  if (!isObject(servers)) {
    return { fatal: `Expected an object with "mcpServers", e.g. ${EXAMPLE}`, entries: [], errors: [] };
  }
  const keys = Object.keys(servers);
  if (keys.length === 0) return { fatal: '"mcpServers" lists no servers.', entries: [], errors: [] };
  if (keys.length > MAX_ENTRIES) {
    return { fatal: `At most ${MAX_ENTRIES} servers can be imported at once.`, entries: [], errors: [] };
  }
  const entries: ImportEntry[] = [];
  const errors: McpImportError[] = [];
  for (const key of keys) {
    try {
      entries.push({ key, draft: toDraft(key, servers[key]) });
    } catch (error) {
      errors.push({ entry: key, message: `"${key}": ${(error as Error).message}` });
    }
  }
  return { entries, errors };
}
