import { z } from 'zod';

/** How far a running tool has got, as its MCP server reports it. */
export const ToolProgress = z.object({
  toolCallId: z.string(),
  progress: z.number(),
  /** Unknown when the server does not say how much there is. */
  total: z.number().nullable(),
  message: z.string().nullable(),
});
export type ToolProgress = z.infer<typeof ToolProgress>;
