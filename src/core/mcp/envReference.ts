import type { Env } from '../settings/envSettings';

/**
 * A value that only points into Navi's environment: `${NAME}` or `${env:NAME}` (the forms other
 * desktop apps use), optionally after an auth scheme as in `Bearer ${API_KEY}`. Such a value holds
 * no secret itself, so it may be kept in SQLite; anything else is a secret.
 */
const REFERENCE = /^(?:(Bearer|Basic|Token|Bot) )?\$\{(?:env:)?([A-Za-z_][A-Za-z0-9_]*)\}$/;

export interface EnvReference {
  /** The auth scheme before the reference ("Bearer"), or "". */
  readonly scheme: string;
  readonly variable: string;
}

export function parseEnvReference(value: string): EnvReference | undefined {
  const match = REFERENCE.exec(value.trim());
  if (!match) return undefined;
  return { scheme: match[1] ?? '', variable: match[2]! };
}

/** The value a reference stands for, or undefined when the variable is not set (or empty). */
export function resolveEnvReference(reference: string, env: Env): string | undefined {
  const parsed = parseEnvReference(reference);
  if (!parsed) return undefined;
  const value = env[parsed.variable];
  if (value === undefined || value === '') return undefined;
  return parsed.scheme ? `${parsed.scheme} ${value}` : value;
}
