import type { McpResourceRef, MessagePart, NaviServices } from '../../shared/contract';
import { RpcError } from '../../shared/rpc/errors';
import type { Orchestrator, StartedRun } from '../sessions/orchestrator';
import type { SessionStore } from '../store/sessionStore';

export interface ChatServiceDeps {
  readonly store: SessionStore;
  /** Reads MCP resources attached to a message (fails with a readable RpcError). */
  readonly readResources?: (refs: readonly McpResourceRef[]) => Promise<MessagePart[]>;
}

const started = ({ runId, messageId, replyId }: StartedRun) => ({ runId, messageId, replyId });

export function createChatService(orchestrator: Orchestrator, deps: ChatServiceDeps): NaviServices['chat'] {
  const { store } = deps;
  const attach = async (resources: readonly McpResourceRef[] | undefined): Promise<MessagePart[]> => {
    if (!resources?.length) return [];
    if (!deps.readResources) throw new RpcError('invalid_input', 'This Navi cannot attach MCP resources.');
    return deps.readResources(resources);
  };
  return {
    send: async ({ sessionId, text, resources }) =>
      started(orchestrator.startRun(sessionId, text, 'user', await attach(resources))),
    start: async ({ text, resources }) => {
      const attached = await attach(resources);
      const session = store.createSession();
      try {
        const run = orchestrator.startRun(session.id, text, 'user', attached);
        return { sessionId: session.id, ...started(run) };
      } catch (error) {
        // Nothing half-made stays behind (Navi may be shutting down).
        store.deleteSession(session.id);
        throw error;
      }
    },
    edit: ({ sessionId, messageId, text }) => started(orchestrator.edit(sessionId, messageId, text)),
    regenerate: ({ sessionId, messageId }) => started(orchestrator.regenerate(sessionId, messageId, 'user')),
    switchBranch: ({ sessionId, messageId }) => orchestrator.switchBranch(sessionId, messageId),
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
