import type { NaviServices } from '../../shared/contract';
import type { Orchestrator } from '../sessions/orchestrator';

export function createChatService(orchestrator: Orchestrator): NaviServices['chat'] {
  return {
    send: ({ sessionId, text }) => {
      const { runId, messageId } = orchestrator.startRun(sessionId, text, 'user');
      return { runId, messageId };
    },
    stop: ({ sessionId }) => ({ stopped: orchestrator.stop(sessionId) }),
    subscribe:
      ({ sessionId, fromSeq }, context) =>
      (listener) =>
        orchestrator.subscribe(sessionId, fromSeq, { deliver: listener, isCongested: context.isCongested }),
  };
}
