import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from '../core/ports';
import { SecretStoreUnavailableError, type Secrets } from '../core/secrets/secrets';

/** The slice of Electron's safeStorage this module uses: the asynchronous API only. */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plain: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  /** Linux only: which password store backs the key. */
  getSelectedStorageBackend(): string;
}

/**
 * How well keys are protected: by the OS key store; only obfuscated (Linux without a keyring, the
 * `basic_text` backend); or not at all (no encryption offered).
 */
export type KeyStoreKind = 'keyring' | 'obfuscated' | 'none';

export interface SafeStorageSecretsOptions {
  readonly safeStorage: SafeStorageLike;
  readonly file: string;
  readonly platform: NodeJS.Platform;
  readonly logger: Logger;
  /** The person chose to save keys although they are only obfuscated (Settings → App). */
  readonly allowObfuscated: () => boolean;
}

export interface SafeStorageSecrets extends Secrets {
  readonly keyStore: KeyStoreKind;
}

type Entries = Record<string, string>;

/**
 * API keys encrypted with the OS key store (Keychain, DPAPI, libsecret/kwallet) through safeStorage's
 * asynchronous API, kept as base64 ciphertext in one file. Nothing is written in plain text. An
 * entry that cannot be decrypted stays in the file untouched (a keyring may come back); one bad
 * entry never costs the others. Writes are serialised, so two saves never lose each other's key.
 */
export async function createSafeStorageSecrets(options: SafeStorageSecretsOptions): Promise<SafeStorageSecrets> {
  const { safeStorage, file, logger } = options;
  const available = await safeStorage.isAsyncEncryptionAvailable();
  const backend = options.platform === 'linux' && available ? safeStorage.getSelectedStorageBackend() : undefined;
  const keyStore: KeyStoreKind = !available ? 'none' : backend === 'basic_text' ? 'obfuscated' : 'keyring';
  const canStore = (): boolean => keyStore === 'keyring' || (keyStore === 'obfuscated' && options.allowObfuscated());

  const reported = new Set<string>();
  let queue: Promise<unknown> = Promise.resolve();
  /** One read-modify-write at a time. */
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  const read = async (): Promise<Entries> => {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return {};
    }
    try {
      const parsed = JSON.parse(text) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        return Object.fromEntries(Object.entries(parsed).filter(([, value]) => typeof value === 'string')) as Entries;
      }
    } catch {
      // Falls through: keep the damaged file's bytes beside the new one instead of overwriting them.
    }
    const aside = `${file}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await rename(file, aside);
    logger.error(`The key file ${file} was damaged; it was kept as ${aside} and Navi starts a new one.`);
    return {};
  };
  const write = async (entries: Entries): Promise<void> => {
    await mkdir(dirname(file), { recursive: true });
    const temporary = `${file}.tmp`;
    await writeFile(temporary, JSON.stringify(entries), { mode: 0o600 });
    await rename(temporary, file);
  };
  const refusal = (): SecretStoreUnavailableError =>
    new SecretStoreUnavailableError(
      keyStore === 'obfuscated'
        ? 'No system keyring was found, so Navi does not save API keys by default (they would only be obfuscated). Turn on "Save API keys without a keyring" in Settings → App, or set OPENAI_API_KEY or ANTHROPIC_API_KEY in the environment.'
        : 'This system offers no encrypted key store to Navi, so it will not save API keys; set OPENAI_API_KEY or ANTHROPIC_API_KEY in the environment instead.',
    );

  return {
    keyStore,
    get canStore() {
      return canStore();
    },
    get: async (name) => {
      if (keyStore === 'none') return undefined;
      const value = (await exclusive(read))[name];
      if (value === undefined) return undefined;
      try {
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(value, 'base64'));
        if (shouldReEncrypt) {
          // The key store rotated its key: store this entry again under the new one, leaving the rest.
          const fresh = (await safeStorage.encryptStringAsync(result)).toString('base64');
          await exclusive(async () => {
            const entries = await read();
            if (entries[name] === value) await write({ ...entries, [name]: fresh });
          });
        }
        return result;
      } catch (error) {
        if (!reported.has(name)) {
          reported.add(name);
          logger.warn(`The saved key "${name}" could not be decrypted; it is left as it is.`, error);
        }
        return undefined;
      }
    },
    set: async (name, value) => {
      if (!canStore()) throw refusal();
      const encrypted = (await safeStorage.encryptStringAsync(value)).toString('base64');
      await exclusive(async () => write({ ...(await read()), [name]: encrypted }));
      reported.delete(name);
    },
    delete: (name) =>
      exclusive(async () => {
        const entries = await read();
        if (!(name in entries)) return;
        delete entries[name];
        await write(entries);
      }),
  };
}
