import type { NaviServices } from '../../shared/contract';
import type { Attachments } from '../attachments/attachments';

export function createAttachmentsService(attachments: Attachments): NaviServices['attachments'] {
  return {
    begin: (input, context) => attachments.begin(context.peerId, context.connectionClosed, input),
    chunk: ({ uploadId, offset, data }, context) => attachments.chunk(context.peerId, uploadId, offset, data),
    finish: ({ uploadId }, context) => attachments.finish(context.peerId, uploadId),
    discard: async (ref, context) => ({ discarded: await attachments.discard(context.peerId, ref) }),
    read: ({ id, offset }) => attachments.store.read(id, offset ?? 0),
    readText: ({ id, offset }) => attachments.store.readText(id, offset ?? 0),
  };
}
