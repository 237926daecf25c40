import type { JsonValue } from './types';

/**
 * Makes a tool's output safe to store and send: a JSON round trip drops `undefined` and functions and
 * turns dates into strings; anything that cannot be serialised becomes its string form.
 */
export function toJsonValue(value: unknown): JsonValue {
  if (value === undefined) return null;
  try {
    const text = JSON.stringify(value);
    return text === undefined ? null : (JSON.parse(text) as JsonValue);
  } catch {
    return String(value);
  }
}
