import type { NaviServices, Session } from '../../shared/contract';
import { RpcError } from '../../shared/rpc/errors';
import type { Attachments } from '../attachments/attachments';
import type { Logger } from '../ports';
import { MAX_ARCHIVE_ENTRIES, MAX_ARCHIVE_UNPACKED_BYTES, readArchive, writeArchive } from '../export/archive';
import { unpackInWorker, type UnpackedImport } from '../export/unpackInWorker';
import { exportConversation, type ExportDeps } from '../export/conversationExport';
import { conversationMarkdown } from '../export/conversationMarkdown';
import {
  type AttachmentBytes,
  importConversation,
  inlineAttachmentBytes,
  parseConversationExport,
} from '../export/conversationImport';
import { type ConversationRows } from '../export/conversationRows';
import { fileSlug } from '../export/archive';
import type { Transfers } from '../export/transfers';
import type { Orchestrator } from '../sessions/orchestrator';
import type { SessionStore } from '../store/sessionStore';
import { writeFile } from 'node:fs/promises';

export interface ExportsServiceDeps {
  readonly rows: ConversationRows;
  readonly store: SessionStore;
  readonly orchestrator: Orchestrator;
  readonly attachments: Attachments;
  readonly transfers: Transfers;
  readonly app: { readonly name: string; readonly version: string };
  readonly now: () => number;
  readonly timeZone: () => string;
  readonly logger: Logger;
}

/** "2026-11-29" in the person's zone, for file names. */
function day(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

export function createExportsService(deps: ExportsServiceDeps): NaviServices['exports'] {
  const exportDeps: ExportDeps = {
    rows: deps.rows,
    attachments: deps.attachments.store,
    app: deps.app,
    now: deps.now,
    logger: deps.logger,
  };
  const markdown = (sessionId: string) =>
    conversationMarkdown(
      { store: deps.store, activity: deps.rows.activity, now: deps.now, timeZone: deps.timeZone },
      sessionId,
    );

  /**
   * Adds what an import file holds (a conversation's JSON or an archive): all of it, or nothing
   * when any conversation in it is refused (those added before it are taken out again).
   */
  const importFile = async (unpacked: UnpackedImport): Promise<{ sessions: Session[]; pausedRecalls: number }> => {
    const importDeps = { rows: deps.rows, attachments: deps.attachments };
    const ids: string[] = [];
    let pausedRecalls = 0;
    try {
      if (unpacked.kind === 'archive') {
        const archive = readArchive(unpacked);
        for (const { file, document } of archive.conversations) {
          const bytesOf: AttachmentBytes = (entry) => inlineAttachmentBytes(entry) ?? archive.attachment(entry.id);
          try {
            ids.push(await importConversation(importDeps, document, bytesOf));
            pausedRecalls += document.recalls?.length ?? 0;
          } catch (error) {
            if (error instanceof RpcError)
              throw new RpcError(error.code, `${file}: ${error.message} Nothing was imported.`);
            throw error;
          }
        }
      } else {
        const document = parseConversationExport(unpacked.value);
        ids.push(await importConversation(importDeps, document));
        pausedRecalls += document.recalls?.length ?? 0;
      }
    } catch (error) {
      for (const id of ids) deps.store.deleteSession(id);
      if (ids.length > 0) await deps.attachments.store.collect();
      throw error;
    }
    const sessions = ids.map((id) => {
      const session = deps.store.requireSession(id);
      deps.orchestrator.sessionCreated(session);
      return session;
    });
    return { sessions, pausedRecalls };
  };

  return {
    conversation: async ({ sessionId, format }, context) => {
      const session = deps.store.requireSession(sessionId);
      const base = `${fileSlug(session.title)}-${day(deps.now(), deps.timeZone())}`;
      return deps.transfers.prepare(
        context.peerId,
        context.connectionClosed,
        format === 'json'
          ? { fileName: `${base}.navi.json`, mediaType: 'application/json' }
          : { fileName: `${base}.md`, mediaType: 'text/markdown' },
        async (path) => {
          const text =
            format === 'json'
              ? JSON.stringify(await exportConversation(exportDeps, sessionId), null, 2)
              : markdown(sessionId);
          await writeFile(path, text);
        },
      );
    },
    markdown: ({ sessionId }) => ({ markdown: markdown(sessionId) }),
    archive: (_input, context) =>
      deps.transfers.prepare(
        context.peerId,
        context.connectionClosed,
        { fileName: `navi-archive-${day(deps.now(), deps.timeZone())}.zip`, mediaType: 'application/zip' },
        async (path) => {
          await writeArchive(exportDeps, path);
        },
      ),
    read: ({ exportId, offset }, context) => deps.transfers.read(context.peerId, exportId, offset),
    release: async ({ exportId }, context) => ({ released: await deps.transfers.release(context.peerId, exportId) }),
    beginImport: (input, context) => deps.transfers.beginImport(context.peerId, context.connectionClosed, input),
    importChunk: ({ importId, offset, data }, context) =>
      deps.transfers.importChunk(context.peerId, importId, offset, data),
    finishImport: async ({ importId }, context) => {
      try {
        // Unzipping and parsing run on a worker thread; the core thread only checks and writes.
        const unpacked = await deps.transfers.finishImport(context.peerId, importId, (path) =>
          unpackInWorker(path, { maxEntries: MAX_ARCHIVE_ENTRIES, maxUnpackedBytes: MAX_ARCHIVE_UNPACKED_BYTES }),
        );
        return await importFile(unpacked);
      } catch (error) {
        if (error instanceof RpcError) throw error;
        deps.logger.error('Import failed:', error);
        throw new RpcError('internal', 'Navi could not import this file; nothing was added. See the log for details.');
      }
    },
    discardImport: async ({ importId }, context) => ({
      discarded: await deps.transfers.discardImport(context.peerId, importId),
    }),
  };
}
