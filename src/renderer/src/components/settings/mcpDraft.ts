import type {
  AddMcpServerInput,
  McpSecretEntry,
  McpServer,
  McpTransport,
  UpdateMcpServerInput,
} from '../../../../shared/contract';

/** One environment variable or header row of the form. */
export interface EntryDraft {
  /** React key: stable while the row exists. */
  readonly key: string;
  readonly name: string;
  /** Typed value; empty on a saved entry means "keep the current value" (never shown). */
  readonly value: string;
  /** The saved entry this row edits (its name is then fixed). */
  readonly saved?: McpSecretEntry;
}

/** What the server form holds while a person types. */
export interface McpServerDraft {
  readonly transport: McpTransport;
  readonly name: string;
  readonly command: string;
  /** One argument per line. */
  readonly args: string;
  readonly cwd: string;
  readonly env: readonly EntryDraft[];
  readonly url: string;
  readonly headers: readonly EntryDraft[];
}

let nextKey = 0;
export const newEntryKey = (): string => `entry-${++nextKey}`;

const savedRows = (entries: readonly McpSecretEntry[]): EntryDraft[] =>
  entries.map((entry) => ({ key: newEntryKey(), name: entry.name, value: '', saved: entry }));

export function draftOf(server?: McpServer): McpServerDraft {
  return {
    transport: server?.transport ?? 'stdio',
    name: server?.name ?? '',
    command: server?.command ?? '',
    args: server?.args.join('\n') ?? '',
    cwd: server?.cwd ?? '',
    env: savedRows(server?.env ?? []),
    url: server?.url ?? '',
    headers: savedRows(server?.headers ?? []),
  };
}

/** The rows that are sent: rows left completely empty are ignored. */
function sentRows(rows: readonly EntryDraft[]): EntryDraft[] {
  return rows.filter((row) => row.saved || row.name.trim() !== '' || row.value !== '');
}

/** A saved row without a new value keeps its current value. */
function entriesOf(rows: readonly EntryDraft[]): { name: string; value?: string }[] {
  return sentRows(rows).map((row) =>
    row.saved && row.value === '' ? { name: row.saved.name } : { name: row.name.trim(), value: row.value },
  );
}

function argsOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim() !== '');
}

/** The input for `mcp.add` (or `mcp.update` with the server's id), still to be validated. */
export function inputOf(draft: McpServerDraft): AddMcpServerInput {
  if (draft.transport === 'http') {
    return { transport: 'http', name: draft.name, url: draft.url, headers: entriesOf(draft.headers) };
  }
  return {
    transport: 'stdio',
    name: draft.name,
    command: draft.command,
    args: argsOf(draft.args),
    cwd: draft.cwd.trim() === '' ? undefined : draft.cwd,
    env: entriesOf(draft.env),
  };
}

export function updateInputOf(id: string, draft: McpServerDraft): UpdateMcpServerInput {
  return { ...inputOf(draft), id };
}

export type EntryField = 'env' | 'headers';

export const entryField = (draft: McpServerDraft): EntryField => (draft.transport === 'http' ? 'headers' : 'env');

/**
 * Validation paths name sent entries by position ("env.2.name"); the form shows errors by row.
 * Returns the row key an error belongs to and which part ("name", "value" or "" for the row).
 */
export function rowOfPath(draft: McpServerDraft, path: string): { key: string; part: string } | undefined {
  const field = entryField(draft);
  const match = new RegExp(`^${field}\\.(\\d+)(?:\\.(\\w+))?$`).exec(path);
  if (!match) return undefined;
  const row = sentRows(draft[field])[Number(match[1])];
  return row ? { key: row.key, part: match[2] ?? '' } : undefined;
}

/** New rows need a value (the contract accepts an empty one, which is never what a person means). */
export function missingValues(draft: McpServerDraft): Record<string, string> {
  const field = entryField(draft);
  const errors: Record<string, string> = {};
  sentRows(draft[field]).forEach((row, index) => {
    if (!row.saved && row.value === '' && row.name.trim() !== '') {
      errors[`${field}.${index}.value`] = `Enter a value for ${row.name.trim()}`;
    }
  });
  return errors;
}
