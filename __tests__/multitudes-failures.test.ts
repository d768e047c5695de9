/** The messages a failed request to Multitudes ends with, and what each keeps of the answer. */
import { describe, expect, it } from '@jest/globals'
import {
  FoundInRecord,
  NEVER_DELIVERED,
  networkFailure,
  outage,
  rejection,
  TransientFailure,
  unknownOutcome
} from '../src/multitudes/failures.js'
import { BODY_LIMIT } from '../src/multitudes/limits.js'

const reject = (
  status: number,
  body = '',
  headers = new Headers(),
  verb: 'report' | 'read' = 'report'
) => rejection(status, body, 'req-1', 2, headers, verb)

describe('rejection', () => {
  const fields = (n: number): string =>
    JSON.stringify({
      errors: Array.from({ length: n }, (_, i) => ({
        field: `f${i}`,
        message: `bad ${i}`
      }))
    })

  it('a 400 names up to five fields, and counts the rest', () => {
    expect(reject(400, fields(5)).message).toBe(
      "Multitudes rejected the deployment as invalid (400): 'f0' bad 0; 'f1' bad 1; 'f2' bad 2; 'f3' bad 3; 'f4' bad 4."
    )
    expect(reject(400, fields(7)).message).toBe(
      "Multitudes rejected the deployment as invalid (400): 'f0' bad 0; 'f1' bad 1; 'f2' bad 2; 'f3' bad 3; 'f4' bad 4; and 2 more."
    )
    expect(reject(400, fields(7)).fields).toHaveLength(7)
  })

  it('a 400 without fields quotes the body (trimmed, 500 characters at most), or says nothing more', () => {
    expect(reject(400, `  ${'b'.repeat(600)}  `).message).toBe(
      `Multitudes rejected the deployment as invalid (400): ${'b'.repeat(500)}.`
    )
    expect(reject(400, '  ').message).toBe(
      'Multitudes rejected the deployment as invalid (400).'
    )
  })

  it('only a 400 is read for fields', () => {
    expect(reject(422, fields(1)).fields).toEqual([])
  })

  it.each([
    [
      401,
      'report',
      "Multitudes rejected the API key (401 Unauthorized). Check that the secret passed as 'api-key' holds the whole key (it is shown only once, when generated) and that it has not been revoked."
    ],
    [
      403,
      'read',
      'The API key may not read deployments (403 Forbidden). Check that it is an Organization key with the Deployments write scope, for the right organisation, and not revoked.'
    ],
    [
      404,
      'report',
      "Nothing answers at this 'api-url' (404). Check 'api-url'; the default is https://integrations.multitudes.co/deployment."
    ],
    [
      413,
      'report',
      "The deployment is too large for the API (413). Lower 'max-commits'."
    ]
  ] as const)('a %i says what to check (%s)', (status, verb, message) => {
    expect(reject(status, 'body', new Headers(), verb).message).toBe(message)
  })

  it('a 3xx names where it points, from 300 to 399; 299 and 418 are other answers', () => {
    const to = new Headers({ location: 'https://new.example/d' })

    expect(reject(300, '', to).message).toBe(
      "The API redirected (300) to https://new.example/d. Set 'api-url' to the final address."
    )
    expect(reject(399).message).toBe(
      "The API redirected (399) to another address. Set 'api-url' to the final address."
    )
    expect(reject(299, ' odd ').message).toBe('Multitudes answered 299: odd.')
    expect(reject(418).message).toBe('Multitudes answered 418.')
  })

  it('keeps the status, the request id, the attempts and the body up to its limit', () => {
    const error = reject(418, 'x'.repeat(BODY_LIMIT + 10))

    expect(error).toMatchObject({
      status: 418,
      requestId: 'req-1',
      attempts: 2,
      unknown: false
    })
    expect(error.body).toHaveLength(BODY_LIMIT)
  })
})

describe('outage', () => {
  const failure = (
    status: number | undefined,
    requestId?: string,
    ambiguous = false
  ) =>
    new TransientFailure('connection reset', {
      status,
      body: 'down',
      requestId,
      ambiguous
    })

  it('counts the attempts, and names the request id to quote', () => {
    expect(outage(failure(503, 'req-9'), 1, false).message).toBe(
      'The Multitudes API answered 503 after 1 attempt. Request id: req-9. If this persists, contact support@multitudes.com with the request id.'
    )
    expect(outage(failure(503), 3, false).message).toBe(
      'The Multitudes API answered 503 after 3 attempts. If this persists, contact support@multitudes.com.'
    )
  })

  it('no answer at all says why; one that may have been recorded, unread, says so and is unknown', () => {
    expect(outage(failure(undefined), 4, false).message).toBe(
      'The Multitudes API could not be reached after 4 attempts: connection reset.'
    )
    const unsure = outage(failure(undefined, undefined, true), 4, false)
    expect(unsure.message).toBe(
      'The Multitudes API could not be reached after 4 attempts: connection reset. The last attempt may have reached it all the same, and its record was not read (record-check is off).'
    )
    expect(unsure.unknown).toBe(true)
    expect(outage(failure(undefined, undefined, true), 4, true).unknown).toBe(
      false
    )
    expect(outage(failure(502, 'r'), 2, false)).toMatchObject({
      status: 502,
      body: 'down',
      requestId: 'r',
      attempts: 2
    })
  })
})

describe('the other failures', () => {
  it('an unknown outcome says it was not sent again, and keeps the answer', () => {
    const error = unknownOutcome(
      new TransientFailure('timed out', {
        status: 504,
        body: 'gateway',
        requestId: 'r2',
        ambiguous: true
      }),
      2,
      'Multitudes answered 500'
    )

    expect(error.message).toBe(
      'Whether Multitudes recorded the deployment is unknown: attempt 2 failed (timed out) after the request may have reached it, and its record could not be read (Multitudes answered 500). It was not sent again, so it cannot be recorded twice.'
    )
    expect(error).toMatchObject({
      status: 504,
      body: 'gateway',
      requestId: 'r2',
      attempts: 2,
      unknown: true
    })
  })

  it('found in the record answers with the last failure and the recorded time', () => {
    const found = new FoundInRecord(
      new TransientFailure('reset', { ambiguous: true }),
      '2026-11-30T09:15:00.000Z'
    )

    expect(found.message).toBe('found in the record')
    expect(found.answer(3)).toEqual({
      status: 0,
      body: '',
      complete: true,
      requestId: undefined,
      attempts: 3,
      foundInRecord: '2026-11-30T09:15:00.000Z'
    })
  })

  it('a timeout and a refused connection say which, naming the host', () => {
    const timeout = Object.assign(new Error('t'), { name: 'TimeoutError' })
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' })
    })

    expect(networkFailure(timeout, 'api.example', 30_000)).toEqual({
      message: 'no answer from api.example within 30 s',
      code: undefined
    })
    expect(networkFailure(refused, 'api.example', 30_000)).toEqual({
      message: 'could not connect to api.example: ECONNREFUSED',
      code: 'ECONNREFUSED'
    })
  })

  it('never delivered: refused, unresolved or unreachable connections and TLS failed before a byte; never a reset or a timeout after sending', () => {
    expect([...NEVER_DELIVERED].sort()).toEqual(
      [
        'CERT_HAS_EXPIRED',
        'DEPTH_ZERO_SELF_SIGNED_CERT',
        'EAI_AGAIN',
        'ECONNREFUSED',
        'EHOSTUNREACH',
        'ENETUNREACH',
        'ENOTFOUND',
        'ERR_TLS_CERT_ALTNAME_INVALID',
        'SELF_SIGNED_CERT_IN_CHAIN',
        'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
        'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
        'UND_ERR_ABORTED',
        'UND_ERR_CONNECT_TIMEOUT'
      ].sort()
    )
    for (const code of ['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE'])
      expect(NEVER_DELIVERED.has(code)).toBe(false)
  })
})
