import * as core from '@actions/core'

/**
 * The one boundary for text from outside (commit subjects, API bodies, GitHub error messages,
 * names in event payloads) on its way to a log line, an annotation or a summary cell. Every
 * message the action writes goes through here, its own included: escaping our own text is
 * harmless, and a sink that is always escaped cannot be forgotten.
 */

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
    text
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
