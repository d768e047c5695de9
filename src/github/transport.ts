import pRetry, { AbortError } from 'p-retry'
import { setTimeout as delay } from 'node:timers/promises'
import { retryDelayMs } from '../backoff.js'
import type { GitHubBounds } from './bounds.js'
import { connectionFailure, ProxyError } from '../errors.js'
import type { HttpFetch, HttpInit, HttpResponse } from '../http-direct.js'
import { readBodyText, retryAfterMs } from '../http-response.js'

/** GitHub did not answer within its bounds: an outage, which `on-error: warn-on-outage` warns of. */
export class GitHubUnreachable extends Error {
  override name = 'GitHubUnreachable'
}

/** One attempt that may go better the next time. */
class Transient extends Error {
  readonly retryAfterMs: number | undefined
  constructor(message: string, retryAfter?: number) {
    super(message)
    this.retryAfterMs = retryAfter
  }
}

export interface BoundedFetch {
  fetch: typeof globalThis.fetch
  /** Milliseconds left of the shared deadline (all of it before the first call). */
  remainingMs(): number
  /** `work`, or GitHubUnreachable as soon as the shared deadline passes, whatever it waits on. */
  race<T>(work: Promise<T>): Promise<T>
}

const MIB = 1024 * 1024

/** Statuses whose Response has no body. */
const NULL_BODY = new Set([101, 204, 205, 304])

/** A buffered answer: as much of fetch's Response as Octokit reads. */
type Answer = Omit<HttpResponse, 'body'> & {
  body: null
  text(): Promise<string>
  json(): Promise<unknown>
  arrayBuffer(): Promise<ArrayBuffer>
}

function answer(response: HttpResponse, text: string | null): Answer {
  const bytes = (): ArrayBuffer => {
    const buffer = Buffer.from(text ?? '')
    return buffer.buffer.slice(
      buffer.byteOffset,
      buffer.byteOffset + buffer.byteLength
    )
  }
  return {
    status: response.status,
    statusText: response.statusText,
    url: response.url,
    headers: response.headers,
    body: null,
    text: () => Promise.resolve(text ?? ''),
    json: () => Promise.resolve(JSON.parse(text ?? '') as unknown),
    arrayBuffer: () => Promise.resolve(bytes())
  }
}

/**
 * `inner` with GitHub's bounds: each answer is read whole here, within its time and size, and
 * handed on as a buffered Response, so nothing later can wait on or buffer a body unbounded.
 */
export function boundedFetch(
  inner: HttpFetch,
  bounds: GitHubBounds,
  log: (message: string) => void = () => undefined
): BoundedFetch {
  const { timeoutMs, maxAttempts, totalMs, bodyLimit, backoff } = bounds
  const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`
  let deadline: AbortSignal | undefined
  let startedAt = 0
  const start = (): AbortSignal => {
    if (!deadline) {
      startedAt = Date.now()
      deadline = AbortSignal.timeout(totalMs)
    }
    return deadline
  }
  const remainingMs = (): number =>
    deadline ? Math.max(0, totalMs - (Date.now() - startedAt)) : totalMs
  const late = (): GitHubUnreachable =>
    new GitHubUnreachable(
      `GitHub did not answer within ${seconds(totalMs)}, the deadline for all of a run's GitHub calls`
    )

  async function once(
    input: string | URL,
    init: HttpInit | undefined,
    host: string,
    attempt: number
  ): Promise<Answer> {
    const shared = start()
    if (shared.aborted) throw new AbortError(late())
    const begun = Date.now()
    const own = AbortSignal.timeout(timeoutMs)
    const signal = AbortSignal.any(
      init?.signal ? [own, shared, init.signal] : [own, shared]
    )
    let response: HttpResponse
    try {
      response = await inner(input, { ...init, signal })
    } catch (error) {
      if (error instanceof ProxyError) throw new AbortError(error)
      if (shared.aborted) throw new AbortError(late())
      throw new Transient(
        own.aborted
          ? `no answer from ${host} within ${seconds(timeoutMs)}`
          : `could not connect to ${host}: ${connectionFailure(error).detail}`
      )
    }
    const left = Math.min(timeoutMs - (Date.now() - begun), remainingMs())
    const body = await readBodyText(response, bodyLimit, Math.max(0, left))
    if (body.cut === 'limit') {
      // The same request would get the same answer: not retried.
      throw new AbortError(
        new GitHubUnreachable(
          `${host} sent an answer larger than ${bodyLimit % MIB === 0 ? `${bodyLimit / MIB} MiB` : `${bodyLimit} bytes`}, which is not read`
        )
      )
    }
    if (!body.complete) {
      if (shared.aborted || remainingMs() === 0) throw new AbortError(late())
      throw new Transient(
        // The request's signal also ends a stalled body: that is a timeout, not a break.
        body.cut === 'late' || own.aborted
          ? `${host}'s answer did not finish within ${seconds(timeoutMs)}`
          : `${host}'s answer broke off`
      )
    }
    const { status } = response
    if ((status === 408 || status >= 500) && attempt < maxAttempts) {
      throw new Transient(
        `${host} answered ${status}`,
        retryAfterMs(response.headers.get('retry-after'))
      )
    }
    return answer(response, NULL_BODY.has(status) ? null : body.text)
  }

  // Octokit passes a URL string: never `instanceof Request`, which loads Node's own undici.
  const fetch = (async (input: string | URL, init?: HttpInit) => {
    const host = new URL(String(input)).host
    let attempts = 0
    return pRetry(() => once(input, init, host, ++attempts), {
      retries: maxAttempts - 1,
      minTimeout: 0, // the wait happens in onFailedAttempt, where it can honour Retry-After
      shouldRetry: ({ error }) => error instanceof Transient,
      onFailedAttempt: async ({ error, retriesLeft }) => {
        if (!(error instanceof Transient)) return
        if (retriesLeft === 0) {
          throw new GitHubUnreachable(
            `${error.message} (${attempts} attempt${attempts === 1 ? '' : 's'})`
          )
        }
        const wait = retryDelayMs(attempts, error.retryAfterMs, backoff)
        if (wait >= remainingMs()) throw late()
        log(
          `GitHub attempt ${attempts} of ${maxAttempts} failed: ${error.message}. Retrying in ${seconds(wait)}.`
        )
        await delay(wait)
      }
    })
  }) as typeof globalThis.fetch

  return {
    fetch,
    remainingMs,
    race: (work) => {
      const shared = start()
      return new Promise((resolve, reject) => {
        const stop = (): void => reject(late())
        if (shared.aborted) return stop()
        shared.addEventListener('abort', stop, { once: true })
        work.then(resolve, reject).finally(() => {
          shared.removeEventListener('abort', stop)
        })
      })
    }
  }
}
