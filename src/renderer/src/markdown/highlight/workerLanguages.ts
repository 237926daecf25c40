/**
 * The languages the highlighting worker carries (ids and their aliases). The worker bundle has no
 * code splitting, so it holds a fixed set of common grammars; others are highlighted on the main
 * thread by Streamdown's plugin, which loads any Shiki grammar on demand.
 */
export const WORKER_LANGUAGES: Readonly<Record<string, readonly string[]>> = {
  typescript: ['ts', 'cts', 'mts'],
  tsx: [],
  javascript: ['js', 'cjs', 'mjs'],
  jsx: [],
  json: [],
  python: ['py'],
  shellscript: ['bash', 'sh', 'shell', 'zsh'],
  html: [],
  css: [],
  yaml: ['yml'],
  sql: [],
  go: [],
  rust: ['rs'],
  java: [],
  c: [],
  csharp: ['c#', 'cs'],
  diff: [],
  toml: [],
  xml: [],
  kotlin: ['kt', 'kts'],
  swift: [],
  markdown: ['md'],
};

const BY_NAME = new Map<string, string>(
  Object.entries(WORKER_LANGUAGES).flatMap(([id, aliases]) => [id, ...aliases].map((name) => [name, id] as const)),
);

/** The worker's id for a fence's language name, or undefined when the worker does not carry it. */
export function workerLanguageId(name: string): string | undefined {
  return BY_NAME.get(name.trim().toLowerCase());
}
