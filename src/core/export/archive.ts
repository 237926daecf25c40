import { createWriteStream } from 'node:fs';
import { AsyncZipDeflate, Zip, ZipPassThrough } from 'fflate';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_MANIFEST_NAME,
  ARCHIVE_VERSION,
  ArchiveManifest,
  type ConversationExport,
} from '../../shared/contract/exports';
import { MAX_IMPORT_CONVERSATIONS } from '../../shared/contract/limits';
import { RpcError } from '../../shared/rpc/errors';
import { exportConversation, type ExportDeps } from './conversationExport';
import { checkHeader, describeIssues, parseConversationExport } from './conversationImport';
import type { UnpackedImport } from './unpackInWorker';

/**
 * The "everything" archive, a ZIP file:
 *
 *     navi-archive.json               the manifest: format, version, the conversation files in order
 *     conversations/0001-title.json   one conversation export each (attachments listed without data)
 *     attachments/<sha-256>           each attached file's bytes once, named by their hash
 */
export const ATTACHMENTS_FOLDER = 'attachments/';

/** Most bytes an archive may unpack to (guards against a small ZIP that unpacks to a huge one). */
export const MAX_ARCHIVE_UNPACKED_BYTES = 1024 * 1024 * 1024;
/** Most entries an archive may hold: every conversation and every file once, with room to spare. */
export const MAX_ARCHIVE_ENTRIES = 4 * MAX_IMPORT_CONVERSATIONS;

/** A conversation title as a safe, short part of a file name. */
export function fileSlug(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .toLowerCase();
  return slug || 'conversation';
}

/** Writes every conversation and every file they refer to into a ZIP archive at `path`. */
export async function writeArchive(deps: ExportDeps, path: string): Promise<{ conversations: number }> {
  const out = createWriteStream(path);
  const written = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  let zipError: Error | undefined;
  const zip = new Zip((error, chunk, final) => {
    if (error) zipError ??= error;
    else out.write(chunk);
    if (final || error) out.end();
  });
  const addBytes = (name: string, bytes: Uint8Array, compress: boolean): void => {
    const entry = compress ? new AsyncZipDeflate(name, { level: 6 }) : new ZipPassThrough(name);
    zip.add(entry);
    entry.push(bytes, true);
  };

  let manifest: ArchiveManifest;
  try {
    const ids = deps.rows.allSessionIds();
    manifest = {
      format: ARCHIVE_FORMAT,
      version: ARCHIVE_VERSION,
      exportedAt: new Date(deps.now()).toISOString(),
      app: deps.app,
      conversations: [],
    };
    const filesWritten = new Set<string>();
    const width = Math.max(4, String(ids.length).length);
    for (const [index, id] of ids.entries()) {
      let document: ConversationExport;
      try {
        document = await exportConversation(deps, id, { withAttachmentData: false });
      } catch (error) {
        // Deleted while the archive was being written: it is simply not in it.
        if (error instanceof RpcError && error.code === 'not_found') continue;
        throw error;
      }
      const file = `conversations/${String(index + 1).padStart(width, '0')}-${fileSlug(document.conversation.title)}.json`;
      manifest.conversations.push({ file, title: document.conversation.title });
      addBytes(file, Buffer.from(JSON.stringify(document, null, 2)), true);
      for (const attachment of document.attachments) {
        if (filesWritten.has(attachment.id)) continue;
        let bytes: Buffer;
        try {
          bytes = await deps.attachments.bytes(attachment.id);
        } catch (error) {
          deps.logger.warn(`The archive goes without attachment ${attachment.id}: its file could not be read.`, error);
          continue;
        }
        filesWritten.add(attachment.id);
        addBytes(`${ATTACHMENTS_FOLDER}${attachment.id}`, bytes, attachment.kind === 'text');
      }
    }
    addBytes(ARCHIVE_MANIFEST_NAME, Buffer.from(JSON.stringify(manifest, null, 2)), true);
    zip.end();
  } catch (error) {
    zip.terminate();
    out.destroy();
    throw error;
  }
  await written;
  if (zipError) throw zipError;
  return { conversations: manifest.conversations.length };
}

export interface ReadArchive {
  readonly conversations: { readonly file: string; readonly document: ConversationExport }[];
  /** An attached file's bytes by its id. */
  readonly attachment: (id: string) => Uint8Array | undefined;
}

/** An unpacked archive's entry, parsed, or a refusal naming it when it is not JSON. */
function jsonOf(entry: { value?: unknown; error?: string }, what: string): unknown {
  if (entry.error !== undefined) throw new RpcError('invalid_input', `${what} is not valid JSON (${entry.error}).`);
  return entry.value;
}

/** Checks an archive whole (unpacked within its limits off the core thread), or refuses it with the reason. */
export function readArchive(unpacked: Extract<UnpackedImport, { kind: 'archive' }>): ReadArchive {
  const manifestEntry = unpacked.json[ARCHIVE_MANIFEST_NAME];
  if (!manifestEntry) {
    throw new RpcError('invalid_input', `This ZIP file is not a Navi archive (it has no ${ARCHIVE_MANIFEST_NAME}).`);
  }
  const manifestValue = jsonOf(manifestEntry, 'The archive’s manifest');
  checkHeader(manifestValue, ARCHIVE_FORMAT, ARCHIVE_VERSION, 'a Navi archive');
  const manifest = ArchiveManifest.safeParse(manifestValue);
  if (!manifest.success) throw new RpcError('invalid_input', describeIssues(manifest.error, 'This archive’s manifest'));
  const conversations = manifest.data.conversations.map(({ file }) => {
    const entry = unpacked.json[file];
    if (!entry) throw new RpcError('invalid_input', `This archive is missing ${file}, which its manifest lists.`);
    try {
      return { file, document: parseConversationExport(jsonOf(entry, file)) };
    } catch (error) {
      if (error instanceof RpcError) throw new RpcError(error.code, `${file}: ${error.message}`);
      throw error;
    }
  });
  return { conversations, attachment: (id) => unpacked.files[`${ATTACHMENTS_FOLDER}${id}`] };
}
