import type { HighlightResult } from '@streamdown/code';

/** Asked of the highlighting worker: tokens for one code block in one of its languages. */
export interface HighlightRequest {
  readonly id: number;
  readonly code: string;
  /** A worker language id (see workerLanguages). */
  readonly language: string;
  /** The asker holds this many complete first lines of the block already: tokens from this line on are enough. */
  readonly from: number;
}

/** The worker's answer: plain, cloneable tokens of the lines from `from` on; no result when highlighting failed. */
export interface HighlightResponse {
  readonly id: number;
  /** The line the tokens start at (at most the request's `from`). */
  readonly from?: number;
  readonly result?: HighlightResult;
}

/** The light and dark themes the worker renders with (CSS picks one by the OS theme). */
export const WORKER_THEMES = { light: 'github-light', dark: 'github-dark' } as const;

/** The window's code-block background in each theme (`--code-bg` in styles.css): token colours are made to read on it. */
export const CODE_BACKGROUND = { light: '#f6f7f9', dark: '#1c1d21' } as const;
