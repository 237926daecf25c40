import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSafeStorageSecrets } from '../../src/main/safeStorageSecrets';
import { quietLogger } from '../helpers/host';
import { useTempDirs } from '../helpers/tempDir';
import { useDesktop } from './desktopHarness';
import { FakeSafeStorage } from './fakeElectron';

const launch = useDesktop();
const tempDir = useTempDirs();

function secretsIn(dir: string, safeStorage = new FakeSafeStorage(), allowObfuscated = false) {
  const warnings: string[] = [];
  const file = join(dir, 'secrets.json');
  const made = createSafeStorageSecrets({
    safeStorage,
    file,
    platform: 'linux',
    logger: { ...quietLogger, warn: (message) => warnings.push(message), error: (message) => warnings.push(message) },
    allowObfuscated: () => allowObfuscated,
  });
  return { made, file, warnings, safeStorage };
}

describe('API keys in safeStorage', () => {
  it('keeps only ciphertext on disk, reads keys back, and never calls the deprecated synchronous API', async () => {
    const { made, file, safeStorage } = secretsIn(tempDir());
    const secrets = await made;
    expect(secrets.keyStore).toBe('keyring');
    await secrets.set('provider:openai', 'sk-test-secret-value');
    expect(readFileSync(file, 'utf8')).not.toContain('sk-test-secret-value');
    expect(await secrets.get('provider:openai')).toBe('sk-test-secret-value');
    await secrets.delete('provider:openai');
    expect(await secrets.get('provider:openai')).toBeUndefined();
    expect(safeStorage.syncCalls).toBe(0);
  });

  it('one entry that cannot be decrypted costs nothing else: the others read, it stays in the file', async () => {
    const { made, file, warnings } = secretsIn(tempDir());
    const secrets = await made;
    await secrets.set('provider:openai', 'sk-one');
    await secrets.set('provider:anthropic', 'sk-two');
    const entries = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    const foreign = Buffer.from('from another keyring').toString('base64');
    writeFileSync(file, JSON.stringify({ ...entries, 'provider:openai': foreign }));

    expect(await secrets.get('provider:openai')).toBeUndefined();
    expect(await secrets.get('provider:anthropic')).toBe('sk-two');
    await secrets.set('mcp:s1:env:TOKEN', 'tok');
    const after = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    expect(after['provider:openai']).toBe(foreign);
    expect(Object.keys(after).sort()).toEqual(['mcp:s1:env:TOKEN', 'provider:anthropic', 'provider:openai']);
    expect(warnings).toEqual(['The saved key "provider:openai" could not be decrypted; it is left as it is.']);
  });

  it('a damaged key file is kept aside, not overwritten', async () => {
    const dir = tempDir();
    const { made, file } = secretsIn(dir);
    writeFileSync(file, '{"provider:openai": "djExc2stb25l", trunc');
    const secrets = await made;
    await secrets.set('provider:anthropic', 'sk-two');
    const aside = readdirSync(dir).filter((name) => name.startsWith('secrets.json.damaged-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0]!), 'utf8')).toContain('djExc2stb25l');
    expect(await secrets.get('provider:anthropic')).toBe('sk-two');
  });

  it('saves made at the same moment keep each other', async () => {
    const { made } = secretsIn(tempDir());
    const secrets = await made;
    const names = Array.from({ length: 12 }, (_, i) => `key-${i}`);
    await Promise.all(names.map((name) => secrets.set(name, `value-${name}`)));
    for (const name of names) expect(await secrets.get(name)).toBe(`value-${name}`);
  });

  it('re-encrypts an entry when the key store rotated its key, leaving the others as they were', async () => {
    const { made, file, safeStorage } = secretsIn(tempDir());
    const secrets = await made;
    await secrets.set('a', 'alpha');
    await secrets.set('b', 'beta');
    const before = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    safeStorage.keyVersion = 2;
    expect(await secrets.get('a')).toBe('alpha');
    const after = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    expect(after.b).toBe(before.b); // re-encrypted only when read
    expect(after.a).not.toBe(before.a);
    expect(await secrets.get('a')).toBe('alpha');
  });

  it('refuses to store keys when the OS offers no encryption, saying what to do instead', async () => {
    const safeStorage = new FakeSafeStorage();
    safeStorage.available = false;
    const secrets = await secretsIn(tempDir(), safeStorage).made;
    expect(secrets.keyStore).toBe('none');
    expect(secrets.canStore).toBe(false);
    await expect(secrets.set('k', 'v')).rejects.toThrow(/no encrypted key store.*OPENAI_API_KEY/);
  });
});

describe('Linux without a keyring (basic_text)', () => {
  it('Settings says keys would only be obfuscated; saving them waits for the person to choose so', async () => {
    const safeStorage = new FakeSafeStorage();
    safeStorage.backend = 'basic_text';
    const desktop = await launch({ safeStorage });
    const api = desktop.mainClient().api;
    const state = await api.shell.get();
    expect(state.keyStore).toEqual({ kind: 'obfuscated', message: expect.stringMatching(/only be obfuscated/) });
    expect(state.prefs.saveKeysWithoutKeyring).toBe(false);
    const provider = {
      kind: 'openai-compatible' as const,
      name: 'Local',
      baseURL: 'http://127.0.0.1:9/v1',
      apiKey: 'sk-local',
    };
    await expect(api.settings.addProvider(provider)).rejects.toThrow(/Save API keys without a keyring/);

    await api.shell.update({ saveKeysWithoutKeyring: true });
    const added = await api.settings.addProvider(provider);
    expect(added.name).toBe('Local');
    expect(readFileSync(join(desktop.dataDir, 'secrets.json'), 'utf8')).not.toContain('sk-local');
  });

  it('with a keyring, Settings says keys are encrypted and offers no choice', async () => {
    const desktop = await launch();
    const state = await desktop.mainClient().api.shell.get();
    expect(state.keyStore?.kind).toBe('keyring');
  });
});
