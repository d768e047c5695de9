import { describe, expect, it } from '@jest/globals'
import {
  fieldProblemsOf,
  requestIdOf,
  retryAfterMs
} from '../src/http-response.js'

describe('retryAfterMs', () => {
  const now = Date.parse('2026-11-30T09:00:00Z')

  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('3', now)).toBe(3000)
    expect(retryAfterMs('1.5', now)).toBe(1500)
    expect(retryAfterMs('Mon, 30 Nov 2026 09:00:10 GMT', now)).toBe(10_000)
    expect(retryAfterMs('Mon, 30 Nov 2026 08:00:00 GMT', now)).toBe(0)
  })

  it('ignores what it cannot read', () => {
    expect(retryAfterMs(null, now)).toBeUndefined()
    expect(retryAfterMs('', now)).toBeUndefined()
    expect(retryAfterMs('soon', now)).toBeUndefined()
    expect(retryAfterMs('-5', now)).toBeUndefined()
  })
})

describe('requestIdOf', () => {
  it('prefers the body, then the usual headers', () => {
    expect(
      requestIdOf(new Headers({ 'x-request-id': 'h' }), '{"requestId":"b"}')
    ).toBe('b')
    expect(
      requestIdOf(new Headers({ 'x-amzn-requestid': 'aws' }), 'not json')
    ).toBe('aws')
    expect(requestIdOf(new Headers(), '{"request_id":"snake"}')).toBe('snake')
    expect(requestIdOf(new Headers(), '')).toBeUndefined()
  })
})

describe('fieldProblemsOf', () => {
  it.each([
    [
      '{"errors":[{"field":"commitSha","message":"bad"}]}',
      [{ field: 'commitSha', message: 'bad' }]
    ],
    [
      '{"errors":["environmentName"]}',
      [{ field: 'environmentName', message: 'invalid' }]
    ],
    [
      '{"issues":[{"path":["commitSha",0],"message":"too short"}]}',
      [{ field: 'commitSha.0', message: 'too short' }]
    ],
    [
      '{"fields":{"deployedAt":"not ISO 8601"}}',
      [{ field: 'deployedAt', message: 'not ISO 8601' }]
    ],
    ['{"message":"Invalid request"}', []],
    ['<html>Bad Request</html>', []]
  ])('reads %s', (body, fields) => {
    expect(fieldProblemsOf(body)).toEqual(fields)
  })
})
