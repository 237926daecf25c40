/** How often and how patiently a failed provider request is tried again. */
export interface RetryPolicy {
  /** Attempts in total, the first included. */
  readonly maxAttempts: number;
  /** Wait before the first retry; doubled for each further one. */
  readonly baseDelayMs: number;
  /** Upper bound for any wait, a Retry-After header included. */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 10_000 };

/** The wait before attempt `attempt + 1` (attempt counts from 1), honouring a provider's Retry-After. */
export function retryDelayMs(policy: RetryPolicy, attempt: number, retryAfterMs?: number): number {
  const backoff = policy.baseDelayMs * 2 ** (attempt - 1);
  return Math.min(policy.maxDelayMs, retryAfterMs ?? backoff);
}
