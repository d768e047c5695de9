import { describe, expect, it } from '@jest/globals'
import {
  fieldProblemsOf,
  readBodyText,
  requestIdOf,
  retryAfterMs
} from '../src/http-response.js'
import type { HttpBody } from '../src/http-direct.js'

/**
 * A body that sends `chunks`, then ends, stalls (`stall`) or breaks (`break`); `cancelled` says
 * whether the reader let go of it.
 */
function body(chunks: string[], end: 'end' | 'stall' | 'break' = 'end') {
  const state = { cancelled: false }
  let i = 0
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(Buffer.from(chunks[i++]))
      else if (end === 'end') controller.close()
      else if (end === 'break') controller.error(new Error('socket hang up'))
      else return new Promise<void>(() => undefined)
    },
    cancel() {
      state.cancelled = true
    }
  })
  const reader: HttpBody = {
    getReader: () => {
      const r = stream.getReader()
      return {
        read: async () => {
          const next = await r.read()
          return next.done ? { done: true } : { done: false, value: next.value }
        },
        cancel: () => r.cancel()
      }
    },
    cancel: () => stream.cancel()
  }
  return { response: { body: reader }, state }
}

const timers = (): number =>
  process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length

describe('readBodyText', () => {
  it('reads a whole body, lets the finished stream be, and leaves no timer behind', async () => {
    const { response, state } = body(['{"a":', '1}'])
    const before = timers()

    const read = await readBodyText(response, 100, 60_000)

    expect(read).toEqual({ text: '{"a":1}', complete: true })
    expect(state.cancelled).toBe(false)
    expect(timers()).toBe(before)
  })

  it('an answer without a body is empty and complete', async () => {
    await expect(readBodyText({ body: null }, 100)).resolves.toEqual({
      text: '',
      complete: true
    })
  })

  it('a body of exactly the limit is whole; one byte more is cut at the limit, and the rest is not read', async () => {
    const exact = await readBodyText(body(['12345', '67890']).response, 10)
    const { response, state } = body(['12345', '678901', 'never read'])

    const over = await readBodyText(response, 10)

    expect(exact).toEqual({ text: '1234567890', complete: true })
    expect(over).toEqual({ text: '1234567890', complete: false, cut: 'limit' })
    expect(state.cancelled).toBe(true)
  })

  it('a body that stalls gives what arrived once the deadline passes, and is let go', async () => {
    const { response, state } = body(['part'], 'stall')

    const read = await readBodyText(response, 100, 50)

    expect(read).toEqual({ text: 'part', complete: false, cut: 'late' })
    expect(state.cancelled).toBe(true)
  })

  it('a body that breaks gives what arrived', async () => {
    const read = await readBodyText(body(['part'], 'break').response, 100)

    expect(read).toEqual({ text: 'part', complete: false, cut: 'broken' })
  })
})

describe('retryAfterMs', () => {
  const now = Date.parse('2026-11-30T09:00:00Z')

  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('3', now)).toBe(3000)
    expect(retryAfterMs('1.5', now)).toBe(1500)
    expect(retryAfterMs('Mon, 30 Nov 2026 09:00:10 GMT', now)).toBe(10_000)
    expect(retryAfterMs('Mon, 30 Nov 2026 08:00:00 GMT', now)).toBe(0)
  })

  it('reads a value with spaces around it, and whole numbers of any length', () => {
    expect(retryAfterMs(' 12 ', now)).toBe(12_000)
    expect(retryAfterMs('2.25', now)).toBe(2250)
    expect(retryAfterMs('2026', now)).toBe(2_026_000)
    expect(retryAfterMs(' Mon, 30 Nov 2026 09:00:10 GMT ', now)).toBe(10_000)
  })

  it('ignores what it cannot read', () => {
    expect(retryAfterMs('   ', now)).toBeUndefined()
    expect(retryAfterMs('5s', now)).toBeUndefined()
    expect(retryAfterMs('12 13', now)).toBeUndefined()
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

  it('reads every usual field and header, passing over empty and non-string values', () => {
    expect(requestIdOf(new Headers(), '{"requestID":"caps"}')).toBe('caps')
    expect(
      requestIdOf(
        new Headers({ 'x-correlation-id': 'corr' }),
        '{"requestId":"","request_id":7}'
      )
    ).toBe('corr')
    expect(requestIdOf(new Headers({ 'x-amz-request-id': 's3' }), 'null')).toBe(
      's3'
    )
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
    [
      '{"details":[{"name":"title","error":"too long"},{"param":"tags","msg":{"max":5}}]}',
      [
        { field: 'title', message: 'too long' },
        { field: 'tags', message: '{"max":5}' }
      ]
    ],
    [
      '{"invalidFields":{"isTest":{"expected":"boolean"}}}',
      [{ field: 'isTest', message: '{"expected":"boolean"}' }]
    ],
    [
      '{"errors":[null,7,{"field":""},{"message":"no field"},{"field":"x"}]}',
      [{ field: 'x', message: 'invalid' }]
    ],
    ['{"errors":null,"fields":["y"]}', [{ field: 'y', message: 'invalid' }]],
    ['null', []],
    ['{"message":"Invalid request"}', []],
    ['<html>Bad Request</html>', []]
  ])('reads %s', (body, fields) => {
    expect(fieldProblemsOf(body)).toEqual(fields)
  })
})
