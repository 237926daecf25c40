/**
 * The baseline the renderer benchmark compares Navi with, written as a competent first version
 * would be: every earlier message rendered with react-markdown (memoised), and the streamed reply
 * split into blocks with marked's lexer on every delta, each block rendered by react-markdown and
 * memoised on its text, so only blocks that changed re-render. Fed the same deltas at the same
 * pace as Navi's page. A browser page: it has its own tsconfig (DOM types), outside the bench's
 * Node-only type check.
 */
import { Lexer } from 'marked';
import { createElement as h, memo, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import Markdown from 'react-markdown';

interface HistoryMessage {
  readonly role: 'user' | 'assistant';
  readonly text: string;
}

interface NaiveInput {
  readonly history: readonly HistoryMessage[];
  readonly prompt: string;
  readonly deltas: readonly string[];
  readonly intervalMs: number;
}

declare global {
  interface Window {
    __naive?: { mount(input: NaiveInput): void; start(): void };
  }
}

const Row = memo(function Row({ role, text }: HistoryMessage) {
  return h('li', { className: role }, h(Markdown, null, text));
});

let append: ((text: string) => void) | undefined;

const Block = memo(function Block({ text }: { readonly text: string }) {
  return h(Markdown, null, text);
});

function Reply() {
  const [text, setText] = useState('');
  useEffect(() => {
    append = (delta) => setText((previous) => previous + delta);
    return () => {
      append = undefined;
    };
  }, []);
  const blocks = useMemo(() => Lexer.lex(text).map((token) => token.raw), [text]);
  return h(
    'li',
    { className: 'assistant' },
    blocks.map((block, index) => h(Block, { key: index, text: block })),
  );
}

function Conversation({ input }: { readonly input: NaiveInput }) {
  return h(
    'ol',
    null,
    input.history.map((message, index) => h(Row, { key: index, ...message })),
    h(Row, { role: 'user', text: input.prompt }),
    h(Reply),
  );
}

let mounted: NaiveInput | undefined;

window.__naive = {
  mount(input) {
    mounted = input;
    const root = createRoot(document.getElementById('root')!);
    root.render(h(Conversation, { input }));
  },
  /** Delta i at start + i × interval, like the paced agent on Navi's side. */
  start() {
    const input = mounted;
    if (!input) throw new Error('mount first');
    const start = performance.now();
    const feed = (index: number): void => {
      const delta = input.deltas[index];
      if (delta === undefined) return;
      append?.(delta);
      const wait = Math.max(0, start + (index + 1) * input.intervalMs - performance.now());
      window.setTimeout(() => feed(index + 1), wait);
    };
    feed(0);
  },
};
