/**
 * The parts of @actions/core the action uses, taken from its modules rather than its index: the
 * index also loads @actions/http-client, and with it undici, for OIDC tokens this action never
 * asks for (≈ 50 ms of every run's start-up, measured in docs/benchmark-notes.md). The wrappers
 * below are @actions/core's own, line for line, but for setOutput's file command (see there);
 * a test holds them to the index's output.
 */
import type { AnnotationProperties, InputOptions } from '@actions/core'
import { appendFileSync, existsSync } from 'node:fs'
import { EOL } from 'node:os'
import {
  issue,
  issueCommand
} from '../node_modules/@actions/core/lib/command.js'
import { summary } from '../node_modules/@actions/core/lib/summary.js'
import {
  toCommandProperties,
  toCommandValue
} from '../node_modules/@actions/core/lib/utils.js'

export type { AnnotationProperties } from '@actions/core'
export { summary }

export function getInput(name: string, options?: InputOptions): string {
  const value =
    process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || ''
  if (options?.required && !value)
    throw new Error(`Input required and not supplied: ${name}`)
  return options?.trimWhitespace === false ? value : value.trim()
}

export function getBooleanInput(name: string, options?: InputOptions): boolean {
  const value = getInput(name, options)
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new TypeError(
    `Input does not meet YAML 1.2 "Core Schema" specification: ${name}\n` +
      `Support boolean input list: \`true | True | TRUE | false | False | FALSE\``
  )
}

export function setOutput(name: string, value: unknown): void {
  const file = process.env.GITHUB_OUTPUT
  if (file) {
    if (!existsSync(file)) throw new Error(`Missing file at path: ${file}`)
    appendFileSync(file, keyValue(name, toCommandValue(value)) + EOL, 'utf8')
    return
  }
  process.stdout.write(EOL)
  issueCommand('set-output', { name }, toCommandValue(value))
}

/**
 * @actions/core's heredoc, `name<<delimiter` … `delimiter`, with a delimiter that is not in the
 * name or the value. Its own file-command module draws the delimiter from node:crypto (≈ 5 ms of
 * every run's start-up) and throws on a clash; a delimiter checked against the text it encloses
 * cannot be forged by that text, however it was drawn, so a clash here draws another.
 */
function keyValue(name: string, value: string): string {
  let delimiter: string
  do {
    delimiter = `ghadelimiter_${randomHex()}`
  } while (name.includes(delimiter) || value.includes(delimiter))
  return `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}`
}

const randomHex = (): string =>
  Array.from({ length: 4 }, () =>
    Math.floor(Math.random() * 2 ** 32)
      .toString(16)
      .padStart(8, '0')
  ).join('')

export function setSecret(secret: string): void {
  issueCommand('add-mask', {}, secret)
}

export function setFailed(message: string | Error): void {
  process.exitCode = 1
  error(message)
}

export const isDebug = (): boolean => process.env.RUNNER_DEBUG === '1'

export function debug(message: string): void {
  issueCommand('debug', {}, message)
}

const annotation =
  (command: string) =>
  (message: string | Error, properties: AnnotationProperties = {}): void =>
    issueCommand(
      command,
      toCommandProperties(properties),
      message instanceof Error ? message.toString() : message
    )

export const error = annotation('error')
export const warning = annotation('warning')
export const notice = annotation('notice')

export function info(message: string): void {
  process.stdout.write(message + EOL)
}

export async function group<T>(name: string, fn: () => Promise<T>): Promise<T> {
  issue('group', name)
  try {
    return await fn()
  } finally {
    issue('endgroup')
  }
}
