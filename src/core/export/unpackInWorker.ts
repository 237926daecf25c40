import { createRequire } from 'node:module';
import { RpcError } from '../../shared/rpc/errors';
import { runOneShotWorker } from '../workers/oneShotWorker';

/** A file to import as read off the core thread: a conversation's JSON, or an archive's entries. */
export type UnpackedImport =
  | { readonly kind: 'json'; readonly value: unknown }
  | {
      readonly kind: 'archive';
      /** Each `.json` entry parsed, or why it is not JSON. */
      readonly json: Readonly<Record<string, { value?: unknown; error?: string }>>;
      /** Every other entry's bytes (attached files). */
      readonly files: Readonly<Record<string, Uint8Array>>;
    };

export interface UnpackLimits {
  readonly maxEntries: number;
  readonly maxUnpackedBytes: number;
}

/**
 * The worker's program as source text (like the search and PDF workers), so it runs the same under
 * tsx, in tests and in the desktop bundle; fflate is resolved by the main thread and passed in.
 * It reads the file itself, unzips within the limits (entries, unpacked bytes, checked before
 * anything is inflated and again after), parses the JSON, and hands entry bytes back transferred.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const { unzipSync } = require(workerData.fflate);
const { path, maxEntries, maxUnpackedBytes } = workerData;
const parse = (bytes) => {
  try {
    return { value: JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) };
  } catch (error) {
    return { error: String(error && error.message) };
  }
};
function unpack() {
  const bytes = readFileSync(path);
  const zip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (!zip) {
    const parsed = parse(bytes);
    if (parsed.error !== undefined) return { kind: 'bad-json', message: parsed.error };
    return { kind: 'json', value: parsed.value };
  }
  let entries = 0;
  let unpacked = 0;
  let files;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        entries++;
        unpacked += file.originalSize;
        if (entries > maxEntries) throw new RangeError('it holds more than ' + maxEntries + ' files');
        if (unpacked > maxUnpackedBytes) throw new RangeError('it unpacks to more than 1 GB');
        return true;
      },
    });
  } catch (error) {
    return { kind: 'bad-zip', message: String(error && error.message) };
  }
  let actual = 0;
  for (const data of Object.values(files)) actual += data.length;
  if (actual > maxUnpackedBytes) return { kind: 'bad-zip', message: 'it unpacks to more than 1 GB' };
  const json = {};
  const others = {};
  for (const [name, data] of Object.entries(files)) {
    if (name.endsWith('.json')) json[name] = parse(data);
    else others[name] = data;
  }
  return { kind: 'archive', json, files: others };
}
try {
  const result = unpack();
  const buffers = result.kind === 'archive' ? [...new Set(Object.values(result.files).map((data) => data.buffer))] : [];
  parentPort.postMessage(result, buffers);
} catch (error) {
  parentPort.postMessage({ kind: 'failed', message: String(error && error.message), name: String(error && error.name) });
}
`;

type WorkerAnswer =
  | UnpackedImport
  | { kind: 'bad-json'; message: string }
  | { kind: 'bad-zip'; message: string }
  | { kind: 'failed'; message: string; name: string };

const require = createRequire(import.meta.url);
let fflate: string | undefined;

/**
 * Reads a file to import in a thread of its own: unzipping a 200 MB archive and parsing its JSON
 * take seconds, which must not stall the event loop every window's messages go through. One
 * short-lived thread per import, with a memory cap; its refusals read as before (not JSON, not a
 * readable archive, too many entries, unpacks too large).
 */
export function unpackInWorker(path: string, limits: UnpackLimits): Promise<UnpackedImport> {
  fflate ??= require.resolve('fflate');
  return runOneShotWorker<WorkerAnswer, UnpackedImport>({
    source: WORKER_SOURCE,
    workerData: { path, fflate, ...limits },
    maxOldGenerationSizeMb: 4096,
    answer: (answer) => {
      switch (answer.kind) {
        case 'json':
        case 'archive':
          return answer;
        case 'bad-json':
          throw new RpcError('invalid_input', `This file is not valid JSON (${answer.message}).`);
        case 'bad-zip':
          throw new RpcError('invalid_input', `This archive cannot be read: ${answer.message}.`);
        case 'failed':
          throw new Error(`Reading the import failed: ${answer.name}: ${answer.message}`);
      }
    },
    failed: (error) =>
      (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new RpcError('invalid_input', 'This file is too large to read.')
        : error,
    stoppedEarly: () => new Error('The import reader stopped before it answered.'),
  });
}
