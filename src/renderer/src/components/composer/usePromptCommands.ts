import { useEffect, useMemo, useState } from 'react';
import type { McpPrompt } from '../../../../shared/contract';
import { useApi } from '../../lib/apiContext';
import { errorMessage } from '../../lib/errorMessage';
import { useMcpServers } from '../mcp/useMcpServers';

/** A draft that is only "/" and a word: the person is choosing a slash command. */
export function slashQuery(draft: string): string | undefined {
  const match = /^\/(\S*)$/.exec(draft);
  return match ? match[1]!.toLowerCase() : undefined;
}

export function promptLabel(prompt: McpPrompt): string {
  return prompt.title ?? prompt.name;
}

/**
 * Every connected server's prompts, fetched while the slash menu is open and again whenever a
 * server's prompts change (its status carries the count, live in every window).
 */
export function usePromptCommands(open: boolean): { prompts: readonly McpPrompt[]; error: string | undefined } {
  const api = useApi();
  const servers = useMcpServers();
  const [prompts, setPrompts] = useState<readonly McpPrompt[]>([]);
  const [error, setError] = useState<string>();
  const catalogKey = useMemo(
    () =>
      (servers ?? [])
        .map((server) => `${server.id}:${server.status.state}:${server.status.promptCount}:${server.name}`)
        .join('|'),
    [servers],
  );
  useEffect(() => {
    if (!open) return;
    let current = true;
    api.mcp.listPrompts().then(
      (list) => {
        if (!current) return;
        setPrompts(list);
        setError(undefined);
      },
      (failure: unknown) => current && setError(errorMessage(failure)),
    );
    return () => {
      current = false;
    };
  }, [api, open, catalogKey]);
  return { prompts, error };
}

/** Prompts whose name, title or server match the typed word. */
export function matchingPrompts(prompts: readonly McpPrompt[], query: string): McpPrompt[] {
  return prompts.filter((prompt) =>
    [prompt.name, prompt.title ?? '', prompt.serverName].some((text) => text.toLowerCase().includes(query)),
  );
}
