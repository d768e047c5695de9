import type { FieldProblem } from './errors.js'
import type { BodyReader, HttpResponse } from './http-direct.js'

/** Helpers that read what an HTTP answer says, without trusting its shape. */

/** What was read of a body: at most `limit` bytes, and whether that is all of it. */
export interface BodyText {
  text: string
  /** False when the body was cut at the limit, broke, or missed its deadline. */
  complete: boolean
  /** Why it is not complete. */
  cut?: 'limit' | 'broken' | 'late'
}

/**
 * The body as text, at most `limit` bytes (a huge error page must not fill memory or logs),
 * within `deadlineMs`. Never throws: a body that breaks or stalls gives what arrived.
 */
export async function readBodyText(
  response: Pick<HttpResponse, 'body'>,
  limit: number,
  deadlineMs = Infinity
): Promise<BodyText> {
  if (!response.body) return { text: '', complete: true }
  const reader = response.body.getReader()
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<'late'>((resolve) => {
    if (Number.isFinite(deadlineMs))
      timer = setTimeout(() => resolve('late'), deadlineMs)
  })
  const { chunks, size, cut } = await readChunks(reader, limit, deadline)
  clearTimeout(timer)
  const complete = cut === undefined && size <= limit
  if (!complete) await reader.cancel().catch(() => undefined)
  const text = Buffer.concat(chunks).toString('utf8')
  return size > limit
    ? { text: text.slice(0, limit), complete: false, cut: 'limit' }
    : { text, complete, ...(cut && { cut }) }
}

/** Reads until the end, past `limit` bytes, the deadline, or a break (the chunks are kept). */
async function readChunks(
  reader: BodyReader,
  limit: number,
  deadline: Promise<'late'>
): Promise<{ chunks: Uint8Array[]; size: number; cut?: 'late' | 'broken' }> {
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), deadline])
      if (next === 'late') return { chunks, size, cut: 'late' }
      if (next.done) return { chunks, size }
      chunks.push(next.value)
      size += next.value.byteLength
      if (size > limit) return { chunks, size }
    }
  } catch {
    // A broken connection: keep what arrived.
    return { chunks, size, cut: 'broken' }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

const ID_HEADERS = [
  'x-request-id',
  'x-amzn-requestid',
  'x-amz-request-id',
  'x-correlation-id'
]
const ID_FIELDS = ['requestId', 'request_id', 'requestID']

/** The request id a 500 asks users to quote to support, from the body or the headers. */
export function requestIdOf(
  headers: HttpResponse['headers'],
  body: string
): string | undefined {
  const json = parseJson(body)
  if (typeof json === 'object' && json !== null) {
    for (const key of ID_FIELDS) {
      const value = (json as Record<string, unknown>)[key]
      if (typeof value === 'string' && value !== '') return value
    }
  }
  for (const name of ID_HEADERS) {
    const value = headers.get(name)
    if (value) return value
  }
  return undefined
}

/** Milliseconds a `Retry-After` header asks for (seconds or an HTTP date), if any. */
export function retryAfterMs(
  header: string | null,
  now: number = Date.now()
): number | undefined {
  if (header === null || header.trim() === '') return undefined
  const value = header.trim()
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000)
  // An HTTP-date names its weekday and month; Date.parse alone accepts "-5" as a year.
  const date = /[a-z]{3}/i.test(value) ? Date.parse(value) : NaN
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/**
 * The fields a 400 names. The vendor promises "a list of fields that have an issue" without a
 * schema, so accept the usual shapes: arrays of strings or of `{field|path|name, message}`
 * under `errors`, `fields`, `issues` or `details`, or an object of field → message.
 */
export function fieldProblemsOf(body: string): FieldProblem[] {
  const json = parseJson(body)
  if (typeof json !== 'object' || json === null) return []
  const record = json as Record<string, unknown>
  for (const key of [
    'errors',
    'fields',
    'issues',
    'details',
    'invalidFields'
  ]) {
    const list = record[key]
    if (Array.isArray(list)) return list.flatMap(toProblem)
    if (typeof list === 'object' && list !== null) {
      return Object.entries(list).map(([field, message]) => ({
        field,
        message: typeof message === 'string' ? message : JSON.stringify(message)
      }))
    }
  }
  return []
}

function toProblem(item: unknown): FieldProblem[] {
  if (typeof item === 'string') return [{ field: item, message: 'invalid' }]
  if (typeof item !== 'object' || item === null) return []
  const r = item as Record<string, unknown>
  const rawField = r.field ?? r.path ?? r.name ?? r.param
  const field = Array.isArray(rawField) ? rawField.join('.') : rawField
  const message = r.message ?? r.error ?? r.msg ?? 'invalid'
  const text = typeof message === 'string' ? message : JSON.stringify(message)
  return typeof field === 'string' && field !== ''
    ? [{ field, message: text }]
    : []
}
