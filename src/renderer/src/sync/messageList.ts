import type { Message } from '../../../shared/contract';

/** Inserts or replaces a message, keeping the list ordered by position (new ones usually go last). */
export function upsertMessage(messages: readonly Message[], message: Message): readonly Message[] {
  const existing = messages.findIndex((candidate) => candidate.id === message.id);
  if (existing >= 0) {
    const next = [...messages];
    next[existing] = message;
    return next;
  }
  const last = messages[messages.length - 1];
  if (!last || last.position < message.position) return [...messages, message];
  const at = messages.findIndex((candidate) => candidate.position > message.position);
  return [...messages.slice(0, at), message, ...messages.slice(at)];
}

/** Older pages first, then the newer ones, without duplicates. */
export function mergeOlder(older: readonly Message[], current: readonly Message[]): readonly Message[] {
  const first = current[0];
  const keep = first ? older.filter((message) => message.position < first.position) : older;
  return [...keep, ...current];
}
