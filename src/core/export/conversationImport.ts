import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { AttachmentInfo } from '../../shared/contract/attachments';
import {
  CONVERSATION_EXPORT_FORMAT,
  CONVERSATION_EXPORT_VERSION,
  ConversationExport,
  ExportHeader,
  type ExportedAttachment,
  type ExportedMessage,
} from '../../shared/contract/exports';
import { MAX_ATTACHMENT_BYTES, TRANSFER_CHUNK_BYTES } from '../../shared/contract/limits';
import type { MessagePart } from '../../shared/contract/messages';
import { RpcError } from '../../shared/rpc/errors';
import { fileName, type Attachments } from '../attachments/attachments';
import { Upload } from '../attachments/upload';
import type { ConversationRows } from './conversationRows';

export interface ImportDeps {
  readonly rows: ConversationRows;
  readonly attachments: Attachments;
  readonly newId?: () => string;
}

const refuse = (message: string): RpcError => new RpcError('invalid_input', message);

/** The first few problems zod found, as one line a person can act on. */
export function describeIssues(error: z.ZodError, what: string): string {
  const shown = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length - shown.length;
  return `${what} is damaged or incomplete — ${shown.join('; ')}${more > 0 ? ` (and ${more} more problems)` : ''}.`;
}

/** Reads the header first, so a file of another kind or a newer format is refused in words that say so. */
export function checkHeader(value: unknown, format: string, version: number, what: string): void {
  const header = ExportHeader.safeParse(value);
  if (!header.success || header.data.format !== format) {
    throw refuse(`This file is not ${what}. Choose a file Navi exported (Export → JSON or All conversations).`);
  }
  if (header.data.version > version) {
    throw refuse(
      `This file was exported by a newer Navi (format version ${header.data.version}); this Navi reads version ${version}. Update Navi to import it.`,
    );
  }
  if (header.data.version !== version) {
    throw refuse(
      `This file has format version ${header.data.version}, which Navi cannot read (it reads version ${version}).`,
    );
  }
}

/** JSON text to a value, or a refusal naming what is wrong. */
export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw refuse(`${what} is not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
}

/** A conversation export checked whole: header, then every field against the contract. */
export function parseConversationExport(value: unknown): ConversationExport {
  const what = 'a Navi conversation export';
  checkHeader(value, CONVERSATION_EXPORT_FORMAT, CONVERSATION_EXPORT_VERSION, what);
  const parsed = ConversationExport.safeParse(value);
  if (!parsed.success) throw refuse(describeIssues(parsed.error, 'This conversation export'));
  return parsed.data;
}

/**
 * The messages with every parent before its children (the order they are written in), or a refusal
 * when they do not form a tree: a repeated id, a parent that is missing, a loop.
 */
export function treeOrder(messages: readonly ExportedMessage[]): ExportedMessage[] {
  const byId = new Map<string, ExportedMessage>();
  for (const message of messages) {
    if (byId.has(message.id)) throw refuse(`Two messages in this export share the id “${message.id}”.`);
    byId.set(message.id, message);
  }
  const children = new Map<string | null, ExportedMessage[]>();
  for (const message of messages) {
    if (message.parentId !== null && !byId.has(message.parentId)) {
      throw refuse(`Message “${message.id}” follows a message that is not in this export.`);
    }
    const list = children.get(message.parentId) ?? [];
    list.push(message);
    children.set(message.parentId, list);
  }
  // Normally the file is in writing order already; keep it then (positions follow it).
  const written = new Set<string>();
  const parentsFirst = messages.every((message) => {
    const ok = message.parentId === null || written.has(message.parentId);
    written.add(message.id);
    return ok;
  });
  if (parentsFirst) return [...messages];
  const ordered: ExportedMessage[] = [];
  const queue: (string | null)[] = [null];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      ordered.push(child);
      queue.push(child.id);
    }
  }
  if (ordered.length !== messages.length) {
    throw refuse('The messages in this export refer to each other in a loop, so they are not a conversation.');
  }
  return ordered;
}

/** Where an import finds an attached file's bytes: inline base64, or an archive entry. */
export type AttachmentBytes = (attachment: ExportedAttachment) => Uint8Array | undefined;

export const inlineAttachmentBytes: AttachmentBytes = (attachment) =>
  attachment.data === undefined ? undefined : Buffer.from(attachment.data, 'base64');

/**
 * Stores one imported file the way an upload is stored (its kind judged by its bytes, a PDF's
 * text derived), after checking that the bytes are the ones the export names.
 */
async function storeAttachment(attachments: Attachments, entry: ExportedAttachment, name: string, bytes: Uint8Array) {
  if (bytes.length > MAX_ATTACHMENT_BYTES) {
    throw refuse(`The attached file “${name}” is larger than ${MAX_ATTACHMENT_BYTES / (1024 * 1024)} MB.`);
  }
  if (bytes.length !== entry.size) {
    throw refuse(`The attached file “${name}” is damaged: ${bytes.length} bytes, the export says ${entry.size}.`);
  }
  const upload = new Upload(randomUUID(), name, bytes.length, entry.mediaType, attachments.store.files.newUploadPath());
  try {
    for (let offset = 0; offset < bytes.length; offset += TRANSFER_CHUNK_BYTES) {
      await upload.chunk(offset, Buffer.from(bytes.subarray(offset, offset + TRANSFER_CHUNK_BYTES)));
    }
    const received = await upload.finish();
    if (received.id !== entry.id) {
      throw refuse(`The attached file “${name}” is damaged: its bytes do not match its id.`);
    }
    return await attachments.store.import(received);
  } catch (error) {
    await upload.discard().catch(() => {});
    throw error;
  }
}

/**
 * Adds an exported conversation as a new one: new ids for it and every message, its branches,
 * notes, settings and files kept; nothing that exists is changed. Refuses the whole of it (nothing
 * written) when any part is wrong. Returns the new conversation's id.
 */
export async function importConversation(
  deps: ImportDeps,
  document: ConversationExport,
  bytesOf: AttachmentBytes = inlineAttachmentBytes,
): Promise<string> {
  const newId = deps.newId ?? randomUUID;
  const { conversation } = document;
  const ordered = treeOrder(conversation.messages);
  if (conversation.activeLeafId !== null && !ordered.some((message) => message.id === conversation.activeLeafId)) {
    throw refuse('The branch on screen in this export ends at a message that is not in it.');
  }

  const entries = new Map(document.attachments.map((entry) => [entry.id, entry]));
  const names = new Map<string, string>();
  for (const message of ordered) {
    for (const part of message.parts) {
      if (part.type !== 'attachment') continue;
      if (!entries.has(part.id) && !deps.attachments.store.get(part.id)) {
        throw refuse(`The attached file “${part.name}” is not in this export.`);
      }
      if (!names.has(part.id)) names.set(part.id, fileName(part.name));
    }
  }

  const ids = [...names.keys()];
  return deps.attachments.holding(ids, async () => {
    const stored = new Map<string, AttachmentInfo>();
    for (const id of ids) {
      const name = names.get(id)!;
      const entry = entries.get(id);
      const bytes = entry ? bytesOf(entry) : undefined;
      if (entry && bytes) stored.set(id, await storeAttachment(deps.attachments, entry, name, bytes));
      else {
        // Only the id came along: the same file is already stored here.
        const known = deps.attachments.store.get(id);
        if (!known) throw refuse(`The attached file “${name}” is not in this export.`);
        stored.set(id, { ...known, name });
      }
    }

    const messageIds = new Map(ordered.map((message) => [message.id, newId()]));
    const withPart = (part: MessagePart): MessagePart => {
      if (part.type !== 'attachment') return part;
      const info = stored.get(part.id)!;
      // What the file is comes from its bytes here, not from what the export says.
      return { ...info, type: 'attachment', name: fileName(part.name) };
    };
    const sessionId = newId();
    deps.rows.insert({
      id: sessionId,
      conversation: {
        ...conversation,
        profileId:
          conversation.profile && deps.rows.hasProfile(conversation.profile.id) ? conversation.profile.id : null,
        activeLeafId:
          conversation.activeLeafId === null
            ? (messageIds.get(ordered.at(-1)?.id ?? '') ?? null)
            : messageIds.get(conversation.activeLeafId)!,
      },
      messages: ordered.map((message) => ({
        ...message,
        id: messageIds.get(message.id)!,
        parentId: message.parentId === null ? null : messageIds.get(message.parentId)!,
        parts: message.parts.map(withPart),
      })),
      activity: { recalls: document.recalls ?? [], toolRuns: document.toolRuns ?? [] },
    });
    return sessionId;
  });
}
