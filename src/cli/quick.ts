import { ACTION_NAME, ACTION_VERSION } from '../version.js'
import { backfillHelpText, helpText } from './help.js'

/**
 * The answer to a command line that asks only for help or the version, or undefined for every
 * other one (errors included): those load the action.
 */
export function quickAnswer(argv: readonly string[]): string | undefined {
  const [first, second, ...rest] = argv
  if (rest.length > 0) return undefined
  const help = (a: string | undefined) => a === '--help' || a === '-h'
  if (second === undefined) {
    if (help(first)) return helpText()
    if (first === '--version') return `${ACTION_NAME} ${ACTION_VERSION}`
    return undefined
  }
  if (first === 'report' && help(second)) return helpText()
  if (first === 'backfill' && help(second)) return backfillHelpText()
  return undefined
}

/** The whole CLI's run, loaded only when it is needed. */
export type LoadRun = () => Promise<{ run(argv: string[]): Promise<void> }>

/** The CLI: help and the version answer at once; anything else loads the whole CLI and runs it. */
export async function main(
  argv: string[],
  write: (text: string) => void = (text) => void process.stdout.write(text),
  load: LoadRun = () => import('./run.js')
): Promise<void> {
  const answer = quickAnswer(argv)
  if (answer !== undefined) write(`${answer}\n`)
  else await (await load()).run(argv)
}
