/** How long to wait before reconnecting after failures: doubling from `initialMs`, never above `maxMs`. */
export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly factor: number;
  /** A connection that stayed up this long counts as healthy: the next failure starts from `initialMs` again. */
  readonly stableAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  initialMs: 1_000,
  maxMs: 120_000,
  factor: 2,
  stableAfterMs: 60_000,
};

/** The delay before the next attempt after `failures` failures in a row (1 = the first failure). */
export function backoffDelay(policy: BackoffPolicy, failures: number): number {
  const exponent = Math.max(0, failures - 1);
  return Math.min(policy.maxMs, policy.initialMs * policy.factor ** exponent);
}
