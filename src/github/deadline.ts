/**
 * GitHub did not answer within its bounds: an outage, which `on-error: warn-on-outage` warns of.
 */
export class GitHubUnreachable extends Error {
  override name = 'GitHubUnreachable'
}

export const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`

/** The deadline all of a run's GitHub calls share; it starts with the first one. */
export interface Deadline {
  start(): AbortSignal
  remainingMs(): number
  late(): GitHubUnreachable
  race<T>(work: Promise<T>): Promise<T>
}

export function deadlineOf(totalMs: number): Deadline {
  let signal: AbortSignal | undefined
  let startedAt = 0
  const deadline: Deadline = {
    start: () => {
      if (!signal) {
        startedAt = Date.now()
        signal = AbortSignal.timeout(totalMs)
      }
      return signal
    },
    remainingMs: () =>
      signal ? Math.max(0, totalMs - (Date.now() - startedAt)) : totalMs,
    late: () =>
      new GitHubUnreachable(
        `GitHub did not answer within ${seconds(totalMs)}, the deadline for all of a run's GitHub calls`
      ),
    race: (work) => {
      const shared = deadline.start()
      return new Promise((resolve, reject) => {
        const stop = (): void => reject(deadline.late())
        if (shared.aborted) return stop()
        shared.addEventListener('abort', stop, { once: true })
        work.then(resolve, reject).finally(() => {
          shared.removeEventListener('abort', stop)
        })
      })
    }
  }
  return deadline
}
