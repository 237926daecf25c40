import type { HighlightResult } from '@streamdown/code';

/** Asked of the highlighting worker: tokens for one code block in one of its languages. */
export interface HighlightRequest {
  readonly id: number;
  readonly code: string;
  /** A worker language id (see workerLanguages). */
  readonly language: string;
}

/** The worker's answer: plain, cloneable tokens; undefined when highlighting failed. */
export interface HighlightResponse {
  readonly id: number;
  readonly result?: HighlightResult;
}

/** The light and dark themes the worker renders with (CSS picks one by the OS theme). */
export const WORKER_THEMES = { light: 'github-light', dark: 'github-dark' } as const;

/** The window's code-block background in each theme (`--code-bg` in styles.css): token colours are made to read on it. */
export const CODE_BACKGROUND = { light: '#f6f7f9', dark: '#1c1d21' } as const;
