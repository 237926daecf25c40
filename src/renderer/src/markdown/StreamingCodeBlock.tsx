import {
  memo,
  useEffect,
  useLayoutEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
  useSyncExternalStore,
  type CSSProperties,
} from 'react';
import type { HighlightResult } from '@streamdown/code';
import { CodeBlockContainer, CodeBlockCopyButton, CodeBlockHeader, StreamdownContext } from 'streamdown';
import { LinePacer } from './highlight/pacedLines';
import { provisionalTokens } from './highlight/provisionalTokens';
import { tokenSpans } from './highlight/tokenSpans';
import { LineStabiliser, plainResult, trimTrailingNewlines, type TokenLine } from './highlight/stableLines';
import { nextFrame } from '../sync/frameBatch';
import { CODE_BLOCK_MAX_HEIGHT, MARKDOWN_PLUGINS, MARKDOWN_THEMES, markdownContext } from './markdownOptions';

/** Lines per memoised group: an update re-renders the group that grew, not the whole block. */
const LINES_PER_GROUP = 40;
/** Within this many pixels of the bottom, a streaming block keeps its newest line in view. */
const STICK_PX = 24;

const LINE_CLASS =
  'block before:content-[counter(line)] before:inline-block before:[counter-increment:line] before:w-6 before:mr-4 before:text-[13px] before:text-right before:text-muted-foreground/50 before:font-mono before:select-none';
const TOKEN_CLASS = 'text-[var(--sdm-c,inherit)] dark:text-[var(--shiki-dark,var(--sdm-c,inherit))]';
const TOKEN_BG_CLASS = 'bg-[var(--sdm-tbg)] dark:bg-[var(--shiki-dark-bg,var(--sdm-tbg))]';

const STATIC_CONTEXT = markdownContext(false);
const STREAMING_CONTEXT = markdownContext(true);

/**
 * One line of a code block, rendered as Streamdown renders it but with tokens that look alike as one
 * span (tokenSpans); memoised on the line's identity.
 */
const CodeLine = memo(function CodeLine({ line }: { readonly line: TokenLine }) {
  return (
    <span className={LINE_CLASS}>
      {line.length === 0 || (line.length === 1 && line[0]!.content === '')
        ? '\n'
        : tokenSpans(line).map((span, at) => (
            <span
              key={at}
              className={span.background ? `${TOKEN_CLASS} ${TOKEN_BG_CLASS}` : TOKEN_CLASS}
              style={span.style as CSSProperties}
              {...span.attrs}
            >
              {span.content}
            </span>
          ))}
    </span>
  );
});

/** A group of lines: skipped whole while none of its lines changed; within it, only changed lines render. */
const CodeLines = memo(
  function CodeLines({ lines }: { readonly lines: readonly TokenLine[] }) {
    return lines.map((line, index) => <CodeLine key={index} line={line} />);
  },
  (before, after) =>
    before.lines.length === after.lines.length && before.lines.every((line, index) => line === after.lines[index]),
);

function preStyle(result: HighlightResult): CSSProperties {
  const style: Record<string, string> = {};
  if (result.bg) style['--sdm-bg'] = result.bg;
  if (result.fg) style['--sdm-fg'] = result.fg;
  for (const declaration of (result.rootStyle || '').split(';')) {
    const colon = declaration.indexOf(':');
    if (colon <= 0) continue;
    const name = declaration.slice(0, colon).trim();
    const value = declaration.slice(colon + 1).trim();
    if (name && value) style[name] = value;
  }
  return style as CSSProperties;
}

interface Highlighted {
  readonly code: string;
  readonly result: HighlightResult;
}

/** Where the highlighter's late answers land; the component reads the newest one as external state. */
class HighlightInbox {
  private latest: Highlighted | undefined;
  private readonly listeners = new Set<() => void>();

  readonly receive = (highlighted: Highlighted): void => {
    this.latest = highlighted;
    for (const listener of this.listeners) listener();
  };

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly current = (): Highlighted | undefined => this.latest;
}

/** The block's tokens: the highlighter's, or its last ones plus plain new lines while it works. */
function useTokens(code: string, language: string, streaming: boolean): HighlightResult {
  const [inbox] = useState(() => new HighlightInbox());
  // Asking again for the same code is free (the plugin caches and merges requests); a growing
  // block's older requests still waiting are superseded.
  const ready = useMemo(() => {
    const result = MARKDOWN_PLUGINS.code?.highlight(
      { code, language, themes: MARKDOWN_THEMES, isIncomplete: streaming },
      // Streamdown's plugin types describe the same tokens more loosely than the plugin's own.
      (late) => inbox.receive({ code, result: late as HighlightResult }),
    );
    return result ? { code, result: result as HighlightResult } : undefined;
  }, [code, language, streaming, inbox]);
  const late = useSyncExternalStore(inbox.subscribe, inbox.current, inbox.current);
  const [stabiliser] = useState(() => new LineStabiliser());
  return useMemo(() => {
    // A late answer for this very code is final; `ready` may only be provisional.
    const newest = late?.code === code ? late : (ready ?? (late && code.startsWith(late.code) ? late : undefined));
    const result = newest ? provisionalTokens(code, newest.code, newest.result) : plainResult(code);
    return { ...result, tokens: stabiliser.stabilise(result.tokens) };
  }, [code, ready, late, stabiliser]);
}

/**
 * The lines to put in the page: for a block that mounted while streaming, every line's text at once
 * and highlighted tokens a bounded number per frame (LinePacer), the rest following on the next
 * frames; a block that mounted complete shows its lines as given.
 */
function usePacedLines(lines: readonly TokenLine[], streaming: boolean): readonly TokenLine[] {
  const [paced] = useState(streaming);
  const [pacer] = useState(() => new LinePacer());
  const [frame, advance] = useReducer((count: number) => count + 1, 0);
  const shown = useMemo(
    () => (paced ? pacer.pace(lines) : { lines, pending: false }),
    // A new frame lets more tokens in even when the lines are the same.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [paced, pacer, lines, frame],
  );
  useLayoutEffect(() => pacer.shows(shown.lines), [pacer, shown]);
  useEffect(() => (shown.pending ? nextFrame(advance) : undefined), [shown]);
  return shown.lines;
}

/**
 * Keeps a streaming body scrolled to its newest line unless the reader scrolled up. It follows
 * when its lines' size changes, from a ResizeObserver (after the page laid them out): reading the
 * body's height in a layout effect, after each update's commit, made the page lay out there and
 * then again for the frame.
 */
function useStickToBottom(streaming: boolean) {
  const body = useRef<HTMLDivElement>(null);
  const stuck = useRef(true);
  useEffect(() => {
    const element = body.current;
    if (!element) return;
    const onScroll = () => {
      stuck.current = element.scrollHeight - element.scrollTop - element.clientHeight < STICK_PX;
    };
    element.addEventListener('scroll', onScroll, { passive: true });
    return () => element.removeEventListener('scroll', onScroll);
  }, []);
  useEffect(() => {
    const element = body.current;
    const lines = element?.firstElementChild;
    if (!streaming || !element || !lines) return;
    const observer = new ResizeObserver(() => {
      if (stuck.current) element.scrollTop = element.scrollHeight;
    });
    observer.observe(lines);
    return () => observer.disconnect();
  }, [streaming]);
  return body;
}

interface StreamingCodeBlockProps {
  readonly language: string;
  readonly code: string;
  readonly streaming: boolean;
}

/**
 * A fenced code block that grows line by line: the same markup as Streamdown's code block, but its
 * lines are memoised in groups and the text is never parsed as markdown, so each update renders
 * only the lines that arrived. Highlighting goes through the same (worker) plugin; while it streams,
 * highlighted lines go in a bounded number per frame (their text is there at once).
 */
export const StreamingCodeBlock = memo(function StreamingCodeBlock({
  language,
  code,
  streaming,
}: StreamingCodeBlockProps) {
  const trimmed = trimTrailingNewlines(code);
  const result = useTokens(trimmed, language, streaming);
  const lines = usePacedLines(result.tokens, streaming);
  const body = useStickToBottom(streaming);
  const languageClass = language ? `language-${language} ` : '';
  const groups: TokenLine[][] = [];
  for (let at = 0; at < lines.length; at += LINES_PER_GROUP) {
    groups.push(lines.slice(at, at + LINES_PER_GROUP));
  }
  return (
    <div className="markdown-chunk">
      <StreamdownContext.Provider value={streaming ? STREAMING_CONTEXT : STATIC_CONTEXT}>
        <CodeBlockContainer dir="ltr" isIncomplete={streaming} language={language}>
          <CodeBlockHeader language={language} />
          <div className="pointer-events-none absolute top-2 right-2 z-10 flex items-center">
            <div
              className="pointer-events-auto flex shrink-0 items-center gap-2 rounded-md border border-sidebar bg-sidebar/80 px-1.5 py-1 supports-[backdrop-filter]:bg-sidebar/70 supports-[backdrop-filter]:backdrop-blur"
              data-streamdown="code-block-actions"
            >
              <CodeBlockCopyButton code={code} />
            </div>
          </div>
          <div
            ref={body}
            className={`${languageClass}overflow-y-auto overflow-x-auto rounded-md border border-border bg-background p-4 text-sm`}
            data-language={language}
            data-streamdown="code-block-body"
            style={{ maxHeight: CODE_BLOCK_MAX_HEIGHT }}
            // It scrolls (long lines, tall blocks): keyboard users reach it with Tab and scroll with arrows.
            tabIndex={0}
            role="region"
            aria-label={language ? `Code (${language})` : 'Code'}
          >
            <pre
              className={`${languageClass}bg-[var(--sdm-bg,inherit)] dark:bg-[var(--shiki-dark-bg,var(--sdm-bg,inherit))]`}
              style={preStyle(result)}
            >
              <code className="[counter-increment:line_0] [counter-reset:line]">
                {groups.map((lines, index) => (
                  <CodeLines key={index} lines={lines} />
                ))}
              </code>
            </pre>
          </div>
        </CodeBlockContainer>
      </StreamdownContext.Provider>
    </div>
  );
});
