/**
 * Runs the bundled action the way the GitHub runner does: `node dist/index.js` with cwd = the
 * workspace, a clean environment, every input as INPUT_<NAME> filled from action.yml defaults,
 * the five file-command files, and an event payload file. Used by the demo and end-to-end tests.
 * The file commands, the inputs and the summary as text are in runner/.
 */
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { FILES, parseFileCommands } from './runner/file-commands.ts'
import { inputEnv } from './runner/inputs.ts'
import { assertDistFresh } from './source-hash.ts'

export const ACTION_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..'
)

export interface RunnerOptions {
  /** Values given under `with:`; the rest come from action.yml defaults. */
  inputs: Record<string, string>
  /** The workspace: a git checkout. */
  workspace: string
  eventName?: string
  event?: unknown
  /** GITHUB_SHA; defaults to the workspace's HEAD, as the runner's checkout would have it. */
  sha?: string
  ref?: string
  repository?: string
  /** Extra environment (e.g. MULTITUDES_API_KEY, RUNNER_DEBUG). */
  env?: Record<string, string>
  githubToken?: string
  node?: string
  /** Node's arguments instead of dist/index.js (the bench's floor), with the same environment. */
  args?: string[]
  /** Node options before the script, e.g. ['--import', 'dev/peak-rss.mjs']. */
  nodeArgs?: string[]
  timeoutMs?: number
}

export interface RunnerResult {
  exitCode: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  /** Every file-command file, by variable name, as written. */
  files: Record<string, string>
  durationMs: number
}

/**
 * The step's environment as the runner makes it, in `temp`: the GITHUB_* and RUNNER_* variables,
 * the event payload file, empty file-command files, and every input.
 */
function runnerEnv(
  options: RunnerOptions,
  temp: string
): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? temp,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_ACTION_PATH: ACTION_DIR,
    GITHUB_EVENT_NAME: options.eventName ?? 'workflow_dispatch',
    GITHUB_EVENT_PATH: path.join(temp, 'event.json'),
    GITHUB_REPOSITORY: options.repository ?? 'octo-org/octo-repo',
    GITHUB_REPOSITORY_OWNER: (options.repository ?? 'octo-org/octo-repo').split(
      '/'
    )[0],
    GITHUB_SERVER_URL: 'https://github.com',
    // A refused port on loopback: no test reaches the real GitHub unless it says so.
    GITHUB_API_URL: 'http://127.0.0.1:9',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_REF: options.ref ?? 'refs/heads/main',
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_TEMP: temp,
    GITHUB_SHA: options.sha ?? headOf(options.workspace),
    ...options.env
  }
  writeFileSync(env.GITHUB_EVENT_PATH, JSON.stringify(options.event ?? {}))
  for (const [variable, name] of Object.entries(FILES)) {
    env[variable] = path.join(temp, `${name}_${variable.length}`)
    writeFileSync(env[variable], '')
  }
  Object.assign(env, inputEnv(options.inputs, options.githubToken))
  return env
}

/** The step's process: dist/index.js (or `args`) under Node, killed at its timeout. */
async function runNode(
  options: RunnerOptions,
  env: Record<string, string>
): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
  const child = spawn(
    options.node ?? process.execPath,
    [
      ...(options.nodeArgs ?? []),
      ...(options.args ?? [path.join(ACTION_DIR, 'dist/index.js')])
    ],
    { cwd: options.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] }
  )
  const stdout: Buffer[] = []
  const stderr: Buffer[] = []
  child.stdout.on('data', (c: Buffer) => stdout.push(c))
  child.stderr.on('data', (c: Buffer) => stderr.push(c))
  const timer = setTimeout(
    () => child.kill('SIGKILL'),
    options.timeoutMs ?? 120_000
  )
  const exitCode = await new Promise<number | null>((resolve) =>
    child.on('close', resolve)
  )
  clearTimeout(timer)
  return {
    exitCode,
    stdout: Buffer.concat(stdout).toString('utf8'),
    stderr: Buffer.concat(stderr).toString('utf8')
  }
}

export async function runLikeRunner(
  options: RunnerOptions
): Promise<RunnerResult> {
  assertDistFresh()
  const temp = mkdtempSync(path.join(tmpdir(), 'runner-'))
  try {
    const env = runnerEnv(options, temp)
    const started = Date.now()
    const { exitCode, stdout, stderr } = await runNode(options, env)
    const files = Object.fromEntries(
      Object.keys(FILES).map((v) => [v, readFileSync(env[v], 'utf8')])
    )
    let outputs: Record<string, string> = {}
    let fileCommandError = ''
    try {
      outputs = parseFileCommands(files.GITHUB_OUTPUT)
    } catch (error) {
      // The runner fails a step whose output file it cannot read.
      fileCommandError = `##[error]Unable to process file command 'output' successfully.\n##[error]${(error as Error).message}\n`
    }
    return {
      exitCode: fileCommandError ? 1 : exitCode,
      stdout,
      stderr: stderr + fileCommandError,
      outputs,
      summary: files.GITHUB_STEP_SUMMARY,
      files,
      durationMs: Date.now() - started
    }
  } finally {
    rmSync(temp, { recursive: true, force: true })
  }
}

function headOf(workspace: string): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: workspace,
      encoding: 'utf8'
    }).trim()
  } catch {
    return '' // not a checkout: the action says so
  }
}
