import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { McpContentItem, McpToolOutput } from '../../shared/contract/mcp';
import type { JsonValue } from '../tools/types';

/** The server ran the tool and reported a failure (`isError`): its text becomes the error the model reads. */
export class McpToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'McpToolError';
  }
}

type ResultItem = CallToolResult['content'][number];

function base64Bytes(data: string): number {
  return Math.floor((data.length * 3) / 4) - (data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0);
}

function toContentItem(item: ResultItem): McpContentItem {
  switch (item.type) {
    case 'text':
      return { type: 'text', text: item.text };
    case 'image':
      return { type: 'image', mimeType: item.mimeType, data: item.data };
    case 'audio':
      return { type: 'audio', mimeType: item.mimeType, data: item.data };
    case 'resource_link':
      return {
        type: 'resource_link',
        uri: item.uri,
        name: item.name,
        ...(item.mimeType ? { mimeType: item.mimeType } : {}),
        ...(item.description ? { description: item.description } : {}),
      };
    case 'resource': {
      const { resource } = item;
      const mimeType = resource.mimeType ? { mimeType: resource.mimeType } : {};
      if ('text' in resource && typeof resource.text === 'string') {
        return { type: 'resource', uri: resource.uri, ...mimeType, text: resource.text };
      }
      // Binary contents are not kept in the conversation; their size tells what was there.
      const blob = 'blob' in resource && typeof resource.blob === 'string' ? resource.blob : '';
      return { type: 'resource', uri: resource.uri, ...mimeType, blobBytes: base64Bytes(blob) };
    }
  }
}

/**
 * What a tool card (and the model) gets from an MCP result: plain text as a string; anything richer
 * (images, audio, links, structured content) as an `McpToolOutput`. An `isError` result throws
 * McpToolError, so the call is reported as failed with the server's own words.
 */
export function toolOutputFromResult(result: CallToolResult): JsonValue {
  const content = (result.content ?? []).map(toContentItem);
  const texts = content.flatMap((item) => (item.type === 'text' ? [item.text] : []));
  if (result.isError) {
    throw new McpToolError(texts.join('\n\n').trim() || 'The tool reported an error without details.');
  }
  const onlyText = texts.length === content.length && result.structuredContent === undefined;
  if (onlyText) return texts.join('\n\n');
  const output: McpToolOutput = { content };
  if (result.structuredContent !== undefined) output.structuredContent = result.structuredContent;
  return output as JsonValue;
}
