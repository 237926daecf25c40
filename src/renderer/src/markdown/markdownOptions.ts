import type { ControlsConfig, LinkSafetyConfig, PluginConfig, ThemeInput } from 'streamdown';
import { createWorkerCodePlugin } from './highlight/workerCodePlugin';

/**
 * Shiki with its JavaScript regex engine (no WebAssembly, so it runs under the strict CSP), in a
 * worker so highlighting never blocks the window.
 */
export const MARKDOWN_PLUGINS: PluginConfig = { code: createWorkerCodePlugin() };

/** Copy buttons on code and tables; no downloads or full-screen overlays in a chat bubble. */
export const MARKDOWN_CONTROLS: ControlsConfig = {
  code: { copy: true, download: false },
  table: { copy: true, download: false, fullscreen: false },
  mermaid: false,
  image: false,
};

/** Links open as plain links (the desktop shell sends http(s) ones to the system browser). */
export const MARKDOWN_LINK_SAFETY: LinkSafetyConfig = { enabled: false };

/** Light and dark token colours; CSS picks one by the OS theme. */
export const MARKDOWN_THEMES: [ThemeInput, ThemeInput] = ['github-light', 'github-dark'];
