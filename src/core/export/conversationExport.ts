import {
  CONVERSATION_EXPORT_FORMAT,
  CONVERSATION_EXPORT_VERSION,
  type ConversationExport,
  type ExportedAttachment,
  type ExportedConversation,
} from '../../shared/contract/exports';
import type { AttachmentStore } from '../attachments/attachmentStore';
import type { Logger } from '../ports';
import { sessionNotFound } from '../store/sessionStore';
import type { ConversationRows } from './conversationRows';

export interface ExportDeps {
  readonly rows: ConversationRows;
  readonly attachments: AttachmentStore;
  readonly app: { readonly name: string; readonly version: string };
  readonly now: () => number;
  readonly logger: Logger;
}

/** The ids of the files a conversation's messages refer to, each once, in the order they appear. */
export function attachmentIdsOf(conversation: ExportedConversation): string[] {
  const ids = new Set<string>();
  for (const message of conversation.messages) {
    for (const part of message.parts) if (part.type === 'attachment') ids.add(part.id);
  }
  return [...ids];
}

/**
 * What is known of each attached file, with its bytes as base64 when `withData` (a conversation's
 * own JSON file); an archive carries the bytes as entries of their own. A file missing from the
 * data directory is listed without data (and logged): the rest of the conversation still exports.
 */
export async function exportedAttachments(
  deps: ExportDeps,
  ids: readonly string[],
  withData: boolean,
): Promise<ExportedAttachment[]> {
  const out: ExportedAttachment[] = [];
  for (const id of ids) {
    const stored = deps.attachments.get(id);
    if (!stored) continue;
    const entry: ExportedAttachment = { id, kind: stored.kind, mediaType: stored.mediaType, size: stored.size };
    if (withData) {
      try {
        entry.data = (await deps.attachments.bytes(id)).toString('base64');
      } catch (error) {
        deps.logger.warn(`Exporting without attachment ${id}: its file could not be read.`, error);
      }
    }
    out.push(entry);
  }
  return out;
}

/** One conversation, every branch, as the JSON document Navi imports back. */
export async function exportConversation(
  deps: ExportDeps,
  sessionId: string,
  options: { readonly withAttachmentData: boolean } = { withAttachmentData: true },
): Promise<ConversationExport> {
  const conversation = deps.rows.read(sessionId);
  if (!conversation) throw sessionNotFound(sessionId);
  return {
    format: CONVERSATION_EXPORT_FORMAT,
    version: CONVERSATION_EXPORT_VERSION,
    exportedAt: new Date(deps.now()).toISOString(),
    app: deps.app,
    conversation,
    attachments: await exportedAttachments(deps, attachmentIdsOf(conversation), options.withAttachmentData),
    ...deps.rows.activity.read(sessionId),
  };
}
