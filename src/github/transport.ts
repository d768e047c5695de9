import pRetry, { AbortError } from 'p-retry'
import type { GitHubBounds } from './bounds.js'
import {
  deadlineOf,
  GitHubUnreachable,
  seconds,
  type Deadline
} from './deadline.js'
import { Transient, waitOrGiveUp } from './retry.js'
import { connectionFailure, ProxyError } from '../errors.js'
import type { HttpFetch, HttpInit, HttpResponse } from '../http-direct.js'
import { readBodyText, retryAfterMs, type BodyText } from '../http-response.js'

export { GitHubUnreachable }

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

/**
 * A buffered answer: as much of fetch's Response as Octokit reads. Its body is the text already
 * read (null for a status without one), which Octokit hands on as is when told not to parse it.
 */
type Answer = Omit<HttpResponse, 'body'> & {
  body: string | null
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
    body: text,
    text: () => Promise.resolve(text ?? ''),
    json: () => Promise.resolve(JSON.parse(text ?? '') as unknown),
    arrayBuffer: () => Promise.resolve(bytes())
  }
}

/** One request, as every attempt at it makes it. */
interface Call {
  inner: HttpFetch
  input: string | URL
  init: HttpInit | undefined
  host: string
  bounds: GitHubBounds
  deadline: Deadline
}

/** One attempt, its answer read whole within the request's time and size. */
async function once(call: Call, attempt: number): Promise<Answer> {
  const { bounds, deadline, host } = call
  const shared = deadline.start()
  if (shared.aborted) throw new AbortError(deadline.late())
  const begun = Date.now()
  const own = AbortSignal.timeout(bounds.timeoutMs)
  const response = await connect(call, own, shared)
  const left = Math.min(
    bounds.timeoutMs - (Date.now() - begun),
    deadline.remainingMs()
  )
  const body = await readBodyText(response, bounds.bodyLimit, Math.max(0, left))
  checkBody(call, body, own.aborted)
  const { status } = response
  if ((status === 408 || status >= 500) && attempt < bounds.maxAttempts) {
    throw new Transient(
      `${host} answered ${status}`,
      retryAfterMs(response.headers.get('retry-after'))
    )
  }
  return answer(response, NULL_BODY.has(status) ? null : body.text)
}

async function connect(
  { inner, input, init, host, bounds, deadline }: Call,
  own: AbortSignal,
  shared: AbortSignal
): Promise<HttpResponse> {
  const signal = AbortSignal.any(
    init?.signal ? [own, shared, init.signal] : [own, shared]
  )
  try {
    return await inner(input, { ...init, signal })
  } catch (error) {
    if (error instanceof ProxyError) throw new AbortError(error)
    if (shared.aborted) throw new AbortError(deadline.late())
    throw new Transient(
      own.aborted
        ? `no answer from ${host} within ${seconds(bounds.timeoutMs)}`
        : `could not connect to ${host}: ${connectionFailure(error).detail}`
    )
  }
}

/** A body cut short: too large (not retried), late or broken off (retried). */
function checkBody(
  { host, bounds, deadline }: Call,
  body: BodyText,
  timedOut: boolean
): void {
  const { bodyLimit, timeoutMs } = bounds
  if (body.cut === 'limit') {
    // The same request would get the same answer: not retried.
    throw new AbortError(
      new GitHubUnreachable(
        `${host} sent an answer larger than ${bodyLimit % MIB === 0 ? `${bodyLimit / MIB} MiB` : `${bodyLimit} bytes`}, which is not read`
      )
    )
  }
  if (body.complete) return
  if (deadline.start().aborted || deadline.remainingMs() === 0)
    throw new AbortError(deadline.late())
  throw new Transient(
    // The request's signal also ends a stalled body: that is a timeout, not a break.
    body.cut === 'late' || timedOut
      ? `${host}'s answer did not finish within ${seconds(timeoutMs)}`
      : `${host}'s answer broke off`
  )
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
  const deadline = deadlineOf(bounds.totalMs)
  // Octokit passes a URL string: never `instanceof Request`, which loads Node's own undici.
  const fetch = (async (input: string | URL, init?: HttpInit) => {
    const call = {
      inner,
      input,
      init,
      host: new URL(String(input)).host,
      bounds,
      deadline
    }
    let attempts = 0
    return pRetry(() => once(call, ++attempts), {
      retries: bounds.maxAttempts - 1,
      minTimeout: 0, // the wait happens in onFailedAttempt, where it can honour Retry-After
      shouldRetry: ({ error }) => error instanceof Transient,
      onFailedAttempt: ({ error, retriesLeft }) =>
        error instanceof Transient
          ? waitOrGiveUp(
              error,
              attempts,
              retriesLeft === 0,
              bounds,
              deadline,
              log
            )
          : undefined
    })
  }) as typeof globalThis.fetch
  return {
    fetch,
    remainingMs: () => deadline.remainingMs(),
    race: (work) => deadline.race(work)
  }
}
