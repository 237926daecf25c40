import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from '../../../src/core/mcp/backoff';
import { childEnvironment } from '../../../src/core/mcp/childEnvironment';
import { parseEnvReference, resolveEnvReference } from '../../../src/core/mcp/envReference';
import { StderrTail } from '../../../src/core/mcp/stderrTail';

describe('backoff', () => {
  it('doubles from the first delay and stays at the cap', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((failures) => backoffDelay(DEFAULT_BACKOFF, failures));
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 120_000, 120_000, 120_000]);
  });
});

describe('StderrTail', () => {
  it('keeps the last lines only, joins lines split across chunks and skips blank ones', () => {
    const tail = new StderrTail(3, 10);
    tail.push('one\ntw');
    tail.push('o\n\nthree\r\nfour\nan unfinished line that is long');
    expect(tail.snapshot()).toEqual(['three', 'four', 'an unfinis…']);
    tail.clear();
    expect(tail.snapshot()).toEqual([]);
  });
});

describe('environment references', () => {
  it('recognise ${NAME}, ${env:NAME} and an auth scheme before one, and nothing else', () => {
    expect(parseEnvReference('${GITHUB_TOKEN}')).toEqual({ scheme: '', variable: 'GITHUB_TOKEN' });
    expect(parseEnvReference('${env:API_KEY}')).toEqual({ scheme: '', variable: 'API_KEY' });
    expect(parseEnvReference('Bearer ${API_KEY}')).toEqual({ scheme: 'Bearer', variable: 'API_KEY' });
    for (const value of ['sk-${API_KEY}', '${A}${B}', 'plain', '${1BAD}', 'abc123 ${X}', '$API_KEY']) {
      expect(parseEnvReference(value), value).toBeUndefined();
    }
  });

  it('resolve from the given environment; unset or empty is missing', () => {
    const env = { TOKEN: 't-1', EMPTY: '' };
    expect(resolveEnvReference('${TOKEN}', env)).toBe('t-1');
    expect(resolveEnvReference('Bearer ${env:TOKEN}', env)).toBe('Bearer t-1');
    expect(resolveEnvReference('${EMPTY}', env)).toBeUndefined();
    expect(resolveEnvReference('${NOPE}', env)).toBeUndefined();
  });
});

describe('a stdio server environment', () => {
  it("passes on PATH, HOME and proxies but not Navi's API keys, plus the configured values", () => {
    const env = {
      PATH: '/usr/bin',
      HOME: '/home/a',
      OPENAI_API_KEY: 'sk-navi',
      HTTPS_PROXY: 'http://proxy:8080',
      SHELL: '() { evil; }',
    };
    expect(childEnvironment(env, { TOKEN: 'x' }, 'linux')).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/a',
      HTTPS_PROXY: 'http://proxy:8080',
      TOKEN: 'x',
    });
  });
});
