import { createContext, useContext } from 'react';
import type { PendingElicitation, ToolProgress } from '../../../../shared/contract';

/** What the live reply shows besides its parts: tool progress and servers' questions. */
export interface LiveRunActivity {
  readonly sessionId: string;
  readonly toolProgress: Readonly<Record<string, ToolProgress>>;
  readonly elicitations: readonly PendingElicitation[];
}

/**
 * Given to the streaming reply only. A context, not props: rows are memoised on their message,
 * and progress or a question changes no message.
 */
export const LiveRunContext = createContext<LiveRunActivity | undefined>(undefined);

export function useLiveRunActivity(): LiveRunActivity | undefined {
  return useContext(LiveRunContext);
}
