import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SecretStoreUnavailableError, type Secrets } from '../core/secrets/secrets';

/** The slice of Electron's safeStorage this module uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * API keys encrypted with the OS key store (Keychain, DPAPI, libsecret) through safeStorage, kept
 * as base64 ciphertext in one file. Nothing is written in plain text; without encryption, refused.
 */
export function createSafeStorageSecrets(safeStorage: SafeStorageLike, file: string): Secrets {
  const read = (): Record<string, string> => {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  };
  const write = (values: Record<string, string>): void => {
    mkdirSync(dirname(file), { recursive: true });
    const temporary = `${file}.tmp`;
    writeFileSync(temporary, JSON.stringify(values), { mode: 0o600 });
    renameSync(temporary, file);
  };
  return {
    get canStore() {
      return safeStorage.isEncryptionAvailable();
    },
    get: async (name) => {
      const value = read()[name];
      if (value === undefined || !safeStorage.isEncryptionAvailable()) return undefined;
      return safeStorage.decryptString(Buffer.from(value, 'base64'));
    },
    set: async (name, value) => {
      if (!safeStorage.isEncryptionAvailable()) {
        throw new SecretStoreUnavailableError(
          'This system offers no encrypted key store to Navi, so it will not save API keys; set OPENAI_API_KEY or ANTHROPIC_API_KEY in the environment instead.',
        );
      }
      write({ ...read(), [name]: safeStorage.encryptString(value).toString('base64') });
    },
    delete: async (name) => {
      const values = read();
      if (!(name in values)) return;
      delete values[name];
      write(values);
    },
  };
}
