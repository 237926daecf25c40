import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Clock } from '../ports';
import { runOneShotWorker } from '../workers/oneShotWorker';

/** What a PDF holds as text: its pages' text, pages apart by a blank line. */
export interface PdfText {
  readonly pages: number;
  readonly text: string;
}

export type DeriveTask =
  { readonly type: 'pdf-text'; readonly path: string } | { readonly type: 'gif-first-frame'; readonly path: string };
type DeriveResult<T extends DeriveTask> = T extends { type: 'pdf-text' } ? PdfText : { png: Uint8Array | null };

/** A file Navi could not read; `message` is for people. */
export class DeriveError extends Error {
  constructor(
    message: string,
    readonly reason: 'password' | 'unreadable' | 'too-large' | 'timeout',
  ) {
    super(message);
    this.name = 'DeriveError';
  }
}

/** Pixels of a GIF frame Navi will decode (width × height): about a 7000 × 7000 image. */
const MAX_FRAME_PIXELS = 50_000_000;
export const DEFAULT_DERIVE_TIMEOUT_MS = 60_000;

/**
 * The worker's program, as source text (like the WAL checkpointer's), so it starts the same under
 * tsx, in tests and from the desktop app's bundle; the libraries it needs are resolved by the main
 * thread and passed in. pdf.js runs its own "worker" inside this thread when under Node.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
async function pdfText(path) {
  const pdfjs = await import(workerData.pdfjs);
  const data = new Uint8Array(readFileSync(path));
  const doc = await pdfjs.getDocument({ data, isEvalSupported: false, useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    const pages = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const content = await page.getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\\n' : '') : '')).join('').trim());
      page.cleanup();
    }
    return { pages: doc.numPages, text: pages.filter((text) => text.length > 0).join('\\n\\n') };
  } finally {
    await doc.destroy();
  }
}
function gifFirstFrame(path) {
  const { GifReader } = require(workerData.omggif);
  const { PNG } = require(workerData.pngjs);
  const reader = new GifReader(readFileSync(path));
  if (reader.numFrames() <= 1) return { png: null };
  if (reader.width * reader.height > workerData.maxPixels) throw Object.assign(new Error('too large'), { name: 'TooLarge' });
  const png = new PNG({ width: reader.width, height: reader.height });
  reader.decodeAndBlitFrameRGBA(0, png.data);
  return { png: PNG.sync.write(png) };
}
const task = workerData.task;
Promise.resolve()
  .then(() => (task.type === 'pdf-text' ? pdfText(task.path) : gifFirstFrame(task.path)))
  .then(
    (result) => parentPort.postMessage({ ok: true, result }),
    (error) => parentPort.postMessage({ ok: false, name: String(error && error.name), message: String(error && error.message) }),
  );
`;

type WorkerAnswer =
  { ok: true; result: PdfText | { png: Uint8Array | null } } | { ok: false; name: string; message: string };

const require = createRequire(import.meta.url);
let libraries: Record<string, string> | undefined;
function resolveLibraries(): Record<string, string> {
  libraries ??= {
    pdfjs: pathToFileURL(require.resolve('pdfjs-dist/legacy/build/pdf.mjs')).href,
    omggif: require.resolve('omggif'),
    pngjs: require.resolve('pngjs'),
  };
  return libraries;
}

/**
 * Reads a file in a thread of its own (PDF text, a GIF's first frame): parsing a large PDF takes
 * seconds, which must not stall the event loop every window's messages go through. One short-lived
 * thread per file, with a memory cap and a time limit.
 */
export function deriveInWorker<T extends DeriveTask>(
  task: T,
  clock: Clock,
  timeoutMs = DEFAULT_DERIVE_TIMEOUT_MS,
): Promise<DeriveResult<T>> {
  return runOneShotWorker<WorkerAnswer, DeriveResult<T>>({
    source: WORKER_SOURCE,
    workerData: { task, maxPixels: MAX_FRAME_PIXELS, ...resolveLibraries() },
    maxOldGenerationSizeMb: 1024,
    answer: (answer) => {
      if (answer.ok) return answer.result as DeriveResult<T>;
      throw toDeriveError(answer.name);
    },
    failed: (error) => toDeriveError(error.name),
    stoppedEarly: () => new DeriveError('The file could not be read.', 'unreadable'),
    timeout: { clock, ms: timeoutMs, error: () => new DeriveError('Reading the file took too long.', 'timeout') },
  });
}

function toDeriveError(name: string): DeriveError {
  if (name === 'PasswordException') return new DeriveError('The PDF is protected by a password.', 'password');
  if (name === 'TooLarge' || name === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new DeriveError('The file is too large to read.', 'too-large');
  }
  return new DeriveError('The file is damaged or not what its first bytes say.', 'unreadable');
}
