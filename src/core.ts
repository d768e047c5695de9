/**
 * The parts of @actions/core the action uses, taken from its modules rather than its index: the
 * index also loads @actions/http-client, and with it undici, for OIDC tokens this action never
 * asks for (≈ 50 ms of every run's start-up, measured in docs/benchmark-notes.md). The wrappers
 * below are @actions/core's own, line for line; a test holds them to the index's output.
 */
import type { AnnotationProperties, InputOptions } from '@actions/core'
import { EOL } from 'node:os'
import {
  issue,
  issueCommand
} from '../node_modules/@actions/core/lib/command.js'
import {
  issueFileCommand,
  prepareKeyValueMessage
} from '../node_modules/@actions/core/lib/file-command.js'
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
  if (process.env.GITHUB_OUTPUT) {
    issueFileCommand('OUTPUT', prepareKeyValueMessage(name, value))
    return
  }
  process.stdout.write(EOL)
  issueCommand('set-output', { name }, toCommandValue(value))
}

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
