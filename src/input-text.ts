import { statSync } from 'node:fs'
import path from 'node:path'
import { InputError } from './errors.js'
import { invalid, parseList, required } from './input-parsers.js'

/**
 * Parsers for inputs that are text sent on or used as a name (free text, tags, git revisions and
 * patterns, the environment, the API's URL, a folder): each names the input in its error.
 */

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

/** Free text: trimmed, no control characters, at most `max` characters; empty is undefined. */
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
