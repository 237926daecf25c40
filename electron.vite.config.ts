import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { contract } from './src/shared/contract';
import { contractShape } from './src/shared/rpc/service';

/**
 * The built page's policy, as the desktop app loads it: IPC needs no network source, so nothing
 * beyond the page's own files. The browser host serves the same page with its own header on top,
 * which adds only its one WebSocket address (src/host/server.ts). Images may be `blob:` URLs: the
 * page makes them from attached files' bytes, read through the core's RPC (no protocol, no route).
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Only in builds: the dev server's React refresh preamble is an inline script. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'navi-content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/**
 * The page's entry imports its stages dynamically (src/renderer/src/main.tsx), so each evaluates in
 * a task of its own; preloading them from the HTML keeps their download and compilation in parallel
 * with the entry's, as when they were one script (their styles too). Views opened later (settings, dialogs) are not
 * preloaded: they are dynamic imports of the stages, not of the entry.
 */
function preloadStages(): Plugin {
  return {
    name: 'navi-preload-stages',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html, context) => {
        const entry = context.chunk;
        const bundle = context.bundle;
        if (!entry || !bundle) return html;
        const files = new Set<string>();
        const add = (file: string): void => {
          const chunk = bundle[file];
          if (files.has(file) || chunk?.type !== 'chunk') return;
          files.add(file);
          for (const imported of chunk.imports) add(imported);
        };
        for (const file of entry.dynamicImports) add(file);
        const link = (rel: string, file: string) => ({
          tag: 'link',
          attrs: { rel, crossorigin: true, href: `./${file}` },
          injectTo: 'head' as const,
        });
        const styles = [...files].flatMap((file) => {
          const chunk = bundle[file];
          return chunk?.type === 'chunk' ? [...(chunk.viteMetadata?.importedCss ?? [])] : [];
        });
        const fresh = (file: string): boolean => !html.includes(`/${file}"`);
        // The theme's script blocks the parser until it has come and run: after the page's other
        // files are asked for, not before (the HTML asked for nothing else until it had run).
        const theme = '<script src="./theme.js"></script>';
        if (!html.includes(`\n    ${theme}`)) throw new Error(`index.html: expected ${theme}`);
        // The entry runs as soon as it has come: opening the connection waits neither for the
        // stylesheet (a module script without async does) nor for the theme's script.
        const entryTag = `<script type="module" crossorigin src="./${entry.fileName}"></script>`;
        if (!html.includes(entryTag)) throw new Error(`index.html: expected ${entryTag}`);
        return {
          html: html
            .replace(`\n    ${theme}`, '')
            .replace(entryTag, `<script type="module" async crossorigin src="./${entry.fileName}"></script>`),
          tags: [
            ...[...files].filter(fresh).map((file) => link('modulepreload', file)),
            ...styles.filter(fresh).map((file) => link('stylesheet', file)),
            { tag: 'script', attrs: { src: './theme.js' }, injectTo: 'head' as const },
          ],
        };
      },
    },
  };
}

export default defineConfig({
  main: {
    build: {
      rolldownOptions: { input: { index: resolve('src/main/index.ts') } },
    },
  },
  preload: {
    build: {
      // Sandboxed preloads cannot load ES modules or node_modules: one self-contained CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    plugins: [react(), contentSecurityPolicy(), preloadStages()],
    // Streamdown's class merging without Tailwind's class map (src/renderer/src/markdown/classNames.ts).
    resolve: { alias: { 'tailwind-merge': resolve('src/renderer/src/markdown/classNames.ts') } },
    // The page's RPC client needs only the contract's names and member kinds: handed over as data,
    // so loading the page does not build the contract's schemas (src/renderer/src/rpc/client.ts).
    define: { __NAVI_CONTRACT_SHAPE__: JSON.stringify(contractShape(contract)) },
    build: {
      rolldownOptions: { input: { index: resolve('src/renderer/index.html') } },
      // electron-vite leaves builds unminified; the page's 3.4 MB of script took seconds to parse on
      // every window load. Minified, it is about a third of that.
      minify: true,
      // Fonts (KaTeX's) stay files of the app: the CSP's default-src 'self' loads them, no data: fonts.
      assetsInlineLimit: (file) => (/\.(woff2?|ttf)$/.test(file) ? false : undefined),
    },
  },
});
