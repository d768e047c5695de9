import pRetry from 'p-retry'
import {
  DEFAULT_BACKOFF,
  retryDelayMs,
  worstCaseMs,
  type Backoff
} from './backoff.js'
import { setTimeout as delay } from 'node:timers/promises'
import type { DeploymentPayload } from './deployment.js'
import { ApiError, errorMessage } from './errors.js'
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
  requestId: string | undefined
  attempts: number
}

export interface MultitudesClient {
  /** The longest one request can take with these options, retries included (the README's bound). */
  readonly worstCaseMs: number
  /** POSTs one deployment; retries transient failures; throws ApiError when it is not accepted. */
  postDeployment(payload: DeploymentPayload): Promise<ApiResponse>
  /** GETs one page of deployments, test deployments included, with the same retries. */
  listDeployments(page: number, pageSize: number): Promise<ApiResponse>
}

export interface ClientOptions {
  url: URL
  apiKey: string
  timeoutMs: number
  maxAttempts: number
  fetch?: typeof fetch
  sleep?: (ms: number) => Promise<void>
  backoff?: Partial<Backoff>
  log?: (message: string) => void
}

/** Bytes of a response kept for outputs and messages. */
export const BODY_LIMIT = 64 * 1024

/** An attempt that may succeed if tried again. */
class TransientFailure extends Error {
  readonly status: number | undefined
  readonly body: string
  readonly requestId: string | undefined
  readonly retryAfterMs: number | undefined

  constructor(
    message: string,
    details: {
      status?: number
      body?: string
      requestId?: string
      retryAfterMs?: number
    } = {}
  ) {
    super(message)
    this.status = details.status
    this.body = details.body ?? ''
    this.requestId = details.requestId
    this.retryAfterMs = details.retryAfterMs
  }
}

export function createMultitudesClient(
  options: ClientOptions
): MultitudesClient {
  const {
    url,
    apiKey,
    timeoutMs,
    maxAttempts,
    fetch: fetchImpl = globalThis.fetch,
    sleep = (ms: number) => delay(ms),
    log = () => undefined
  } = options
  const host = url.host
  const backoff = { ...DEFAULT_BACKOFF, ...options.backoff }

  async function attempt(
    target: URL,
    body: string | undefined,
    attemptNumber: number
  ): Promise<ApiResponse> {
    let response: Response
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
        signal: AbortSignal.timeout(timeoutMs)
      })
    } catch (error) {
      throw new TransientFailure(networkMessage(error, host, timeoutMs))
    }
    let text: string
    try {
      text = await readBodyText(response, BODY_LIMIT)
    } catch (error) {
      throw new TransientFailure(
        `the connection to ${host} broke while reading the ${response.status} response: ${networkMessage(error, host, timeoutMs)}`,
        { status: response.status }
      )
    }
    const status = response.status
    const requestId = requestIdOf(response.headers, text)
    if (status >= 200 && status < 300) {
      return { status, body: text, requestId, attempts: attemptNumber }
    }
    if (status === 408 || status === 429 || status >= 500) {
      throw new TransientFailure(`${host} answered ${status}`, {
        status,
        body: text,
        requestId,
        retryAfterMs: retryAfterMs(response.headers.get('retry-after'))
      })
    }
    throw rejection(
      status,
      text,
      requestId,
      attemptNumber,
      response.headers,
      body === undefined ? 'read' : 'report'
    )
  }

  /** One request with retries for transient failures only; the body is the same every time. */
  async function send(target: URL, body?: string): Promise<ApiResponse> {
    let attempts = 0
    try {
      return await pRetry(() => attempt(target, body, ++attempts), {
        retries: maxAttempts - 1,
        minTimeout: 0, // the wait happens in onFailedAttempt, where it can honour Retry-After
        shouldRetry: ({ error }) => error instanceof TransientFailure,
        onFailedAttempt: async ({ error, retriesLeft }) => {
          if (!(error instanceof TransientFailure) || retriesLeft === 0) return
          const wait = retryDelayMs(attempts, error.retryAfterMs, backoff)
          log(
            `Attempt ${attempts} of ${maxAttempts} failed: ${error.message}. Retrying in ${(wait / 1000).toFixed(1)} s.`
          )
          await sleep(wait)
        }
      })
    } catch (error) {
      if (error instanceof TransientFailure) throw outage(error, attempts)
      throw error
    }
  }

  return {
    worstCaseMs: worstCaseMs(maxAttempts, timeoutMs, backoff),
    postDeployment: (payload) => send(url, JSON.stringify(payload)),
    listDeployments: (page, pageSize) => {
      const target = new URL(url)
      target.search = new URLSearchParams({
        page: String(page),
        pageSize: String(pageSize),
        includeTests: 'true'
      }).toString()
      return send(target)
    }
  }
}

function networkMessage(
  error: unknown,
  host: string,
  timeoutMs: number
): string {
  // Duck-typed: undici's errors may come from another realm.
  const e = error as { name?: unknown; cause?: { code?: unknown } } | null
  if (e?.name === 'TimeoutError') {
    return `no answer from ${host} within ${timeoutMs / 1000} s`
  }
  const code = e?.cause?.code
  return `could not connect to ${host}: ${typeof code === 'string' ? code : errorMessage(error)}`
}

function outage(failure: TransientFailure, attempts: number): ApiError {
  const tries = `after ${attempts} attempt${attempts === 1 ? '' : 's'}`
  const id = failure.requestId ? ` Request id: ${failure.requestId}.` : ''
  const message =
    failure.status === undefined
      ? `The Multitudes API could not be reached ${tries}: ${failure.message}.`
      : `The Multitudes API answered ${failure.status} ${tries}.${id} If this persists, contact support@multitudes.com${failure.requestId ? ' with the request id' : ''}.`
  return new ApiError(message, {
    status: failure.status,
    body: failure.body,
    requestId: failure.requestId,
    attempts
  })
}

function rejection(
  status: number,
  body: string,
  requestId: string | undefined,
  attempts: number,
  headers: Headers,
  verb: 'report' | 'read'
): ApiError {
  const fields = status === 400 ? fieldProblemsOf(body) : []
  const snippet = body.trim().slice(0, 500)
  const messages: Record<number, string> = {
    400: `Multitudes rejected the deployment as invalid (400)${fields.length ? `: ${fields.map((f) => `'${f.field}' ${f.message}`).join('; ')}` : snippet ? `: ${snippet}` : ''}.`,
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
  return new ApiError(message, { status, body, requestId, attempts, fields })
}
