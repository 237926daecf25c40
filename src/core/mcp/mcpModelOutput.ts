import type { ToolResultPart } from 'ai';
import { McpToolOutput } from '../../shared/contract/mcp';

type ToolResultOutput = ToolResultPart['output'];
type ContentValue = Extract<ToolResultOutput, { type: 'content' }>['value'];

/**
 * How an MCP tool's rich output (`McpToolOutput`) goes back to the model: text as text, images as
 * image data (so a vision model sees them rather than a wall of base64), everything else described
 * in words. Returns undefined for any other output.
 */
export function mcpModelOutput(output: unknown): ToolResultOutput | undefined {
  const parsed = McpToolOutput.safeParse(output);
  if (!parsed.success) return undefined;
  const value: ContentValue = parsed.data.content.map((item) => {
    switch (item.type) {
      case 'text':
        return { type: 'text', text: item.text };
      case 'image':
        return { type: 'image-data', data: item.data, mediaType: item.mimeType };
      case 'audio':
        return { type: 'text', text: `[audio: ${item.mimeType}]` };
      case 'resource_link':
        return { type: 'text', text: `[resource link: ${item.name} <${item.uri}>]` };
      case 'resource':
        return {
          type: 'text',
          text: item.text ?? `[resource ${item.uri}${item.blobBytes === undefined ? '' : `, ${item.blobBytes} bytes`}]`,
        };
    }
  });
  if (parsed.data.structuredContent !== undefined) {
    value.push({ type: 'text', text: JSON.stringify(parsed.data.structuredContent) });
  }
  return { type: 'content', value };
}
