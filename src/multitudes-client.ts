import pRetry from 'p-retry'
import {
  DEFAULT_BACKOFF,
  retryDelayMs,
  worstCaseMs,
  type Backoff
} from './backoff.js'
import { setTimeout as delay } from 'node:timers/promises'
import { payloadJson, type DeploymentPayload } from './deployment.js'
import type { HttpFetch } from './http-direct.js'
import { attempt, type AttemptConfig } from './multitudes/attempt.js'
import {
  FoundInRecord,
  outage,
  TransientFailure,
  unknownOutcome
} from './multitudes/failures.js'

export interface ApiResponse {
  status: number
  body: string
  /** False when the body was cut at its limit, broke or stalled. */
  complete: boolean
  requestId: string | undefined
  attempts: number
  /**
   * Set when no 2xx came back but Multitudes' record, read after an ambiguous failure, holds the
   * deployment: the `deployedAt` it lists.
   */
  foundInRecord?: string
}

/** What Multitudes' record says of a deployment after an ambiguous failure. */
export type RecordCheck =
  | { state: 'recorded'; deployedAt: string }
  | { state: 'absent' }
  | { state: 'unknown'; why: string }

export interface PostOptions {
  /**
   * Read after a failure that may have been recorded (a timeout, a connection lost once the
   * request was written, a 5xx) and before the same body is sent again.
   */
  checkRecord?: () => Promise<RecordCheck>
}

export interface ListOptions {
  /** Test deployments too (the GET's `includeTests`). */
  includeTests?: boolean
  /** Stops the request and its retries: the reader's bound in seconds. */
  signal?: AbortSignal
}

export interface MultitudesClient {
  /** The longest one request can take with these options, retries included (the README's bound). */
  readonly worstCaseMs: number
  /**
   * POSTs one deployment; retries transient failures, and after an ambiguous one asks
   * `checkRecord` before sending again; throws ApiError when it is not accepted.
   */
  postDeployment(
    payload: DeploymentPayload,
    options?: PostOptions
  ): Promise<ApiResponse>
  /** GETs one page of deployments (test deployments with `includeTests`), with the same retries. */
  listDeployments(
    page: number,
    pageSize: number,
    options?: ListOptions
  ): Promise<ApiResponse>
}

export interface ClientOptions {
  url: URL
  apiKey: string
  timeoutMs: number
  maxAttempts: number
  fetch?: HttpFetch
  /** The proxy requests go through (credentials removed), named when a connection fails. */
  proxy?: string
  sleep?: (ms: number) => Promise<void>
  backoff?: Partial<Backoff>
  log?: (message: string) => void
}

/** Reads the record after an ambiguous failure; throws to stop when it may not be sent again. */
async function settle(
  error: TransientFailure,
  checkRecord: PostOptions['checkRecord'],
  attempts: number
): Promise<void> {
  if (!checkRecord || !error.ambiguous) return
  const found = await checkRecord()
  if (found.state === 'recorded')
    throw new FoundInRecord(error, found.deployedAt)
  if (found.state === 'unknown')
    throw unknownOutcome(error, attempts, found.why)
}

/** The end of a call whose attempts failed: the record's word that it is there, or the error. */
function afterRetries(
  error: unknown,
  attempts: number,
  checkedRecord: boolean,
  log: (message: string) => void
): ApiResponse {
  if (error instanceof FoundInRecord) {
    log(
      `Attempt ${attempts} failed (${error.failure.message}), but Multitudes' record holds the deployment (deployedAt ${error.deployedAt}): it is recorded, and not sent again.`
    )
    return error.answer(attempts)
  }
  if (error instanceof TransientFailure)
    throw outage(error, attempts, checkedRecord)
  throw error
}

/**
 * The Deployments API's calls. Longer than 40 lines as a whole, short in its parts: one closure
 * holds what every call shares (the URL, the key, the attempt settings), and each call is its own
 * function.
 */
export function createMultitudesClient(
  options: ClientOptions
): MultitudesClient {
  const {
    url,
    apiKey,
    timeoutMs,
    maxAttempts,
    fetch: fetchImpl = globalThis.fetch,
    proxy,
    sleep = (ms: number) => delay(ms),
    log = () => undefined
  } = options
  const host = url.host
  const config: AttemptConfig = {
    fetch: fetchImpl,
    apiKey,
    timeoutMs,
    host,
    // Named in connection messages: "could not connect to <host> through the proxy <url>".
    route: proxy ? `${host} through the proxy ${proxy}` : host,
    log
  }
  const backoff = { ...DEFAULT_BACKOFF, ...options.backoff }

  /**
   * One request with retries for transient failures only; the body is the same every time. A
   * POST that failed ambiguously is sent again only when `checkRecord` finds it absent.
   */
  async function send(
    target: URL,
    body?: string,
    { checkRecord, signal }: PostOptions & ListOptions = {}
  ): Promise<ApiResponse> {
    let attempts = 0
    try {
      return await pRetry(
        () => attempt(config, target, body, ++attempts, signal),
        {
          retries: maxAttempts - 1,
          minTimeout: 0, // the wait happens in onFailedAttempt, where it can honour Retry-After
          signal,
          shouldRetry: ({ error }) => error instanceof TransientFailure,
          onFailedAttempt: async ({ error, retriesLeft }) => {
            if (!(error instanceof TransientFailure)) return
            await settle(error, checkRecord, attempts)
            if (retriesLeft === 0 || signal?.aborted) return
            const wait = retryDelayMs(attempts, error.retryAfterMs, backoff)
            log(
              `Attempt ${attempts} of ${maxAttempts} failed: ${error.message}. Retrying in ${(wait / 1000).toFixed(1)} s.`
            )
            await sleep(wait)
          }
        }
      )
    } catch (error) {
      return afterRetries(error, attempts, checkRecord !== undefined, log)
    }
  }

  return {
    worstCaseMs: worstCaseMs(maxAttempts, timeoutMs, backoff),
    postDeployment: (payload, options) =>
      send(url, payloadJson(payload), options),
    listDeployments: (page, pageSize, { includeTests = true, signal } = {}) => {
      const target = new URL(url)
      target.search = new URLSearchParams({
        page: String(page),
        pageSize: String(pageSize),
        includeTests: String(includeTests)
      }).toString()
      return send(target, undefined, { signal })
    }
  }
}
