import { RpcError } from '../../shared/rpc/errors';
import type { StoredMcpServer } from './mcpServerConfig';
import type { McpServerChange, McpServerDraft } from './mcpServerConfigs';

/** A program Navi is about to be allowed to run as an MCP server, as a person reviews it. */
export interface StdioCommandReview {
  readonly serverName: string;
  readonly change: 'add' | 'update';
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string | null;
  /** Environment variables it gets; values stay hidden (they may be secrets), new ones are marked. */
  readonly env: readonly { readonly name: string; readonly newValue: boolean }[];
}

/**
 * Asks the person whether these programs may run. The desktop shell answers with a native dialog
 * that no page can click; the browser host has no such port (its token is the guard).
 */
export type ConfirmStdioCommands = (reviews: readonly StdioCommandReview[]) => Promise<boolean>;

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((item, index) => item === b[index]);

/**
 * What must be confirmed before saving a server: a new stdio server, or a change to what an
 * existing one runs (program, arguments, folder, environment names or values). Undefined when
 * nothing that runs changes (a rename, an HTTP server).
 */
export function stdioCommandReview(
  existing: StoredMcpServer | undefined,
  next: McpServerDraft | McpServerChange,
): StdioCommandReview | undefined {
  if (next.transport !== 'stdio') return undefined;
  const cwd = next.cwd ?? null;
  const env = next.env.map((entry) => ({ name: entry.name, newValue: entry.value !== undefined }));
  const review: StdioCommandReview = {
    serverName: next.name.trim(),
    change: existing ? 'update' : 'add',
    command: next.command,
    args: next.args,
    cwd,
    env,
  };
  if (!existing || existing.transport !== 'stdio') return review;
  const unchanged =
    existing.command === next.command &&
    sameList(existing.args, next.args) &&
    existing.cwd === cwd &&
    sameList(
      existing.env.map((entry) => entry.name),
      env.map((entry) => entry.name),
    ) &&
    env.every((entry) => !entry.newValue);
  return unchanged ? undefined : review;
}

/**
 * Puts the port in front of saving: one question at a time (a page cannot pile up dialogs), and a
 * readable refusal when the person says no. Without a port, everything passes.
 */
export function createCommandGate(confirm: ConfirmStdioCommands | undefined) {
  let asking = false;
  return async (reviews: readonly (StdioCommandReview | undefined)[]): Promise<void> => {
    const needed = reviews.filter((review): review is StdioCommandReview => review !== undefined);
    if (!confirm || needed.length === 0) return;
    if (asking) {
      throw new RpcError('busy', 'Navi is already asking you about a program to run; answer that first.');
    }
    asking = true;
    try {
      if (!(await confirm(needed))) {
        throw new RpcError(
          'cancelled',
          needed.length === 1
            ? `Not saved: running "${needed[0]!.command}" was not allowed.`
            : 'Not imported: running these programs was not allowed.',
        );
      }
    } finally {
      asking = false;
    }
  };
}
