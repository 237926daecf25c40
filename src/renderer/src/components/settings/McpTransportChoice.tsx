import type { McpTransport } from '../../../../shared/contract';

const TRANSPORTS: readonly { transport: McpTransport; label: string; hint: string }[] = [
  { transport: 'stdio', label: 'Program (stdio)', hint: 'Navi starts it, e.g. npx, uvx, node or docker.' },
  { transport: 'http', label: 'HTTP', hint: 'Already running, reached by URL (Streamable HTTP or SSE).' },
];

/** Whether Navi starts the server or reaches it over HTTP. */
export function McpTransportChoice({
  value,
  onChange,
}: {
  readonly value: McpTransport;
  readonly onChange: (transport: McpTransport) => void;
}) {
  return (
    <fieldset className="kind-choice mcp-transport-choice">
      <legend>Type</legend>
      {TRANSPORTS.map((entry) => (
        <label key={entry.transport} className={`kind-option${value === entry.transport ? ' selected' : ''}`}>
          <input
            type="radio"
            name="mcp-transport"
            value={entry.transport}
            checked={value === entry.transport}
            onChange={() => onChange(entry.transport)}
          />
          <span className="kind-label">{entry.label}</span>
          <span className="kind-hint">{entry.hint}</span>
        </label>
      ))}
    </fieldset>
  );
}
