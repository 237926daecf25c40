import { McpToolOutput } from '../../../../shared/contract/mcpOutput';
import { formatJson } from './formatJson';
import { McpOutputItem } from './McpOutputItem';
import './toolOutput.css';

/** A tool's result: MCP content (text, images, audio, links) item by item, anything else as text. */
export function ToolOutput({ output, isError }: { readonly output: unknown; readonly isError: boolean }) {
  const mcp = McpToolOutput.safeParse(output);
  if (!mcp.success) {
    return <pre className={isError ? 'tool-error-output' : undefined}>{formatJson(output) || '(empty)'}</pre>;
  }
  const { content, structuredContent } = mcp.data;
  return (
    <div className="tool-output">
      {content.length === 0 && structuredContent === undefined && <pre>(empty)</pre>}
      {content.map((item, index) => (
        <McpOutputItem key={index} item={item} isError={isError} />
      ))}
      {structuredContent !== undefined && (
        <details className="tool-structured">
          <summary>Structured content</summary>
          <pre>{formatJson(structuredContent)}</pre>
        </details>
      )}
    </div>
  );
}
