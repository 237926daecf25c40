import type { AttachmentRef, McpResourceRef, MessagePart, NaviServices } from '../../shared/contract';
import { RpcError } from '../../shared/rpc/errors';
import type { Attachments } from '../attachments/attachments';
import type { Orchestrator } from '../sessions/orchestrator';
import type { StartedRun } from '../sessions/runLifecycle';
import type { SessionStore } from '../store/sessionStore';
import { requireProfile } from './sessionsService';

export interface ChatServiceDeps {
  readonly store: SessionStore;
  /** Whether a profile exists now (a new conversation can start from one). */
  readonly profileExists?: (id: string) => boolean;
  /** Reads MCP resources attached to a message (fails with a readable RpcError). */
  readonly readResources?: (refs: readonly McpResourceRef[]) => Promise<MessagePart[]>;
  /** Uploaded files a message refers to. */
  readonly attachments?: Attachments;
}

const started = ({ runId, messageId, replyId }: StartedRun) => ({ runId, messageId, replyId });

export function createChatService(orchestrator: Orchestrator, deps: ChatServiceDeps): NaviServices['chat'] {
  const { store } = deps;
  const attach = async (resources: readonly McpResourceRef[] | undefined): Promise<MessagePart[]> => {
    if (!resources?.length) return [];
    if (!deps.readResources) throw new RpcError('invalid_input', 'This Navi cannot attach MCP resources.');
    return deps.readResources(resources);
  };
  /** The files' parts; called right before the message is stored (no await between: they exist now). */
  const files = (refs: readonly AttachmentRef[] | undefined): MessagePart[] => {
    if (!refs?.length) return [];
    if (!deps.attachments) throw new RpcError('invalid_input', 'This Navi cannot attach files.');
    return deps.attachments.parts(refs);
  };
  const sent = (peerId: string, refs: readonly AttachmentRef[] | undefined): void => {
    if (refs?.length) deps.attachments?.sent(peerId, refs);
  };
  return {
    send: async ({ sessionId, text, resources, attachments }, context) => {
      const attached = await attach(resources);
      const run = orchestrator.startRun(sessionId, text, 'user', [...files(attachments), ...attached]);
      sent(context.peerId, attachments);
      return started(run);
    },
    start: async ({ text, resources, attachments, profileId }, context) => {
      requireProfile(deps.profileExists ?? (() => false), profileId);
      const attached = await attach(resources);
      const session = store.createSession(undefined, profileId ?? null);
      try {
        const run = orchestrator.startRun(session.id, text, 'user', [...files(attachments), ...attached]);
        sent(context.peerId, attachments);
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
    answerApproval: ({ sessionId, approvalId, answer }) => ({
      accepted: orchestrator.answerApproval(sessionId, approvalId, answer),
    }),
    subscribe:
      ({ sessionId, fromSeq }, context) =>
      (listener) =>
        orchestrator.subscribe(sessionId, fromSeq, { deliver: listener, isCongested: context.isCongested }),
  };
}
