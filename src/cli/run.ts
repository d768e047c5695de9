import { cli, plainLog } from './report.js'
import { printable } from '../untrusted.js'
import { cliWords } from './words.js'

/**
 * A stream's write that turns workflow commands into plain lines for `err`, in CLI words and
 * escaped; debug lines only when `verbose`, and never an empty line.
 */
export function plainLines(
  verbose: boolean,
  err: (line: string) => void
): (chunk: string | Uint8Array) => boolean {
  return (chunk) => {
    const text =
      typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString()
    for (const line of text.split('\n')) {
      const plain = line === '' ? undefined : plainLog(line, verbose)
      if (plain !== undefined) err(`${printable(cliWords(plain))}\n`)
    }
    return true
  }
}

/** A whole CLI run, loaded only when --help or --version does not answer at once. */
export async function run(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env
): Promise<void> {
  // @actions/core writes workflow commands to stdout; other CI systems get plain lines on
  // stderr, and stdout carries only the result (the JSON with --json).
  const write = process.stdout.write.bind(process.stdout)
  process.stdout.write = plainLines(env.RUNNER_DEBUG === '1', (line) =>
    process.stderr.write(line)
  )

  process.exitCode = await cli(argv, env, {
    out: (text) => void write(`${printable(text)}\n`),
    err: (text) => void process.stderr.write(`${printable(text)}\n`)
  })
}
