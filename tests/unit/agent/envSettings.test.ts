import { describe, expect, it } from 'vitest';
import { DEFAULT_ANTHROPIC_MODEL, DEFAULT_OPENAI_MODEL, readEnvSettings } from '../../../src/core/settings/envSettings';

describe('readEnvSettings', () => {
  it('configures nothing from an empty environment (blank values count as unset)', () => {
    expect(readEnvSettings({})).toEqual({ providers: [], profile: undefined });
    expect(readEnvSettings({ OPENAI_API_KEY: '  ', NAVI_MODEL: 'x' })).toEqual({ providers: [], profile: undefined });
  });

  it('OPENAI_API_KEY alone: OpenAI with a default model', () => {
    const { providers, profile } = readEnvSettings({ OPENAI_API_KEY: 'sk-1' });
    expect(providers).toEqual([
      {
        id: 'env-openai',
        kind: 'openai',
        name: 'OpenAI',
        baseURL: 'https://api.openai.com/v1',
        apiKey: 'sk-1',
        keySource: 'env',
        keyEnvVar: 'OPENAI_API_KEY',
      },
    ]);
    expect(profile).toMatchObject({ id: 'env-default', providerId: 'env-openai', model: DEFAULT_OPENAI_MODEL });
  });

  it('OPENAI_BASE_URL without a key: a keyless OpenAI-compatible server that needs NAVI_MODEL', () => {
    const { providers, profile } = readEnvSettings({ OPENAI_BASE_URL: 'http://localhost:11434/v1/' });
    expect(providers[0]).toMatchObject({
      kind: 'openai-compatible',
      baseURL: 'http://localhost:11434/v1',
      apiKey: undefined,
      keySource: 'none',
    });
    expect(profile?.model).toBeUndefined();
    expect(readEnvSettings({ OPENAI_BASE_URL: 'http://x/v1', NAVI_MODEL: 'llama3' }).profile?.model).toBe('llama3');
  });

  it('ANTHROPIC_API_KEY: Anthropic; with both keys NAVI_MODEL decides', () => {
    expect(readEnvSettings({ ANTHROPIC_API_KEY: 'a' }).profile).toMatchObject({
      providerId: 'env-anthropic',
      model: DEFAULT_ANTHROPIC_MODEL,
    });
    const both = { OPENAI_API_KEY: 'o', ANTHROPIC_API_KEY: 'a' };
    expect(readEnvSettings(both).profile?.providerId).toBe('env-openai');
    expect(readEnvSettings({ ...both, NAVI_MODEL: 'claude-opus-4' }).profile).toMatchObject({
      providerId: 'env-anthropic',
      model: 'claude-opus-4',
    });
    expect(
      readEnvSettings({ ANTHROPIC_API_KEY: 'a', ANTHROPIC_BASE_URL: 'http://proxy/v1' }).providers[0]!.baseURL,
    ).toBe('http://proxy/v1');
  });
});
