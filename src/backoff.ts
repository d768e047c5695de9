/** When to try again: exponential backoff with jitter, or longer when the server asks. */
export interface Backoff {
  /** First delay; it doubles each retry up to `maxMs`, then jitter multiplies it by 1–2. */
  minMs: number
  maxMs: number
  /** Longest `Retry-After` honoured, so a hostile or confused server cannot stall the job. */
  retryAfterCapMs: number
  /** 0 ≤ random() < 1; injected so tests know every delay. */
  random: () => number
}

export const DEFAULT_BACKOFF: Backoff = {
  minMs: 1000,
  maxMs: 8000,
  retryAfterCapMs: 30_000,
  random: Math.random
}

/** The wait before retry number `retry` (1 for the first retry). */
export function retryDelayMs(
  retry: number,
  retryAfterMs: number | undefined,
  backoff: Backoff
): number {
  const exponential = Math.min(backoff.maxMs, backoff.minMs * 2 ** (retry - 1))
  const jittered = Math.round(exponential * (1 + backoff.random()))
  return Math.max(
    jittered,
    Math.min(retryAfterMs ?? 0, backoff.retryAfterCapMs)
  )
}

/**
 * The longest one request can take, retries included: every attempt runs to its timeout, and
 * each wait is the longest jittered backoff (an attempt that gets a quick 429 instead waits at
 * most the Retry-After cap, which this covers while the cap is within timeout + backoff).
 */
export function worstCaseMs(
  maxAttempts: number,
  timeoutMs: number,
  backoff: Backoff
): number {
  let total = maxAttempts * timeoutMs
  for (let retry = 1; retry < maxAttempts; retry++) {
    const longest =
      2 * Math.min(backoff.maxMs, backoff.minMs * 2 ** (retry - 1))
    total += Math.max(longest, backoff.retryAfterCapMs - timeoutMs)
  }
  return total
}
