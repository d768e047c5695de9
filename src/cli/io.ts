import { ACTION_NAME } from '../version.js'
import { cliWords, withNothingSent } from './words.js'

/** Exit codes, as documented in the README. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const

export interface CliIo {
  /** The result: the JSON with --json, else a line for people. */
  out: (text: string) => void
  /** Usage errors, with their pointer to --help. */
  err: (text: string) => void
}

/** A usage error: what is wrong, where to read more; exit 2. */
export function usage(io: CliIo, message: string, command = ''): number {
  io.err(
    `${cliWords(withNothingSent(message))}\nRun '${[ACTION_NAME, command, '--help'].filter(Boolean).join(' ')}' for every flag.`
  )
  return EXIT.usage
}
