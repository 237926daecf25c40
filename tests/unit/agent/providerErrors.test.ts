import { APICallError, JSONParseError } from 'ai';
import { describe, expect, it } from 'vitest';
import type { ProviderConnection } from '../../../src/core/providers/providerConnection';
import {
  describeHttpFailure,
  describeProviderError,
  ProviderTimeoutError,
  redact,
} from '../../../src/core/providers/providerErrors';

const stored: ProviderConnection = {
  id: 'p',
  kind: 'openai',
  name: 'OpenAI',
  baseURL: 'https://api.openai.com/v1',
  apiKey: 'sk-secret-123456',
  keySource: 'stored',
};
const chat = { connection: stored, model: 'gpt-x', during: 'chat' as const };
const http = (status: number, body = '', headers?: Record<string, string>) =>
  describeHttpFailure(status, body, headers, chat);

describe('provider failures, described for people', () => {
  it('names the cause and what to do for each HTTP status', () => {
    expect(http(401)).toMatchObject({
      reason: 'unauthorized',
      transient: false,
      message: 'OpenAI rejected the API key (401). Check the key in Settings.',
    });
    expect(
      describeHttpFailure(401, '', undefined, {
        ...chat,
        connection: { ...stored, keySource: 'env', keyEnvVar: 'OPENAI_API_KEY' },
      }).message,
    ).toBe('OpenAI rejected the API key (401). Check OPENAI_API_KEY in the environment Navi was started with.');
    expect(http(404, '{"error":{"message":"The model `gpt-x` does not exist"}}')).toMatchObject({
      reason: 'unknown_model',
      message: 'OpenAI does not know the model "gpt-x" (404). Choose another model in Settings.',
    });
    expect(http(404, 'Not Found').message).toBe(
      'OpenAI answered "not found" (404): Not Found. Check the base URL (https://api.openai.com/v1) and the model in Settings.',
    );
    expect(describeHttpFailure(404, '', undefined, { connection: stored, during: 'models' }).message).toMatch(
      /has no model list at https:\/\/api\.openai\.com\/v1\/models \(404\)/,
    );
    expect(http(429, '', { 'retry-after': '2' })).toMatchObject({
      reason: 'rate_limited',
      transient: true,
      retryAfterMs: 2000,
    });
    expect(http(429, '', { 'retry-after-ms': '150' })).toMatchObject({ retryAfterMs: 150 });
    expect(http(503)).toMatchObject({ reason: 'server_error', transient: true });
    expect(http(529, '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}').message).toBe(
      'OpenAI had a server error (529): Overloaded. Try again in a moment.',
    );
    expect(http(400, '{"error":{"message":"bad tool schema"}}')).toMatchObject({
      reason: 'bad_request',
      transient: false,
      message: 'OpenAI rejected the request (400): bad tool schema',
    });
    expect(http(418, 'teapot')).toMatchObject({
      reason: 'http_error',
      message: 'OpenAI answered with an error (418): teapot',
    });
  });

  it('never repeats the key, even when the provider echoes it', () => {
    expect(http(400, '{"error":{"message":"key sk-secret-123456 is odd"}}').message).toBe(
      'OpenAI rejected the request (400): key [redacted] is odd',
    );
    expect(redact('a sk-secret-123456 b sk-secret-123456', stored)).toBe('a [redacted] b [redacted]');
  });

  it('describes network problems, timeouts, malformed data and in-stream errors', () => {
    const refused = new APICallError({
      message: 'Cannot connect to API: connect ECONNREFUSED',
      url: 'u',
      requestBodyValues: {},
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
      isRetryable: true,
    });
    expect(describeProviderError(refused, chat)).toMatchObject({ reason: 'unreachable', transient: true });
    const cut = new APICallError({
      message: 'Failed to process successful response',
      url: 'u',
      requestBodyValues: {},
      statusCode: 200,
      cause: new TypeError('terminated', {
        cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
      }),
    });
    expect(describeProviderError(cut, chat)).toMatchObject({ reason: 'stream_cut', transient: true });
    expect(describeProviderError(new ProviderTimeoutError(1500, 'response'), chat).message).toBe(
      'OpenAI did not answer within 1.5 s. Check that the server is running, or try again.',
    );
    expect(
      describeProviderError(new JSONParseError({ text: '{', cause: new SyntaxError('Unterminated string') }), chat),
    ).toMatchObject({
      reason: 'malformed',
      transient: false,
    });
    expect(
      describeProviderError({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, chat),
    ).toMatchObject({
      reason: 'rate_limited',
      transient: true,
      message: 'OpenAI reported an error: Overloaded',
    });
    expect(describeProviderError({ message: 'context too long', code: null }, chat)).toMatchObject({
      reason: 'provider_error',
      transient: false,
      message: 'OpenAI reported an error: context too long',
    });
  });
});
