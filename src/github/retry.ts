/** A GitHub attempt worth another, and the wait before it or the reason to give up. */
import { setTimeout as delay } from 'node:timers/promises'
import { retryDelayMs } from '../backoff.js'
import type { GitHubBounds } from './bounds.js'
import { GitHubUnreachable, seconds, type Deadline } from './deadline.js'

/** One attempt that may go better the next time. */
export class Transient extends Error {
  readonly retryAfterMs: number | undefined
  constructor(message: string, retryAfter?: number) {
    super(message)
    this.retryAfterMs = retryAfter
  }
}

/** After a failed attempt: waits as Retry-After or the backoff says, or says why it gives up. */
export async function waitOrGiveUp(
  error: Transient,
  attempts: number,
  last: boolean,
  { maxAttempts, backoff }: GitHubBounds,
  deadline: Deadline,
  log: (message: string) => void
): Promise<void> {
  if (last) {
    throw new GitHubUnreachable(
      `${error.message} (${attempts} attempt${attempts === 1 ? '' : 's'})`
    )
  }
  const wait = retryDelayMs(attempts, error.retryAfterMs, backoff)
  if (wait >= deadline.remainingMs()) throw deadline.late()
  log(
    `GitHub attempt ${attempts} of ${maxAttempts} failed: ${error.message}. Retrying in ${seconds(wait)}.`
  )
  await delay(wait)
}
