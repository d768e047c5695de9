/**
 * One request to Multitudes, judged: an answer, a failure worth another attempt, or a rejection.
 */
import { ProxyError } from '../errors.js'
import type { HttpFetch, HttpResponse } from '../http-direct.js'
import {
  readBodyText,
  requestIdOf,
  retryAfterMs,
  type BodyText
} from '../http-response.js'
import type { ApiResponse } from '../multitudes-client.js'
import { ACTION_NAME, ACTION_VERSION } from '../version.js'
import {
  NEVER_DELIVERED,
  networkFailure,
  rejection,
  TransientFailure
} from './failures.js'
import {
  BODY_DEADLINE_MS,
  BODY_LIMIT,
  GET_BODY_LIMIT,
  PARSE_LIMIT
} from './limits.js'

export interface AttemptConfig {
  fetch: HttpFetch
  apiKey: string
  timeoutMs: number
  /** The API's host, named in answers. */
  host: string
  /** The host, and the proxy when there is one, named in connection failures. */
  route: string
  log: (message: string) => void
}

/** A GET when `body` is undefined, a POST of `body` otherwise. */
export async function attempt(
  config: AttemptConfig,
  target: URL,
  body: string | undefined,
  attemptNumber: number,
  stop: AbortSignal | undefined
): Promise<ApiResponse> {
  const response = await request(config, target, body, stop)
  // The status line is the answer. A 2xx means the deployment is recorded, so its body gets a
  // short deadline of its own and is never a reason to POST again.
  const status = response.status
  const accepted = status >= 200 && status < 300
  // GET pages and 400s are read whole enough to parse (a 400 may list a thousand fields);
  // what is kept for outputs and messages is BODY_LIMIT.
  const read = await readBodyText(
    response,
    body === undefined ? GET_BODY_LIMIT : PARSE_LIMIT,
    accepted ? Math.min(BODY_DEADLINE_MS, config.timeoutMs) : config.timeoutMs
  )
  const text = body === undefined ? read.text : read.text.slice(0, BODY_LIMIT)
  const requestId = requestIdOf(response.headers, read.text)
  const answer = { response, read, text, requestId }
  if (!accepted)
    throw failure(config, answer, body !== undefined, attemptNumber)
  warnOfOddSuccess(config, status, read, body !== undefined)
  return {
    status,
    body: text,
    complete: read.complete,
    requestId,
    attempts: attemptNumber
  }
}

/** An answer and what was read of it: `text` is what outputs and messages keep. */
interface Answer {
  response: HttpResponse
  read: BodyText
  text: string
  requestId: string | undefined
}

/** A refusal: transient (worth another attempt) for 408, 429 and a 5xx, a rejection otherwise. */
function failure(
  config: AttemptConfig,
  { response, read, text, requestId }: Answer,
  post: boolean,
  attemptNumber: number
): Error {
  const { status, headers } = response
  if (status === 408 || status === 429 || status >= 500) {
    return new TransientFailure(`${config.host} answered ${status}`, {
      status,
      body: text,
      requestId,
      retryAfterMs: retryAfterMs(headers.get('retry-after')),
      // 408 and 429 say the request was not taken; a 5xx may come after it was stored.
      ambiguous: post && status >= 500
    })
  }
  return rejection(
    status,
    read.text,
    requestId,
    attemptNumber,
    headers,
    post ? 'report' : 'read'
  )
}

async function request(
  { fetch, apiKey, timeoutMs, route }: AttemptConfig,
  target: URL,
  body: string | undefined,
  stop: AbortSignal | undefined
): Promise<HttpResponse> {
  const deadline = AbortSignal.timeout(timeoutMs)
  try {
    return await fetch(target, {
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
}

/** A POST's 2xx is a success however it looks; what looks odd is said. */
function warnOfOddSuccess(
  { host, log }: AttemptConfig,
  status: number,
  read: BodyText,
  posted: boolean
): void {
  if (!posted) return
  if (!read.complete) {
    log(
      `The ${status} answer's body did not arrive whole; the deployment is recorded all the same (the status line says so).`
    )
  }
  if (status !== 201) {
    log(
      `${host} answered ${status} instead of 201 Created; any 2xx means the deployment was accepted, so it is reported.`
    )
  }
}
