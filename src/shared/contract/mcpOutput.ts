import { z } from 'zod';

// A module of its own: a window's tool cards parse results with it, without building the rest of
// the MCP service's schemas (src/renderer/src/rpc/client.ts explains). mcp.ts re-exports it.

/** One item of an MCP tool's result as stored in a tool card's output (`McpToolOutput`). */
export const McpContentItem = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }),
  /** Base64 `data`; the tool card renders it as an image. */
  z.object({ type: z.literal('image'), mimeType: z.string(), data: z.string() }),
  z.object({ type: z.literal('audio'), mimeType: z.string(), data: z.string() }),
  z.object({
    type: z.literal('resource_link'),
    uri: z.string(),
    name: z.string(),
    mimeType: z.string().optional(),
    description: z.string().optional(),
  }),
  /** An embedded resource: its text, or only the size of binary contents (which are not kept). */
  z.object({
    type: z.literal('resource'),
    uri: z.string(),
    mimeType: z.string().optional(),
    text: z.string().optional(),
    blobBytes: z.number().int().optional(),
  }),
]);
export type McpContentItem = z.infer<typeof McpContentItem>;

/**
 * The output of an MCP tool call when it is more than plain text (a text-only result is stored as
 * a string). Renderers can `McpToolOutput.safeParse(result.output)` to show images and links.
 */
export const McpToolOutput = z.object({
  content: z.array(McpContentItem),
  structuredContent: z.unknown().optional(),
});
export type McpToolOutput = z.infer<typeof McpToolOutput>;
