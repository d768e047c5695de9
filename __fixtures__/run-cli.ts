import { jest } from '@jest/globals'
import { spawn } from 'node:child_process'
import path from 'node:path'
import { ACTION_DIR } from '../dev/run-action.ts'
import { withEnv } from './action-env.js'

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * How runCli runs the CLI: the bundle in a child process (the default), or the source in this
 * process, where Stryker can see which code the tests ran (cli.in-process.test.ts).
 */
export const cliMode = { inProcess: false }

/** Runs the CLI in `cwd` with only PATH, HOME and `env` set, as a CI would. */
export function runCli(
  args: string[],
  cwd: string,
  env: Record<string, string> = {}
): Promise<CliResult> {
  const all = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    ...env
  }
  if (!cliMode.inProcess) return runBundle(args, cwd, all)
  // One at a time: a run owns the process's streams, working directory and exit code.
  const result = inProcess.then(() => runInProcess(args, cwd, all))
  inProcess = result.catch(() => undefined)
  return result
}

let inProcess: Promise<unknown> = Promise.resolve()

async function runBundle(
  args: string[],
  cwd: string,
  env: Record<string, string>
): Promise<CliResult> {
  const child = spawn(
    process.execPath,
    [path.join(ACTION_DIR, 'dist/cli/index.js'), ...args],
    { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] }
  )
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
  const code = await new Promise<number | null>((resolve) =>
    child.on('close', resolve)
  )
  return { code, stdout, stderr }
}

/**
 * The CLI's `run` in this process: its two streams captured, its working directory `cwd`, and
 * `env` in process.env as well (proxies and git read it there). A --help or --version is
 * answered by `quickAnswer` first, as the bundle's entry does.
 */
async function runInProcess(
  args: string[],
  cwd: string,
  env: Record<string, string>
): Promise<CliResult> {
  const { quickAnswer } = await import('../src/cli/quick.js')
  const { run } = await import('../src/cli/run.js')
  const streams = { stdout: '', stderr: '' }
  const capture = (name: keyof typeof streams) =>
    jest
      .spyOn(process[name], 'write')
      .mockImplementation((chunk: string | Uint8Array) => {
        streams[name] +=
          typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString()
        return true
      })
  const spies = [capture('stdout'), capture('stderr')]
  const dir = process.cwd()
  process.chdir(cwd)
  try {
    const answer = quickAnswer(args)
    if (answer !== undefined) process.stdout.write(`${answer}\n`)
    else await withEnv(env, () => run(args, env))
  } finally {
    for (const spy of spies) spy.mockRestore()
    process.chdir(dir)
  }
  const code = Number(process.exitCode ?? 0)
  process.exitCode = undefined
  return { code, ...streams }
}
