import type { McpPrompt } from '../../../../shared/contract';
import { promptLabel } from './usePromptCommands';

interface SlashCommandMenuProps {
  readonly id: string;
  readonly prompts: readonly McpPrompt[];
  readonly activeIndex: number;
  readonly error: string | undefined;
  readonly optionId: (index: number) => string;
  readonly onChoose: (prompt: McpPrompt) => void;
  readonly onHover: (index: number) => void;
}

/** The "/" list: connected servers' prompts, driven from the composer's keys (↑ ↓ Enter Tab Esc). */
export function SlashCommandMenu({
  id,
  prompts,
  activeIndex,
  error,
  optionId,
  onChoose,
  onHover,
}: SlashCommandMenuProps) {
  return (
    <div className="slash-menu">
      {error && (
        <p className="slash-empty" role="alert">
          {error}
        </p>
      )}
      {prompts.length === 0 && !error ? (
        <p className="slash-empty muted">No prompts match. Connected MCP servers offer their prompts here.</p>
      ) : (
        <ul id={id} role="listbox" aria-label="Prompts">
          {prompts.map((prompt, index) => (
            <li
              key={`${prompt.serverId}/${prompt.name}`}
              id={optionId(index)}
              role="option"
              aria-selected={index === activeIndex}
              className={index === activeIndex ? 'active' : undefined}
              onPointerDown={(event) => event.preventDefault()}
              onClick={() => onChoose(prompt)}
              onPointerEnter={() => onHover(index)}
            >
              <span className="slash-name">/{prompt.name}</span>
              <span className="slash-server">{prompt.serverName}</span>
              {(prompt.description ?? (prompt.title !== null && prompt.title !== prompt.name)) && (
                <span className="slash-description muted">{prompt.description ?? promptLabel(prompt)}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
