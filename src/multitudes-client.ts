import pRetry from 'p-retry'
import {
  DEFAULT_BACKOFF,
  retryDelayMs,
  worstCaseMs,
  type Backoff
} from './backoff.js'
import { setTimeout as delay } from 'node:timers/promises'
import { payloadJson, type DeploymentPayload } from './deployment.js'
import type { HttpFetch, HttpResponse } from './http-direct.js'
import {
  ApiError,
  connectionFailure,
  ProxyError,
  type FieldProblem
} from './errors.js'
import { clip } from './untrusted.js'
import {
  fieldProblemsOf,
  readBodyText,
  requestIdOf,
  retryAfterMs
} from './http-response.js'
import { ACTION_NAME, ACTION_VERSION } from './version.js'

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

/** Bytes of a POST response kept for outputs and messages. */
export const BODY_LIMIT = 64 * 1024
/** Bytes of a GET page read: 100 deployments of many SHAs each are well over 64 KiB. */
export const GET_BODY_LIMIT = 16 * 1024 * 1024
/** Bytes of a POST answer read to parse it (field errors); BODY_LIMIT of them are kept. */
export const PARSE_LIMIT = 1024 * 1024
/** How long the body of a 2xx may take once its status line arrived. */
export const BODY_DEADLINE_MS = 5000

/** An attempt that may succeed if tried again. */
class TransientFailure extends Error {
  readonly status: number | undefined
  readonly body: string
  readonly requestId: string | undefined
  readonly retryAfterMs: number | undefined
  /** The server may have recorded the request: check the record before sending it again. */
  readonly ambiguous: boolean

  constructor(
    message: string,
    details: {
      status?: number
      body?: string
      requestId?: string
      retryAfterMs?: number
      ambiguous: boolean
    }
  ) {
    super(message)
    this.status = details.status
    this.body = details.body ?? ''
    this.requestId = details.requestId
    this.retryAfterMs = details.retryAfterMs
    this.ambiguous = details.ambiguous
  }
}

/** The record holds the deployment after all: stops the retries with a success. */
class FoundInRecord extends Error {
  readonly failure: TransientFailure
  readonly deployedAt: string

  constructor(failure: TransientFailure, deployedAt: string) {
    super('found in the record')
    this.failure = failure
    this.deployedAt = deployedAt
  }
}

/**
 * Failures where the request never reached a server that could act on it: nothing was recorded,
 * so sending again is safe. Anything else (a timeout, a reset, a 5xx) may have been recorded.
 */
const NEVER_DELIVERED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  // A proxy that refused the tunnel.
  'UND_ERR_ABORTED',
  // TLS that failed before any byte of the request was sent.
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID'
])

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
  // Named in connection messages: "could not connect to <host> through the proxy <url>".
  const route = proxy ? `${host} through the proxy ${proxy}` : host
  const backoff = { ...DEFAULT_BACKOFF, ...options.backoff }

  async function attempt(
    target: URL,
    body: string | undefined,
    attemptNumber: number,
    stop: AbortSignal | undefined
  ): Promise<ApiResponse> {
    let response: HttpResponse
    const deadline = AbortSignal.timeout(timeoutMs)
    try {
      response = await fetchImpl(target, {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          // As the vendor's examples send it; a "Bearer …" value is sent as given.
          Authorization: apiKey,
          'User-Agent': `${ACTION_NAME}/${ACTION_VERSION}`
        },
        body,
        redirect: 'manual',
        signal: stop ? AbortSignal.any([deadline, stop]) : deadline
      })
    } catch (error) {
      if (error instanceof ProxyError) throw error
      const { message, code } = networkFailure(error, route, timeoutMs)
      // Only a POST can have been recorded; a GET changes nothing.
      throw new TransientFailure(message, {
        ambiguous: body !== undefined && !NEVER_DELIVERED.has(code ?? '')
      })
    }
    // The status line is the answer. A 2xx means the deployment is recorded, so its body gets a
    // short deadline of its own and is never a reason to POST again.
    const status = response.status
    const accepted = status >= 200 && status < 300
    // GET pages and 400s are read whole enough to parse (a 400 may list a thousand fields);
    // what is kept for outputs and messages is BODY_LIMIT.
    const read = await readBodyText(
      response,
      body === undefined ? GET_BODY_LIMIT : PARSE_LIMIT,
      accepted ? Math.min(BODY_DEADLINE_MS, timeoutMs) : timeoutMs
    )
    const text = body === undefined ? read.text : read.text.slice(0, BODY_LIMIT)
    const requestId = requestIdOf(response.headers, read.text)
    if (accepted) {
      if (!read.complete && body !== undefined) {
        log(
          `The ${status} answer's body did not arrive whole; the deployment is recorded all the same (the status line says so).`
        )
      }
      if (status !== 201 && body !== undefined) {
        log(
          `${host} answered ${status} instead of 201 Created; any 2xx means the deployment was accepted, so it is reported.`
        )
      }
      return {
        status,
        body: text,
        complete: read.complete,
        requestId,
        attempts: attemptNumber
      }
    }
    if (status === 408 || status === 429 || status >= 500) {
      throw new TransientFailure(`${host} answered ${status}`, {
        status,
        body: text,
        requestId,
        retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
        // 408 and 429 say the request was not taken; a 5xx may come after it was stored.
        ambiguous: body !== undefined && status >= 500
      })
    }
    throw rejection(
      status,
      read.text,
      requestId,
      attemptNumber,
      response.headers,
      body === undefined ? 'read' : 'report'
    )
  }

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
    /** Reads the record after an ambiguous failure; throws to stop when it may not be sent again. */
    const settle = async (error: TransientFailure): Promise<void> => {
      if (!checkRecord || !error.ambiguous) return
      const found = await checkRecord()
      if (found.state === 'recorded')
        throw new FoundInRecord(error, found.deployedAt)
      if (found.state === 'unknown')
        throw unknownOutcome(error, attempts, found.why)
    }
    try {
      return await pRetry(() => attempt(target, body, ++attempts, signal), {
        retries: maxAttempts - 1,
        minTimeout: 0, // the wait happens in onFailedAttempt, where it can honour Retry-After
        signal,
        shouldRetry: ({ error }) => error instanceof TransientFailure,
        onFailedAttempt: async ({ error, retriesLeft }) => {
          if (!(error instanceof TransientFailure)) return
          await settle(error)
          if (retriesLeft === 0 || signal?.aborted) return
          const wait = retryDelayMs(attempts, error.retryAfterMs, backoff)
          log(
            `Attempt ${attempts} of ${maxAttempts} failed: ${error.message}. Retrying in ${(wait / 1000).toFixed(1)} s.`
          )
          await sleep(wait)
        }
      })
    } catch (error) {
      if (error instanceof FoundInRecord) {
        log(
          `Attempt ${attempts} failed (${error.failure.message}), but Multitudes' record holds the deployment (deployedAt ${error.deployedAt}): it is recorded, and not sent again.`
        )
        return {
          status: error.failure.status ?? 0,
          body: error.failure.body,
          complete: true,
          requestId: error.failure.requestId,
          attempts,
          foundInRecord: error.deployedAt
        }
      }
      if (error instanceof TransientFailure)
        throw outage(error, attempts, checkRecord !== undefined)
      throw error
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

function networkFailure(
  error: unknown,
  host: string,
  timeoutMs: number
): { message: string; code: string | undefined } {
  if ((error as { name?: unknown } | null)?.name === 'TimeoutError') {
    return {
      message: `no answer from ${host} within ${timeoutMs / 1000} s`,
      code: undefined
    }
  }
  const { detail, code } = connectionFailure(error)
  return { message: `could not connect to ${host}: ${detail}`, code }
}

/** A failure after which nobody can say whether the deployment was recorded. */
function unknownOutcome(
  failure: TransientFailure,
  attempts: number,
  why: string
): ApiError {
  return new ApiError(
    `Whether Multitudes recorded the deployment is unknown: attempt ${attempts} failed (${failure.message}) after the request may have reached it, and its record could not be read (${why}). It was not sent again, so it cannot be recorded twice.`,
    {
      status: failure.status,
      body: failure.body,
      requestId: failure.requestId,
      attempts,
      unknown: true
    }
  )
}

/** Every attempt failed. `checked`: the record was read after an ambiguous last failure. */
function outage(
  failure: TransientFailure,
  attempts: number,
  checked: boolean
): ApiError {
  const tries = `after ${attempts} attempt${attempts === 1 ? '' : 's'}`
  const id = failure.requestId ? ` Request id: ${failure.requestId}.` : ''
  const unsure = failure.ambiguous && !checked
  const message =
    (failure.status === undefined
      ? `The Multitudes API could not be reached ${tries}: ${failure.message}.`
      : `The Multitudes API answered ${failure.status} ${tries}.${id} If this persists, contact support@multitudes.com${failure.requestId ? ' with the request id' : ''}.`) +
    (unsure
      ? ' The last attempt may have reached it all the same, and its record was not read (record-check is off).'
      : '')
  return new ApiError(message, {
    status: failure.status,
    body: failure.body,
    requestId: failure.requestId,
    attempts,
    unknown: unsure
  })
}

/** The first few rejected fields, and how many more: a 400 may list a thousand. */
function fieldList(fields: readonly FieldProblem[]): string {
  const named = fields
    .slice(0, 5)
    .map((f) => `'${clip(f.field, 100)}' ${clip(f.message, 200)}`)
  const more = fields.length - named.length
  return named.join('; ') + (more > 0 ? `; and ${more} more` : '')
}

function rejection(
  status: number,
  body: string,
  requestId: string | undefined,
  attempts: number,
  headers: HttpResponse['headers'],
  verb: 'report' | 'read'
): ApiError {
  const fields = status === 400 ? fieldProblemsOf(body) : []
  const snippet = body.trim().slice(0, 500)
  const kept = body.slice(0, BODY_LIMIT)
  const messages: Record<number, string> = {
    400: `Multitudes rejected the deployment as invalid (400)${fields.length ? `: ${fieldList(fields)}` : snippet ? `: ${snippet}` : ''}.`,
    401: `Multitudes rejected the API key (401 Unauthorized). Check that the secret passed as 'api-key' holds the whole key (it is shown only once, when generated) and that it has not been revoked.`,
    403: `The API key may not ${verb} deployments (403 Forbidden). Check that it is an Organization key with the Deployments write scope, for the right organisation, and not revoked.`,
    404: `Nothing answers at this 'api-url' (404). Check 'api-url'; the default is https://integrations.multitudes.co/deployment.`,
    413: `The deployment is too large for the API (413). Lower 'max-commits'.`
  }
  const redirect =
    status >= 300 && status < 400
      ? `The API redirected (${status}) to ${headers.get('location') ?? 'another address'}. Set 'api-url' to the final address.`
      : undefined
  const message =
    messages[status] ??
    redirect ??
    `Multitudes answered ${status}${snippet ? `: ${snippet}` : ''}.`
  return new ApiError(message, {
    status,
    body: kept,
    requestId,
    attempts,
    fields
  })
}
