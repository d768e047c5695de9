import { cli, plainLog } from './report.js'
import { printable } from '../untrusted.js'
import { cliWords } from './words.js'

/** A whole CLI run, loaded only when --help or --version does not answer at once. */
export async function run(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env
): Promise<void> {
  // @actions/core writes workflow commands to stdout; other CI systems get plain lines on
  // stderr, and stdout carries only the result (the JSON with --json).
  const write = process.stdout.write.bind(process.stdout)
  const verbose = env.RUNNER_DEBUG === '1'
  process.stdout.write = (chunk: string | Uint8Array): boolean => {
    const text =
      typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString()
    for (const line of text.split('\n')) {
      const plain = line === '' ? undefined : plainLog(line, verbose)
      if (plain !== undefined)
        process.stderr.write(`${printable(cliWords(plain))}\n`)
    }
    return true
  }

  process.exitCode = await cli(argv, env, {
    out: (text) => void write(`${printable(text)}\n`),
    err: (text) => void process.stderr.write(`${printable(text)}\n`)
  })
}
