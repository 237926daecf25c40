import type { Forks, Message } from '../../../shared/contract';

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

/**
 * Older messages, then `current`, when they are one branch (`current` continues from a message in
 * `older`, or overlaps it); undefined when they do not connect (another branch is on screen now).
 */
export function mergeOlder(older: readonly Message[], current: readonly Message[]): readonly Message[] | undefined {
  const first = current[0];
  if (!first) return older;
  const overlap = older.findIndex((message) => message.id === first.id);
  if (overlap >= 0) return [...older.slice(0, overlap), ...current];
  const parent = older.findIndex((message) => message.id === first.parentId);
  return parent >= 0 ? [...older.slice(0, parent + 1), ...current] : undefined;
}

/**
 * The branch once `message` follows its parent on it: everything after the parent goes (an edit or
 * a regenerated reply replaces what followed). `found: false` when the parent is not loaded: the
 * list then starts at `message`, with earlier ones to load.
 */
export function continueBranch(
  messages: readonly Message[],
  message: Message,
): { messages: readonly Message[]; found: boolean } {
  const own = messages.findIndex((candidate) => candidate.id === message.id);
  if (own >= 0) return { messages: [...messages.slice(0, own), message], found: true };
  if (message.parentId === null) return { messages: [message], found: true };
  const parent = messages.findIndex((candidate) => candidate.id === message.parentId);
  if (parent < 0) return { messages: [message], found: false };
  return { messages: [...messages.slice(0, parent + 1), message], found: true };
}

/** Folds changed forks in: a parent with one child left is no fork any more. */
export function mergeForks(forks: Forks, changed: Forks): Forks {
  const next: Record<string, string[]> = { ...forks };
  for (const [parent, children] of Object.entries(changed)) {
    if (children.length > 1) next[parent] = children;
    else delete next[parent];
  }
  return next;
}
