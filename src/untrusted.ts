import * as core from './core.js'

/**
 * The one boundary for text from outside (commit subjects, API bodies, GitHub error messages,
 * names in event payloads) on its way to a log line, an annotation or a summary cell. Every
 * message the action writes goes through here, its own included: escaping our own text is
 * harmless, and a sink that is always escaped cannot be forgotten.
 */

/** Secrets this process holds (the API key, the GitHub token), longest first. */
let secrets: string[] = []
/**
 * Each secret as written, JSON-quoted and URL-encoded, in the order of `secrets`: made once
 * here, since every line the action writes is redacted (a summary of 1,000 commits is thousands).
 */
let forms: string[] = []

/** What a secret is replaced with wherever the project writes text. */
export const REDACTED = '***'

/**
 * Registers a secret, and the token part of `Bearer <token>`, for redaction everywhere this
 * project writes text, and masks it in the runner's log (on other CIs nothing else would).
 */
export function addSecret(secret: string): void {
  const parts = [secret, /^\S+\s+(\S+)$/.exec(secret)?.[1]]
  for (const part of parts) {
    if (part === undefined) continue
    core.setSecret(part)
    // A value this short would blank out ordinary words; no issued key is that short.
    if (part.length < 8 || secrets.includes(part)) continue
    secrets = [...secrets, part].sort((a, b) => b.length - a.length)
    forms = secrets.flatMap((one) => [
      ...new Set([
        one,
        JSON.stringify(one).slice(1, -1),
        encodeURIComponent(one)
      ])
    ])
  }
}

/**
 * The one redaction point: every registered secret replaced, also as JSON or a URL encodes it
 * (a server that echoes the Authorization header may quote it either way).
 */
export function redact(text: string): string {
  let out = text
  for (const form of forms) out = out.replaceAll(form, REDACTED)
  return out
}

/** Longest log line or annotation we write; a 5 MB error page is not a message. */
export const MAX_LINE = 4000

// C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex
const BREAKS = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]+/g

/** At most `max` characters, with an ellipsis when cut (never half a surrogate pair). */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text
  const cut = text.slice(0, max - 1)
  return `${/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut}…`
}

/**
 * One line that the runner cannot read as a workflow command: no line breaks or controls, no
 * `::` at its start (the `::cmd::` form) and no `##[` anywhere (the legacy form, which the
 * runner finds anywhere in a line).
 */
export function logLine(text: string, max = MAX_LINE): string {
  return clip(
    redact(text)
      .replace(BREAKS, ' ')
      .replace(/##\[/g, '## [')
      .replace(/^(\s*):(?=:)/, '$1: '),
    max
  )
}

/** Text for a cell or line of the HTML job summary: one line, HTML-escaped. */
export function summaryText(text: string, max = MAX_LINE): string {
  return logLine(text, max).replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`)
}

/**
 * Lines a CLI prints to stdout (a plan table, a result): secrets redacted, and each line safe
 * for a log that reads workflow commands, as logLine makes it; line breaks and tabs are kept.
 */
export function printable(text: string): string {
  // logLine keeps tabs: only line breaks need the split.
  return text
    .split('\n')
    .map((line) => logLine(line, Infinity))
    .join('\n')
}

// Characters JSON.stringify leaves as they are that a log would act on: DEL, C1, U+2028/9.
const JSON_RAW = /[\u007f-\u009f\u2028\u2029]/g

/**
 * JSON for stdout (`--json`): strings redacted, every control character as a `\u` escape, and
 * `##[` written as `##\u005b`, so the text is the same once parsed but no log reads a command.
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) => (typeof v === 'string' ? redact(v) : v),
    2
  )
    .replace(
      JSON_RAW,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
    )
    .replaceAll('##[', '##\\u005b')
}

type Properties = core.AnnotationProperties

/** The log and annotation calls of @actions/core, with every message through logLine. */
export const say = {
  info: (text: string): void => core.info(logLine(text)),
  notice: (text: string, props?: Properties): void =>
    core.notice(logLine(text), props),
  warning: (text: string, props?: Properties): void =>
    core.warning(logLine(text), props),
  error: (text: string, props?: Properties): void =>
    core.error(logLine(text), props),
  debug: (text: string): void => core.debug(logLine(text)),
  setFailed: (text: string): void => core.setFailed(logLine(text))
}
