import { DEFAULT_BACKOFF, worstCaseMs, type Backoff } from '../backoff.js'
import { GET_BODY_LIMIT } from '../multitudes/limits.js'

/**
 * The bounds of GitHub calls, the same as the Multitudes client's: `timeout-seconds` for each
 * request (headers and body), `max-attempts` with the same backoff for a network error, a
 * timeout, 408 or 5xx, GET_BODY_LIMIT of body, and one deadline shared by every GitHub call of
 * the run (by default the worst case of one Multitudes request).
 */
export interface GitHubBounds {
  timeoutMs: number
  maxAttempts: number
  totalMs: number
  bodyLimit: number
  backoff: Backoff
}

export function githubBounds(
  timeoutMs: number,
  maxAttempts: number,
  overrides: Partial<GitHubBounds> = {}
): GitHubBounds {
  return {
    timeoutMs,
    maxAttempts,
    totalMs: worstCaseMs(maxAttempts, timeoutMs, DEFAULT_BACKOFF),
    bodyLimit: GET_BODY_LIMIT,
    backoff: DEFAULT_BACKOFF,
    ...overrides
  }
}
