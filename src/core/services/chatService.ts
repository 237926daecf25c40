import type { McpResourceRef, MessagePart, NaviServices } from '../../shared/contract';
import { RpcError } from '../../shared/rpc/errors';
import type { Orchestrator } from '../sessions/orchestrator';

export interface ChatServiceDeps {
  /** Reads MCP resources attached to a message (fails with a readable RpcError). */
  readonly readResources?: (refs: readonly McpResourceRef[]) => Promise<MessagePart[]>;
}

export function createChatService(orchestrator: Orchestrator, deps: ChatServiceDeps = {}): NaviServices['chat'] {
  return {
    send: async ({ sessionId, text, resources }) => {
      if (resources?.length && !deps.readResources) {
        throw new RpcError('invalid_input', 'This Navi cannot attach MCP resources.');
      }
      const attached = resources?.length ? await deps.readResources!(resources) : [];
      const { runId, messageId } = orchestrator.startRun(sessionId, text, 'user', attached);
      return { runId, messageId };
    },
    answerElicitation: ({ sessionId, elicitationId, action, content }) => ({
      answered: orchestrator.answerElicitation(sessionId, elicitationId, action, content),
    }),
    stop: ({ sessionId }) => ({ stopped: orchestrator.stop(sessionId) }),
    subscribe:
      ({ sessionId, fromSeq }, context) =>
      (listener) =>
        orchestrator.subscribe(sessionId, fromSeq, { deliver: listener, isCongested: context.isCongested }),
  };
}
