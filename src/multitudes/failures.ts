/**
 * The ways a request to Multitudes fails, each with the message a user reads: a failure worth
 * another attempt, the record found to hold the deployment, an outage, an unknown outcome and a
 * rejection.
 */
import { ApiError, connectionFailure, type FieldProblem } from '../errors.js'
import { fieldProblemsOf } from '../http-response.js'
import type { HttpResponse } from '../http-direct.js'
import type { ApiResponse } from '../multitudes-client.js'
import { clip } from '../untrusted.js'
import { BODY_LIMIT } from './limits.js'

/** An attempt that may succeed if tried again. */
export class TransientFailure extends Error {
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
export class FoundInRecord extends Error {
  readonly failure: TransientFailure
  readonly deployedAt: string

  constructor(failure: TransientFailure, deployedAt: string) {
    super('found in the record')
    this.failure = failure
    this.deployedAt = deployedAt
  }

  /** The run's answer: the last failure's details, and the record's word that it is recorded. */
  answer(attempts: number): ApiResponse {
    return {
      status: this.failure.status ?? 0,
      body: this.failure.body,
      complete: true,
      requestId: this.failure.requestId,
      attempts,
      foundInRecord: this.deployedAt
    }
  }
}

/**
 * Failures where the request never reached a server that could act on it: nothing was recorded,
 * so sending again is safe. Anything else (a timeout, a reset, a 5xx) may have been recorded.
 */
export const NEVER_DELIVERED = new Set([
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

export function networkFailure(
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
export function unknownOutcome(
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
export function outage(
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

export function rejection(
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
