export type StorageBackend = 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

/**
 * safeStorage: a reversible stand-in for the OS key store. Ciphertext is tagged so a damaged or
 * foreign entry fails to decrypt as the real one does; deprecated synchronous calls are counted.
 */
export class FakeSafeStorage {
  available = true;
  backend: StorageBackend = 'gnome_libsecret';
  /** The key store's current key; older ciphertexts still decrypt but ask to be re-encrypted. */
  keyVersion = 1;
  syncCalls = 0;

  isEncryptionAvailable(): boolean {
    this.syncCalls++;
    return this.available;
  }
  encryptString(plain: string): Buffer {
    this.syncCalls++;
    return this.encrypt(plain);
  }
  decryptString(encrypted: Buffer): string {
    this.syncCalls++;
    return this.decrypt(encrypted);
  }

  isAsyncEncryptionAvailable(): Promise<boolean> {
    return Promise.resolve(this.available);
  }
  encryptStringAsync(plain: string): Promise<Buffer> {
    return Promise.resolve().then(() => this.encrypt(plain));
  }
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }> {
    return Promise.resolve().then(() => ({
      result: this.decrypt(encrypted),
      shouldReEncrypt: encrypted[1] !== this.keyVersion,
    }));
  }
  getSelectedStorageBackend(): StorageBackend {
    return this.backend;
  }

  private encrypt(plain: string): Buffer {
    if (!this.available) throw new Error('Encryption is not available.');
    return Buffer.concat([Buffer.from([0x76, this.keyVersion]), Buffer.from(plain, 'utf8').reverse()]);
  }

  private decrypt(encrypted: Buffer): string {
    if (!this.available) throw new Error('Decryption is not available.');
    if (encrypted[0] !== 0x76 || !encrypted[1] || encrypted[1] > this.keyVersion) {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    }
    return Buffer.from(encrypted.subarray(2)).reverse().toString('utf8');
  }
}
