import { useId, useState, type KeyboardEvent } from 'react';
import type { McpPrompt } from '../../../../shared/contract';
import { useApi } from '../../lib/apiContext';
import { errorMessage } from '../../lib/errorMessage';
import { matchingPrompts, slashQuery, usePromptCommands } from './usePromptCommands';

export interface SlashCommands {
  /** The open menu (the draft is "/" and a word), or undefined. */
  readonly menu:
    | {
        readonly id: string;
        readonly prompts: readonly McpPrompt[];
        readonly activeIndex: number;
        readonly error: string | undefined;
        readonly optionId: (index: number) => string;
      }
    | undefined;
  /** The prompt whose arguments are being filled in. */
  readonly chosen: McpPrompt | undefined;
  readonly busy: boolean;
  readonly error: string | undefined;
  /** The composer's keys while the menu is open; true when the key was the menu's. */
  onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): boolean;
  choose(prompt: McpPrompt): void;
  hover(index: number): void;
  insert(values: Record<string, string>): void;
  cancel(): void;
}

/**
 * Prompts as slash commands: "/" opens the list, ↑ ↓ move, Enter or Tab choose, Esc closes. A
 * prompt with arguments asks for them first; the rendered prompt then replaces the draft.
 */
export function useSlashCommands(draft: string, setDraft: (text: string) => void): SlashCommands {
  const api = useApi();
  const id = useId();
  const query = slashQuery(draft);
  const [dismissedAt, setDismissedAt] = useState<string>();
  const [chosen, setChosen] = useState<McpPrompt>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [active, setActive] = useState(0);
  const open = query !== undefined && dismissedAt !== draft && !chosen;
  const { prompts, error: listError } = usePromptCommands(open);
  const shown = open ? matchingPrompts(prompts, query) : [];
  const activeIndex = Math.min(active, Math.max(shown.length - 1, 0));

  const render = async (prompt: McpPrompt, values: Record<string, string>): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const { text } = await api.mcp.getPrompt({ serverId: prompt.serverId, name: prompt.name, arguments: values });
      setDraft(text);
      setChosen(undefined);
    } catch (failure) {
      setChosen(prompt);
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  const choose = (prompt: McpPrompt): void => {
    setActive(0);
    if (prompt.arguments.length === 0) void render(prompt, {});
    else {
      setError(undefined);
      setChosen(prompt);
    }
  };

  return {
    menu: open
      ? { id, prompts: shown, activeIndex, error: listError, optionId: (index) => `${id}-option-${index}` }
      : undefined,
    chosen,
    busy,
    error,
    onKeyDown: (event) => {
      if (!open) return false;
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        setDismissedAt(draft);
        return true;
      }
      if (shown.length === 0) return false;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((activeIndex + step + shown.length) % shown.length);
        return true;
      }
      if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Tab') {
        event.preventDefault();
        choose(shown[activeIndex]!);
        return true;
      }
      return false;
    },
    choose,
    hover: setActive,
    insert: (values) => chosen && void render(chosen, values),
    cancel: () => {
      setChosen(undefined);
      setError(undefined);
    },
  };
}
