/// <reference lib="webworker" />
import c from '@shikijs/langs/c';
import csharp from '@shikijs/langs/csharp';
import css from '@shikijs/langs/css';
import diff from '@shikijs/langs/diff';
import go from '@shikijs/langs/go';
import html from '@shikijs/langs/html';
import java from '@shikijs/langs/java';
import javascript from '@shikijs/langs/javascript';
import json from '@shikijs/langs/json';
import jsx from '@shikijs/langs/jsx';
import kotlin from '@shikijs/langs/kotlin';
import markdown from '@shikijs/langs/markdown';
import python from '@shikijs/langs/python';
import rust from '@shikijs/langs/rust';
import shellscript from '@shikijs/langs/shellscript';
import sql from '@shikijs/langs/sql';
import swift from '@shikijs/langs/swift';
import toml from '@shikijs/langs/toml';
import tsx from '@shikijs/langs/tsx';
import typescript from '@shikijs/langs/typescript';
import xml from '@shikijs/langs/xml';
import yaml from '@shikijs/langs/yaml';
import githubDark from '@shikijs/themes/github-dark';
import githubLight from '@shikijs/themes/github-light';
import { createHighlighterCore, type LanguageRegistration } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import { ContinuedTokeniser } from './continuedTokens';
import { CODE_BACKGROUND, WORKER_THEMES, type HighlightRequest, type HighlightResponse } from './highlightProtocol';
import { readableTheme } from './readableTheme';

/**
 * Shiki off the main thread. Loading a grammar and compiling its expressions costs hundreds of
 * milliseconds the first time a language appears, and tokenising long blocks adds up while a
 * reply streams; here none of that can make the window stutter. Grammars register on first use.
 * A growing block is tokenised from where its previous version's complete lines ended, and only the
 * lines the page does not hold yet travel back.
 */
const GRAMMARS: Record<string, LanguageRegistration[]> = {
  c,
  csharp,
  css,
  diff,
  go,
  html,
  java,
  javascript,
  json,
  jsx,
  kotlin,
  markdown,
  python,
  rust,
  shellscript,
  sql,
  swift,
  toml,
  tsx,
  typescript,
  xml,
  yaml,
};

const scope = self as unknown as DedicatedWorkerGlobalScope;
const highlighter = createHighlighterCore({
  themes: [readableTheme(githubLight, CODE_BACKGROUND.light), readableTheme(githubDark, CODE_BACKGROUND.dark)],
  langs: [],
  engine: createJavaScriptRegexEngine({ forgiving: true }),
});
const loaded = new Set<string>();
let tokeniser: ContinuedTokeniser | undefined;

async function highlight({ code, language, from }: HighlightRequest): Promise<Omit<HighlightResponse, 'id'>> {
  const shiki = await highlighter;
  const grammar = GRAMMARS[language];
  if (!grammar) return {};
  if (!loaded.has(language)) {
    await shiki.loadLanguage(...grammar);
    loaded.add(language);
  }
  tokeniser ??= new ContinuedTokeniser((text, lang, grammarState) =>
    shiki.codeToTokens(text, { lang, themes: WORKER_THEMES, grammarState }),
  );
  return tokeniser.tokens(code, language, from);
}

scope.onmessage = (event: MessageEvent<HighlightRequest>) => {
  const request = event.data;
  highlight(request).then(
    (answer) => scope.postMessage({ id: request.id, ...answer } satisfies HighlightResponse),
    () => scope.postMessage({ id: request.id } satisfies HighlightResponse),
  );
};
