import type { Message, MessageOrigin } from '../../shared/contract';
import { RpcError } from '../../shared/rpc';
import type { SessionStore } from '../store/sessionStore';
import type { RunLifecycle, StartedRun } from './runLifecycle';
import type { SessionChannels } from './sessionChannels';

export interface BranchEditsOptions {
  readonly store: SessionStore;
  readonly runs: RunLifecycle;
  readonly channels: SessionChannels;
}

/**
 * A person reshaping the conversation tree: an edited prompt or a regenerated reply starts a run on
 * a new branch, and switching branches changes what every window shows and the model sees.
 */
export class BranchEdits {
  constructor(private readonly options: BranchEditsOptions) {}

  /** Sends an edited version of a person's message: a new branch from where that message was. */
  edit(sessionId: string, messageId: string, text: string): StartedRun {
    const { runs, store } = this.options;
    const channel = runs.idleChannel(sessionId);
    const original = store.requireMessage(sessionId, messageId);
    if (original.role !== 'user') throw new RpcError('invalid_input', 'Only your own messages can be edited.');
    const prompt = store.appendMessage({
      sessionId,
      parentId: original.parentId,
      role: 'user',
      // What was attached to the original (files, resources) goes with the edited text.
      parts: [{ type: 'text', text }, ...original.parts.filter((part) => part.type !== 'text')],
      status: 'complete',
      origin: 'user',
    });
    return runs.begin(channel, prompt, 'user');
  }

  /**
   * Writes a new reply in place of `messageId` (a reply; or a prompt, whose reply is replaced).
   * The new reply is a sibling of the old one, except that a failed reply at the end of a branch is
   * replaced outright: trying again never stores the prompt twice or keeps the failure around.
   */
  regenerate(sessionId: string, messageId: string, origin: MessageOrigin): StartedRun {
    const { runs, store } = this.options;
    const channel = runs.idleChannel(sessionId);
    const target = store.requireMessage(sessionId, messageId);
    const promptId = target.role === 'assistant' ? target.parentId : target.id;
    if (promptId === null) throw new RpcError('invalid_input', 'There is nothing before this message to reply to.');
    const replaced = target.role === 'assistant' ? target : replyOnActiveBranch(target.id, store.activePath(sessionId));
    if (replaced && isFailed(replaced) && store.childrenOf(sessionId, replaced.id).length === 0) {
      store.deleteMessage(sessionId, replaced.id);
    }
    store.setActiveLeaf(sessionId, promptId);
    return runs.begin(channel, store.requireMessage(sessionId, promptId), origin);
  }

  /**
   * Shows another branch (`messageId` and what follows it where it was last left) in every window
   * on the session; the model and recalls continue from it.
   */
  switchBranch(sessionId: string, messageId: string): { leafId: string } {
    this.options.runs.idleChannel(sessionId);
    const leafId = this.options.store.selectBranch(sessionId, messageId);
    this.options.channels.emitRecorded(sessionId, { type: 'branch-switched', leafId });
    return { leafId };
  }
}

function replyOnActiveBranch(promptId: string, path: readonly Message[]): Message | undefined {
  const index = path.findIndex((message) => message.id === promptId);
  const next = index >= 0 ? path[index + 1] : undefined;
  return next?.role === 'assistant' ? next : undefined;
}

/** A reply that failed, or was cut short by Navi closing: trying again replaces it. */
function isFailed(message: Message): boolean {
  return (
    message.role === 'assistant' &&
    (message.status === 'interrupted' || message.parts.some((part) => part.type === 'error'))
  );
}
