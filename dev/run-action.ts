/**
 * Runs the bundled action the way the GitHub runner does: `node dist/index.js` with cwd = the
 * workspace, a clean environment, every input as INPUT_<NAME> filled from action.yml defaults,
 * the five file-command files, and an event payload file. Used by the demo and end-to-end tests.
 */
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
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

interface ActionInput {
  default?: string
}

export function actionDefaults(actionDir = ACTION_DIR): Record<string, string> {
  const meta = parse(
    readFileSync(path.join(actionDir, 'action.yml'), 'utf8')
  ) as {
    inputs: Record<string, ActionInput>
  }
  return Object.fromEntries(
    Object.entries(meta.inputs).map(([name, input]) => [
      name,
      input.default ?? ''
    ])
  )
}

/**
 * INPUT_<NAME> variables as the runner sets them: every input of action.yml, from `with:` or its
 * default, with `${{ github.token }}` filled in.
 */
export function inputEnv(
  values: Record<string, string>,
  token = 'ghs_runner_token'
): Record<string, string> {
  return Object.fromEntries(
    Object.entries({ ...actionDefaults(), ...values }).map(([name, value]) => [
      `INPUT_${name.replace(/ /g, '_').toUpperCase()}`,
      value === '${{ github.token }}' ? token : value
    ])
  )
}

const FILES = {
  GITHUB_OUTPUT: 'set_output',
  GITHUB_STATE: 'save_state',
  GITHUB_ENV: 'set_env',
  GITHUB_PATH: 'add_path',
  GITHUB_STEP_SUMMARY: 'step_summary'
} as const

/**
 * Parses file-command records as the runner does: `name=value` lines and
 * `name<<delimiter` … `delimiter` heredocs, whichever separator comes first. Like the runner, it
 * throws on a line that is neither, and on a heredoc whose delimiter never comes; the runner then
 * fails the step.
 */
export function parseFileCommands(text: string): Record<string, string> {
  const result: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (line === '') continue
    const equals = line.indexOf('=')
    const heredoc = line.indexOf('<<')
    if (equals > 0 && (heredoc < 0 || equals < heredoc)) {
      result[line.slice(0, equals)] = line.slice(equals + 1)
    } else if (heredoc > 0 && (equals < 0 || heredoc < equals)) {
      const delimiter = line.slice(heredoc + 2)
      const end = lines.indexOf(delimiter, i + 1)
      if (delimiter === '' || end < 0) {
        throw new Error(`Matching delimiter not found '${delimiter}'`)
      }
      result[line.slice(0, heredoc)] = lines.slice(i + 1, end).join('\n')
      i = end
    } else {
      throw new Error(`Invalid format '${line}'`)
    }
  }
  return result
}

export async function runLikeRunner(
  options: RunnerOptions
): Promise<RunnerResult> {
  assertDistFresh()
  const temp = mkdtempSync(path.join(tmpdir(), 'runner-'))
  try {
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
      GITHUB_REPOSITORY_OWNER: (
        options.repository ?? 'octo-org/octo-repo'
      ).split('/')[0],
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
    const started = Date.now()
    const child = spawn(
      options.node ?? process.execPath,
      [
        ...(options.nodeArgs ?? []),
        ...(options.args ?? [path.join(ACTION_DIR, 'dist/index.js')])
      ],
      {
        cwd: options.workspace,
        env,
        stdio: ['ignore', 'pipe', 'pipe']
      }
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
      stdout: Buffer.concat(stdout).toString('utf8'),
      stderr: Buffer.concat(stderr).toString('utf8') + fileCommandError,
      outputs,
      summary: files.GITHUB_STEP_SUMMARY,
      files,
      durationMs: Date.now() - started
    }
  } finally {
    rmSync(temp, { recursive: true, force: true })
  }
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"'
}

/** Inline HTML as terminal text: code in backticks, links as their text, entities decoded. */
function inlineText(html: string): string {
  return html
    .replace(/<\/?code>/g, '`')
    .replace(/<[^>]+>/g, '')
    .replace(/&#(\d+);/g, (_m, code: string) =>
      String.fromCodePoint(Number(code))
    )
    .replace(/&(amp|lt|gt|quot);/g, (_m, name: string) => ENTITIES[name])
}

/** Text back to HTML, so that decoding it again is a no-op. */
const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** A table as aligned columns, its header underlined. */
function tableText(html: string): string {
  const rows = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<t[dh]>([\s\S]*?)<\/t[dh]>/g)].map((cell) =>
      inlineText(cell[1]).trim()
    )
  )
  const widths = rows[0].map((_, i) =>
    Math.max(...rows.map((row) => [...(row[i] ?? '')].length))
  )
  const line = (row: string[]): string =>
    row
      .map((cell, i) => cell + ' '.repeat(widths[i] - [...cell].length))
      .join('  ')
      .trimEnd()
  const [header, ...body] = rows
  return [
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...body.map(line)
  ].join('\n')
}

/** The job summary's HTML as a person reads it in a terminal: headings, aligned tables, lists. */
export function summaryAsText(html: string): string {
  return inlineText(
    html
      .replace(
        /<table>[\s\S]*?<\/table>/g,
        (table) => `\n${escapeHtml(tableText(table))}\n`
      )
      .replace(/<\/(h\d|p|li|details|summary|ul)>/g, '\n')
      .replace(/<h(\d)>/g, (_m, n: string) => '#'.repeat(Number(n)) + ' ')
      .replace(/<li>/g, '  - ')
      .replace(/<summary>/g, '▸ ')
  )
    .replace(/\n{3,}/g, '\n\n')
    .trim()
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
