/**
 * Where API keys live. The desktop shell backs this with Electron safeStorage (encrypted at rest);
 * a host without a secure store refuses to store keys. Keys from the environment never pass through
 * here, so they are never written anywhere.
 */
export interface Secrets {
  /** True when `set` keeps values in a secure store; false when it refuses (keys then come only from the environment). */
  readonly canStore: boolean;
  get(name: string): Promise<string | undefined>;
  /** Throws `SecretStoreUnavailableError` when `canStore` is false. */
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}

/** Thrown by `Secrets.set` where no secure store exists; its message tells a person what to do instead. */
export class SecretStoreUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretStoreUnavailableError';
  }
}
