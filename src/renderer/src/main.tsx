import { parseRoute } from './routing/route';
import type { Connection } from './rpc/client';
import { createRendererTransport } from './rpc/transport';

// The page's code evaluates in stages, each a task of its own: a page load is no longer one long
// task (about 0.4 s on the 1,000,000-message data set) in which nothing can be painted or handled.
// The connection opens first, so the host has answered its upgrade by the time the views ask for
// data; the RPC client on it and the wire's schemas (zod) come in the next task.
const transport = createRendererTransport();
let connection: Connection | undefined;
window.addEventListener('beforeunload', () => (connection ?? transport).dispose());

/** Resolves in a new task, after the browser has had its turn (paint, input, socket messages). */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}

/**
 * Resolves once the page's body is parsed: the entry runs as soon as it has come (an async module
 * script, electron.vite.config.ts), possibly before.
 */
function documentParsed(): Promise<void> {
  if (document.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
}

/** What is left when the page's own code could not be loaded (a chunk failed): a line and a way out. */
function showLoadFailure(error: unknown): void {
  console.error('Navi could not load:', error);
  const root = document.getElementById('root')!;
  const notice = document.createElement('div');
  notice.className = 'render-failure load-failure';
  notice.setAttribute('role', 'alert');
  const text = document.createElement('span');
  text.textContent = 'Navi could not load its window.';
  const reload = document.createElement('button');
  reload.type = 'button';
  reload.className = 'button small';
  reload.textContent = 'Reload';
  reload.addEventListener('click', () => window.location.reload());
  notice.append(text, reload);
  root.replaceChildren(notice);
}

async function start(): Promise<void> {
  await nextTask();
  // The wire's schemas (and zod), which the RPC client checks every message from the core with.
  await import('../../shared/rpc/protocol');
  await nextTask();
  const [{ connect }, { prefetchConversation }] = await Promise.all([
    import('./rpc/client'),
    import('./sync/snapshotPrefetch'),
  ]);
  connection = connect(transport);
  const api = connection.api;
  // The conversation the address opens is asked for now: the core answers while the views' code
  // loads, and the conversation's feed takes that answer instead of asking once the views are up.
  const opening = parseRoute(window.location.hash);
  if (opening.name === 'conversation') prefetchConversation(api, opening.sessionId);
  // The first date formatter loads the locale's data (tens of milliseconds): here, while the
  // question is out, rather than inside the views' code, which makes its formatters as it loads.
  new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' }).format(0);
  await nextTask();
  const { createRoot } = await import('react-dom/client');
  await nextTask();
  // Markdown (Streamdown and its parsers) is the largest part of the views' code: the HTML parser
  // (parse5, for HTML inside Markdown) first, in a task of its own.
  await import('parse5');
  await nextTask();
  await import('streamdown');
  await nextTask();
  const [{ App }, { StrictMode, createElement, startTransition }] = await Promise.all([
    import('./App'),
    import('react'),
  ]);
  await nextTask();
  await documentParsed();
  const root = createRoot(document.getElementById('root')!);
  // As a transition, the first render yields to the browser every few milliseconds instead of
  // being one long task (the sidebar and the opened conversation with its Markdown).
  startTransition(() => root.render(createElement(StrictMode, null, createElement(App, { api }))));
}

start().catch((error: unknown) => documentParsed().then(() => showLoadFailure(error)));
