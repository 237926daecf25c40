import { Field } from './Field';
import type { McpServerDraft } from './mcpDraft';

interface McpStdioFieldsProps {
  readonly draft: McpServerDraft;
  readonly errors: Readonly<Record<string, string>>;
  readonly onChange: (patch: Partial<McpServerDraft>) => void;
}

/** The program Navi starts: command, its arguments (one per line) and working directory. */
export function McpStdioFields({ draft, errors, onChange }: McpStdioFieldsProps) {
  const argsError = errors.args ?? Object.entries(errors).find(([path]) => path.startsWith('args.'))?.[1];
  return (
    <>
      <Field
        label="Command"
        error={errors.command}
        hint="The program to start, found on Navi's PATH or as a full path."
      >
        {(props) => (
          <input
            {...props}
            className="mono"
            value={draft.command}
            placeholder="npx"
            spellCheck={false}
            onChange={(event) => onChange({ command: event.target.value })}
          />
        )}
      </Field>
      <Field
        label="Arguments"
        error={argsError}
        hint="One per line, exactly as the program gets them (no quoting needed)."
      >
        {(props) => (
          <textarea
            {...props}
            className="mono"
            rows={3}
            value={draft.args}
            placeholder={'-y\n@modelcontextprotocol/server-filesystem\n/home/me/notes'}
            spellCheck={false}
            onChange={(event) => onChange({ args: event.target.value })}
          />
        )}
      </Field>
      <Field label="Working directory (optional)" error={errors.cwd}>
        {(props) => (
          <input
            {...props}
            className="mono"
            value={draft.cwd}
            spellCheck={false}
            onChange={(event) => onChange({ cwd: event.target.value })}
          />
        )}
      </Field>
    </>
  );
}
