import { describe, expect, it } from 'vitest';
import { mcpModelOutput } from '../../../src/core/mcp/mcpModelOutput';
import { McpToolError, toolOutputFromResult } from '../../../src/core/mcp/mcpToolOutput';

describe('MCP tool results as tool outputs', () => {
  it('keep plain text as a string', () => {
    expect(
      toolOutputFromResult({
        content: [
          { type: 'text', text: 'one' },
          { type: 'text', text: 'two' },
        ],
      }),
    ).toBe('one\n\ntwo');
    expect(toolOutputFromResult({ content: [] })).toBe('');
  });

  it('keep images, audio, links, resources and structured content as content entries', () => {
    const output = toolOutputFromResult({
      content: [
        { type: 'text', text: 'Here:' },
        { type: 'image', mimeType: 'image/png', data: 'iVBORw0KGgo=' },
        { type: 'audio', mimeType: 'audio/wav', data: 'UklGRg==' },
        { type: 'resource_link', uri: 'file:///a.txt', name: 'a.txt', mimeType: 'text/plain' },
        { type: 'resource', resource: { uri: 'file:///b.txt', mimeType: 'text/plain', text: 'bee' } },
        { type: 'resource', resource: { uri: 'file:///c.bin', blob: 'AAAA' } },
      ],
      structuredContent: { temperature: 21 },
    });
    expect(output).toEqual({
      content: [
        { type: 'text', text: 'Here:' },
        { type: 'image', mimeType: 'image/png', data: 'iVBORw0KGgo=' },
        { type: 'audio', mimeType: 'audio/wav', data: 'UklGRg==' },
        { type: 'resource_link', uri: 'file:///a.txt', name: 'a.txt', mimeType: 'text/plain' },
        { type: 'resource', uri: 'file:///b.txt', mimeType: 'text/plain', text: 'bee' },
        { type: 'resource', uri: 'file:///c.bin', blobBytes: 3 },
      ],
      structuredContent: { temperature: 21 },
    });
  });

  it("throw the server's words for an isError result", () => {
    expect(() => toolOutputFromResult({ isError: true, content: [{ type: 'text', text: 'No such repo' }] })).toThrow(
      new McpToolError('No such repo'),
    );
    expect(() => toolOutputFromResult({ isError: true, content: [] })).toThrow(
      'The tool reported an error without details.',
    );
  });

  it('go back to the model with images as image data', () => {
    const output = toolOutputFromResult({
      content: [
        { type: 'text', text: 'Here:' },
        { type: 'image', mimeType: 'image/png', data: 'iVBORw0KGgo=' },
      ],
    });
    expect(mcpModelOutput(output)).toEqual({
      type: 'content',
      value: [
        { type: 'text', text: 'Here:' },
        { type: 'image-data', data: 'iVBORw0KGgo=', mediaType: 'image/png' },
      ],
    });
    expect(mcpModelOutput('plain text')).toBeUndefined();
    expect(mcpModelOutput({ some: 'json' })).toBeUndefined();
  });
});
