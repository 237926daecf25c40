import type { Secrets } from './secrets';

/** Keeps secrets in this process only: for tests, and as the model a real store follows. */
export function createMemorySecrets(initial: Readonly<Record<string, string>> = {}): Secrets & {
  /** Every stored name, for tests that check what was (not) stored. */
  names(): string[];
} {
  const values = new Map(Object.entries(initial));
  return {
    canStore: true,
    get: async (name) => values.get(name),
    set: async (name, value) => void values.set(name, value),
    delete: async (name) => void values.delete(name),
    names: () => [...values.keys()],
  };
}
