import { statSync } from 'node:fs'
import path from 'node:path'
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

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/

export function hasControlCharacters(text: string): boolean {
  return CONTROL.test(text)
}

/**
 * Index of the first character an HTTP header value cannot carry as the key is sent (anything
 * but printable ASCII and the space of "Bearer <key>"), or -1.
 */
export function headerUnsafeAt(text: string): number {
  return text.search(/[^\x20-\x7e]/)
}

/** Free text: trimmed, no control characters, at most `max` characters; empty is undefined. */
/**
 * A key or token as sent in an HTTP header. A bad character is named by position and code point,
 * never with the value.
 */
export function checkSecret(name: string, value: string): string {
  const bad = headerUnsafeAt(value)
  if (bad >= 0) {
    const code = value.codePointAt(bad) ?? 0
    throw new InputError(
      `Invalid '${name}': character ${bad + 1} (U+${code.toString(16).toUpperCase().padStart(4, '0')}) cannot be sent in an HTTP header, such as a line break, a zero-width space or a dash pasted from a document. Expected the key exactly as it was issued.`
    )
  }
  return value
}

export function parseText(
  name: string,
  raw: string,
  max: number
): string | undefined {
  const value = raw.trim()
  if (value === '') return undefined
  if (CONTROL.test(value) || value.length > max) {
    throw invalid(
      name,
      value.length > max ? `${value.slice(0, 40)}…` : raw,
      `text of at most ${max} characters, on one line`
    )
  }
  return value
}

/** Labels, comma- or newline-separated: at most `count`, each at most `max` characters. */
export function parseTags(
  name: string,
  raw: string,
  count: number,
  max: number
): string[] {
  const tags = parseList(raw)
  const long = tags.find((t) => t.length > max || CONTROL.test(t))
  if (tags.length > count || long !== undefined) {
    throw invalid(
      name,
      long === undefined ? `${tags.length} tags` : `${long.slice(0, 40)}…`,
      `at most ${count} tags of at most ${max} characters each`
    )
  }
  return tags
}

/** A glob for git (`tag-pattern`); never something git would read as an option. */
export function parsePattern(name: string, raw: string): string | undefined {
  const value = raw.trim()
  if (value === '') return undefined
  if (value.startsWith('-') || CONTROL.test(value)) {
    throw invalid(name, raw, "a glob such as 'v*' (not starting with '-')")
  }
  return value
}

/** A commit SHA or ref name; never something git would read as an option. */
export function parseRevision(name: string, raw: string): string | undefined {
  const value = raw.trim()
  if (value === '') return undefined
  if (value.startsWith('-') || CONTROL.test(value) || /\s/.test(value)) {
    throw invalid(name, raw, 'a commit SHA, branch, tag or other git revision')
  }
  return value
}

export function parseEnvironment(name: string, raw: string): string {
  const value = raw.trim()
  if (value === '')
    throw required(
      name,
      'the name of the environment deployed to, e.g. `production`'
    )
  if (CONTROL.test(value) || value.length > 255) {
    throw invalid(
      name,
      raw,
      'the name of the environment deployed to (at most 255 characters), e.g. `production`'
    )
  }
  return value
}

const LOOPBACK = new Set(['localhost', '[::1]', '::1'])

/**
 * Literal loopback only: `localhost`, 127.0.0.0/8 and ::1. A name like `evil.localhost` would go
 * to the resolver, which may answer anything, so it does not count.
 */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname)
}

/** `https://`, or plain `http://` only to a loopback host; no credentials in the URL. */
export function parseApiUrl(name: string, raw: string): URL {
  const expected =
    'an https:// URL (http:// only for loopback hosts), without credentials'
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    throw invalid(name, raw, expected)
  }
  if (url.username !== '' || url.password !== '') {
    // The value may hold a secret: name the input, not the value.
    throw new InputError(
      `Invalid '${name}': it must not contain credentials. Pass the key in 'api-key'.`
    )
  }
  const secure =
    url.protocol === 'https:' ||
    (url.protocol === 'http:' && isLoopbackHost(url.hostname))
  if (!secure) throw invalid(name, raw, expected)
  return url
}

/** A folder relative to `root` (the workspace), resolved to an absolute path that must exist. */
export function parseWorkingDirectory(
  name: string,
  raw: string,
  root: string
): string | undefined {
  const value = raw.trim()
  if (value === '') return undefined
  const dir = path.resolve(root, value)
  if (
    CONTROL.test(value) ||
    !statSync(dir, { throwIfNoEntry: false })?.isDirectory()
  ) {
    throw invalid(
      name,
      raw,
      `a folder of the workspace (${root}) that holds the checkout, such as the 'path' given to actions/checkout; ${dir} is not a folder`
    )
  }
  return dir
}
