import type { CodeHighlighterPlugin, HighlightOptions } from '@streamdown/code';
import type { HighlightRequest, HighlightResponse } from './highlightProtocol';
import { provisionalTokens } from './provisionalTokens';
import { workerLanguageId } from './workerLanguages';

type HighlightResult = NonNullable<ReturnType<CodeHighlighterPlugin['highlight']>>;
type Callback = (result: HighlightResult) => void;

interface Job {
  readonly key: string;
  readonly code: string;
  readonly language: string;
  readonly incomplete: boolean;
  readonly options: HighlightOptions;
  readonly callbacks: Callback[];
}

const CACHE_LIMIT = 300;
const RECENT_LIMIT = 12;

/**
 * Streamdown's main-thread plugin (Shiki with every grammar on demand), loaded the first time a
 * block needs it: most pages never do, and Shiki is a tenth of the page's script. Until then a
 * block shows as plain text, as it does while any grammar loads.
 */
export function lazyMainThreadPlugin(): CodeHighlighterPlugin {
  let plugin: CodeHighlighterPlugin | undefined;
  let loading: Promise<CodeHighlighterPlugin> | undefined;
  let failed = false;
  const load = () => (loading ??= import('@streamdown/code').then((module) => (plugin = module.code)));
  return {
    name: 'shiki',
    type: 'code-highlighter',
    getSupportedLanguages: () => plugin?.getSupportedLanguages() ?? [],
    getThemes: () => plugin?.getThemes() ?? ['github-light', 'github-dark'],
    // Any language may be supported until Shiki says otherwise (it shows unknown ones as text).
    supportsLanguage: (language) => plugin?.supportsLanguage(language) ?? true,
    highlight(options, callback) {
      if (plugin) return plugin.highlight(options, callback);
      // A formula shown as its source until KaTeX is in (lazyMath.ts) is no reason to load Shiki.
      if (options.language.trim().toLowerCase() === 'math') return null;
      load().then(
        (loaded) => {
          const ready = loaded.highlight(options, callback);
          if (ready) callback?.(ready);
        },
        (error: unknown) => {
          // Said once (the same promise answers every block); code stays plain text.
          if (!failed) console.warn('Shiki could not be loaded; code stays plain text.', error);
          failed = true;
        },
      );
      return null;
    },
  };
}

/**
 * A Streamdown code plugin that tokenises in a Web Worker, one block at a time:
 * - finished blocks are cached, so a block is highlighted once however often it renders;
 * - a streaming block gets its earlier highlighted lines back at once (no flash to plain text),
 *   and a newer version of it replaces an older one still waiting, so work never piles up;
 * - the worker sends back only the lines after those of the newest earlier version of the block,
 *   which keep their tokens (and identity), so an answer costs the lines that arrived;
 * - languages the worker does not carry, or a worker that cannot start (e.g. a CSP or file://
 *   restriction), fall back to Streamdown's main-thread plugin.
 */
export function createWorkerCodePlugin(
  fallback: CodeHighlighterPlugin = lazyMainThreadPlugin(),
): CodeHighlighterPlugin {
  let worker: Worker | undefined;
  let broken = false;
  let nextId = 1;
  /** The job the worker is on, and the earlier result whose first lines the worker need not send back. */
  let inFlight: { id: number; job: Job; base: HighlightResult | undefined } | undefined;
  const waiting: Job[] = [];
  const cache = new Map<string, HighlightResult>();
  const recent: { language: string; code: string; result: HighlightResult }[] = [];

  const remember = (job: Job, result: HighlightResult): void => {
    if (!job.incomplete) {
      cache.set(job.key, result);
      if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    }
    recent.unshift({ language: job.language, code: job.code, result });
    if (recent.length > RECENT_LIMIT) recent.pop();
  };

  const giveUp = (): void => {
    broken = true;
    worker?.terminate();
    const jobs = [...(inFlight ? [inFlight.job] : []), ...waiting.splice(0)];
    inFlight = undefined;
    for (const job of jobs) {
      const ready = fallback.highlight(job.options, (result) => job.callbacks.forEach((callback) => callback(result)));
      if (ready) job.callbacks.forEach((callback) => callback(ready));
    }
  };

  const pump = (): void => {
    if (inFlight || broken) return;
    const job = waiting.shift();
    if (!job) return;
    // The lines of the newest earlier version of this block, but its last (maybe cut short), stay as they are.
    const base = newestPrefix(job.language, job.code);
    inFlight = { id: nextId++, job, base: base?.result };
    const from = base ? Math.max(0, base.result.tokens.length - 1) : 0;
    worker!.postMessage({ id: inFlight.id, code: job.code, language: job.language, from } satisfies HighlightRequest);
  };

  const startWorker = (): Worker | undefined => {
    if (worker || broken) return worker;
    try {
      worker = new Worker(new URL('./highlight.worker.ts', import.meta.url), { type: 'module', name: 'highlight' });
    } catch {
      broken = true;
      return undefined;
    }
    worker.onerror = () => giveUp();
    worker.onmessage = (event: MessageEvent<HighlightResponse>) => {
      if (!inFlight || event.data.id !== inFlight.id) return;
      const { job, base } = inFlight;
      inFlight = undefined;
      const { from = 0, result: rest } = event.data;
      const result =
        rest && from > 0 && base && base.tokens.length >= from
          ? { ...rest, tokens: base.tokens.slice(0, from).concat(rest.tokens) }
          : rest && from === 0
            ? rest
            : undefined;
      if (result) {
        remember(job, result);
        for (const callback of job.callbacks) callback(result);
      }
      pump();
    };
    return worker;
  };

  /** The longest code already highlighted that `code` continues. */
  const newestPrefix = (language: string, code: string): (typeof recent)[number] | undefined => {
    let best: (typeof recent)[number] | undefined;
    for (const entry of recent) {
      // Lengths first: the newest entry is usually the longest prefix, and startsWith reads the whole block.
      if (entry.code.length > (best?.code.length ?? -1) && entry.language === language && code.startsWith(entry.code)) {
        best = entry;
      }
    }
    return best;
  };

  const provisional = (language: string, code: string): HighlightResult | null => {
    const best = newestPrefix(language, code);
    return best ? provisionalTokens(code, best.code, best.result) : null;
  };

  const enqueue = (job: Omit<Job, 'callbacks'>, callback: Callback | undefined): void => {
    const same = waiting.find((candidate) => candidate.key === job.key);
    if (same) {
      if (callback) same.callbacks.push(callback);
      return;
    }
    if (job.incomplete) {
      // An older version of this growing block is superseded: its renderer has moved on.
      for (let index = waiting.length - 1; index >= 0; index--) {
        const older = waiting[index]!;
        if (older.incomplete && older.language === job.language && job.code.startsWith(older.code)) {
          waiting.splice(index, 1);
        }
      }
    }
    waiting.push({ ...job, callbacks: callback ? [callback] : [] });
    pump();
  };

  return {
    name: 'shiki',
    type: 'code-highlighter',
    getSupportedLanguages: () => fallback.getSupportedLanguages(),
    getThemes: () => fallback.getThemes(),
    supportsLanguage: (language) => fallback.supportsLanguage(language),
    highlight(options, callback) {
      const language = workerLanguageId(options.language);
      if (!language || broken || !startWorker()) return fallback.highlight(options, callback);
      const key = `${language}\n${options.code}`;
      const cached = cache.get(key);
      if (cached) return cached;
      const incomplete = options.isIncomplete ?? false;
      enqueue({ key, code: options.code, language, incomplete, options }, callback);
      return provisional(language, options.code);
    },
  };
}
