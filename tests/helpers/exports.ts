import type { ConversationExport, NaviClient, PreparedExport } from '../../src/shared/contract';

/** Reads a prepared export to the end, the way a window saves it, and releases it. */
export async function download(api: NaviClient, prepared: PreparedExport): Promise<Buffer> {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset < prepared.size) {
    const page = await api.exports.read({ exportId: prepared.exportId, offset });
    const bytes = Buffer.from(page.data, 'base64');
    parts.push(bytes);
    offset += bytes.length;
  }
  await api.exports.release({ exportId: prepared.exportId });
  return Buffer.concat(parts);
}

/** A conversation's JSON export, parsed. */
export async function exportJson(api: NaviClient, sessionId: string): Promise<ConversationExport> {
  const prepared = await api.exports.conversation({ sessionId, format: 'json' });
  return JSON.parse((await download(api, prepared)).toString('utf8')) as ConversationExport;
}

/**
 * The structure of an export with ids replaced by their order of appearance (and the export time
 * left out), so two exports of the same conversation compare equal whatever ids they were given.
 */
export function structure(document: ConversationExport) {
  const index = new Map(document.conversation.messages.map((message, i) => [message.id, i]));
  const runs = new Map<string, number>();
  const run = (runId: string | null) => {
    if (runId === null) return null;
    if (!runs.has(runId)) runs.set(runId, runs.size);
    return runs.get(runId);
  };
  const { exportedAt: _exportedAt, ...rest } = document;
  return {
    ...rest,
    recalls: document.recalls?.map(({ id: _id, updatedAt: _updated, runs: history, ...recall }) => ({
      ...recall,
      runs: history.map((entry) => ({ ...entry, runId: run(entry.runId) })),
    })),
    toolRuns: document.toolRuns?.map((entry) => ({ ...entry, runId: run(entry.runId) })),
    conversation: {
      ...document.conversation,
      activeLeafId: index.get(document.conversation.activeLeafId ?? ''),
      messages: document.conversation.messages.map(({ id, parentId, ...message }) => ({
        ...message,
        id: index.get(id),
        parentId: parentId === null ? null : index.get(parentId),
      })),
    },
  };
}
