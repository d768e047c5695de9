import { InputError } from './errors.js'

/** Pure parsers for input values: each takes the raw string and names the input in its error. */

const show = (value: string): string => JSON.stringify(value)

/** A full commit SHA (SHA-1 or SHA-256); anything else from outside is not trusted as one. */
export const FULL_SHA = /^([0-9a-f]{40}|[0-9a-f]{64})$/i

export function invalid(
  name: string,
  value: string,
  expected: string
): InputError {
  return new InputError(
    `Invalid '${name}': ${show(value)}. Expected ${expected}.`
  )
}

/** A value that is needed and missing: "required", never "invalid". */
export function required(name: string, expected: string): InputError {
  const named = name.startsWith('--') ? name : `Input '${name}'`
  return new InputError(`${named} is required: ${expected}.`)
}

const TRUE = ['true', 'True', 'TRUE']
const FALSE = ['false', 'False', 'FALSE']

/** YAML 1.2 core-schema booleans, the same set as core.getBooleanInput, and nothing looser. */
export function parseBoolean(name: string, raw: string): boolean {
  const value = raw.trim()
  if (TRUE.includes(value)) return true
  if (FALSE.includes(value)) return false
  throw invalid(name, raw, '`true` or `false`')
}

export function parseEnum<T extends string>(
  name: string,
  raw: string,
  allowed: readonly T[]
): T {
  const value = raw.trim()
  const found = allowed.find((a) => a === value)
  if (found === undefined) {
    throw invalid(
      name,
      raw,
      `one of ${allowed.map((a) => `'${a}'`).join(', ')}`
    )
  }
  return found
}

export function parseInteger(
  name: string,
  raw: string,
  min: number,
  max: number
): number {
  const value = raw.trim()
  const n = /^\d+$/.test(value) ? Number(value) : NaN
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw invalid(name, raw, `a whole number from ${min} to ${max}`)
  }
  return n
}

const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/

/** How far ahead of this runner's clock a deployment time may be: clock skew between machines. */
export const CLOCK_SKEW_MS = 5 * 60_000

/**
 * Whether a deployment time (ms) lies in the future of `now`, beyond clock skew. One rule for the
 * live run and the backfill: a future deployedAt, once sent, skews Deploy Time for good.
 */
export function isFuture(at: number, now: number): boolean {
  return at > now + CLOCK_SKEW_MS
}

/** What a future time is expected to be instead, for messages. */
export function pastExpected(now: number): string {
  return `a time that has passed (at most ${CLOCK_SKEW_MS / 60_000} minutes ahead of this machine's clock, ${new Date(now).toISOString()})`
}

/**
 * An ISO 8601 date-time with a zone (`Z` or an offset), normalised to UTC with milliseconds.
 * A time without a zone is refused: the runner's clock zone is not the user's.
 */
export function parseDeployedAt(
  name: string,
  raw: string,
  now = Infinity
): string {
  const value = raw.trim()
  const m = ISO_8601.exec(value)
  const expected =
    'an ISO 8601 date-time with a zone, e.g. 2026-11-30T09:15:00Z or 2026-11-30T22:15:00+13:00'
  if (!m) throw invalid(name, raw, expected)
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(
    Number
  )
  const second = Number(m[6] ?? 0)
  const millis = Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3))
  const sign = m[9] === '-' ? -1 : 1
  const offsetMinutes = m[8] ? 0 : sign * (Number(m[10]) * 60 + Number(m[11]))
  const local = Date.UTC(year, month - 1, day, hour, minute, second, millis)
  const check = new Date(local)
  const real =
    check.getUTCFullYear() === year &&
    check.getUTCMonth() === month - 1 &&
    check.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60 &&
    Math.abs(offsetMinutes) <= 18 * 60
  if (!real) throw invalid(name, raw, expected)
  const at = local - offsetMinutes * 60_000
  if (isFuture(at, now)) throw invalid(name, raw, pastExpected(now))
  return new Date(at).toISOString()
}

/** Comma- or newline-separated list: trimmed, empties dropped, duplicates removed in order. */
export function parseList(raw: string, separators = /[,\n]/): string[] {
  const items = raw
    .split(separators)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
  return [...new Set(items)]
}

/** Newline-separated git pathspecs; a pathspec starting with `-` would be read as an option. */
export function parsePaths(name: string, raw: string): string[] {
  const paths = parseList(raw, /\r?\n/)
  const bad = paths.find((p) => p.startsWith('-'))
  if (bad !== undefined) throw invalid(name, bad, 'git pathspecs, one a line')
  return paths
}
