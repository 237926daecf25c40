import { generateText, type LanguageModel } from 'ai';
import { messageText, type Message } from '../../shared/contract/messages';
import type { Logger } from '../ports';
import type { ProviderConnection } from '../providers/providerConnection';
import type { ActiveProfile } from '../settings/activeProfile';

export interface TitleOptions {
  readonly activeProfile: () => Promise<ActiveProfile>;
  readonly createModel: (connection: ProviderConnection, model: string) => LanguageModel;
  readonly logger: Logger;
  readonly timeoutMs?: number;
}

export const FALLBACK_TITLE = 'New conversation';
const MAX_TITLE_CHARS = 60;
const TITLE_INSTRUCTIONS =
  'You write titles for chat conversations. Reply with a title of at most six words that says what the ' +
  'conversation is about. Reply with the title only: no quotes, no trailing punctuation.';

/** The first words of the first user message: the title when the model cannot give one. */
export function fallbackTitle(history: readonly Message[]): string {
  const first = history.find((message) => message.role === 'user');
  const words = (first ? messageText(first) : '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return FALLBACK_TITLE;
  return shorten(words.slice(0, 6).join(' '), words.length > 6);
}

function shorten(text: string, truncated: boolean): string {
  if (text.length > MAX_TITLE_CHARS) return `${text.slice(0, MAX_TITLE_CHARS - 1).trimEnd()}…`;
  return truncated ? `${text}…` : text;
}

function cleanTitle(raw: string): string {
  const line = raw.split('\n').find((candidate) => candidate.trim().length > 0) ?? '';
  const title = line
    .trim()
    .replace(/^(title:\s*)/i, '')
    .replace(/^["'“”‘’*#\s]+|["'“”‘’*\s]+$/g, '')
    .replace(/[.!?;:,]+$/, '')
    .trim();
  return shorten(title, false);
}

/**
 * A short session title from the first exchange, by a small model call; the first words of the first
 * message if that call fails or says nothing. Never throws.
 */
export async function generateTitle(
  options: TitleOptions,
  history: readonly Message[],
  signal: AbortSignal,
): Promise<string> {
  const fallback = fallbackTitle(history);
  const firstUser = history.find((message) => message.role === 'user');
  if (!firstUser) return fallback;
  const firstReply = history.find((message) => message.role === 'assistant' && message.position > firstUser.position);
  const exchange = [`User: ${messageText(firstUser).slice(0, 2000)}`];
  if (firstReply) exchange.push(`Assistant: ${messageText(firstReply).slice(0, 2000)}`);
  try {
    const active = await options.activeProfile();
    const { text } = await generateText({
      model: options.createModel(active.connection, active.model),
      system: TITLE_INSTRUCTIONS,
      prompt: exchange.join('\n\n'),
      maxRetries: 0,
      maxOutputTokens: 64,
      abortSignal: AbortSignal.any([signal, AbortSignal.timeout(options.timeoutMs ?? 20_000)]),
    });
    return cleanTitle(text) || fallback;
  } catch (error) {
    if (!signal.aborted) {
      const reason = error instanceof Error ? error.name : 'unknown error';
      options.logger.info(`Could not generate a title (${reason}); using the first words instead`);
    }
    return fallback;
  }
}
