/**
 * Start-up: the action's fixed cost against a floor script that does the least a reporter can
 * (read the inputs, one git call, one POST over node:http), both run the way the runner runs
 * them and timed in turns; an input error and CLI --help against `node -e 0`; the default
 * configuration (GitHub's previous deployment, then the POST); git processes of a typical push.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'
import { startFakeGitHub } from '../fake-github-api.ts'
import { startedBy } from '../git-trace.ts'
import {
  ACTION_DIR,
  runLikeRunner,
  type RunnerOptions,
  type RunnerResult
} from '../run-action.ts'
import { check, FLOOR, KEY, type Bench } from './context.ts'
import { count, interleaved, ms, msSample, ratio, times } from './measure.ts'
import { anySize, atMost, atMostForMachine, INFORMATIVE } from './verdicts.ts'
import { git } from './repo.ts'
import { vendorSide } from './vendor.ts'

const CLI = path.join(ACTION_DIR, 'dist/cli/index.js')

export async function startup(bench: Bench): Promise<void> {
  const { repo, server, report, startupRuns: runs } = bench
  const head = git(repo, 'rev-parse', 'HEAD')
  const parent = git(repo, 'rev-parse', 'HEAD~1')
  const fake = await startFakeGitHub({
    deployments: [
      {
        id: 7,
        sha: parent,
        environment: 'production',
        statuses: [{ state: 'success' }]
      }
    ]
  })
  const inputs = {
    environment: 'production',
    'api-key': KEY,
    'api-url': server.url
  }
  const push: Omit<RunnerOptions, 'inputs'> = {
    workspace: repo,
    eventName: 'push',
    sha: head,
    event: { ref: 'refs/heads/main', before: parent, after: head }
  }
  // The default configuration: a token, so base comes from GitHub's previous deployment.
  const defaults: RunnerOptions = {
    ...push,
    inputs,
    githubToken: 'ghs_bench',
    env: { GITHUB_API_URL: fake.url }
  }
  // Every run is a new deployment: an empty record, so the check before the POST lets it through.
  const posting = (options: RunnerOptions) => async () => {
    server.deployments.length = 0
    check(await runLikeRunner(options), 1, true)
  }
  try {
    const s = await interleaved(
      {
        node: () => runLikeRunner({ ...push, inputs, args: ['-e', '0'] }),
        floor: posting({ ...push, inputs, args: [FLOOR] }),
        action: posting({ ...push, inputs: { ...inputs, 'github-token': '' } }),
        defaults: posting(defaults),
        inputError: () =>
          runLikeRunner({
            ...push,
            inputs: { ...inputs, 'max-commits': 'x' }
          }).then((r) => expectExit(r, 1)),
        help: () => cli(['--help']),
        bare: () => spawnSync(process.execPath, ['-e', '0']),
        vendor: vendorSide(repo, parent, head, server.url)
      },
      runs
    )
    report.nodeStart = ms(s.bare.median)
    // The millisecond budgets were set where `node -e 0` took 25 ms; atMostForMachine scales them
    // by this run's `node -e 0`, spawned bare (see docs/benchmark-notes.md).
    const over = (a: keyof typeof s, b: keyof typeof s) =>
      s[a].median - s[b].median
    report.record(
      'Start-up: push of one commit, record check and POST (no GitHub token)',
      msSample(s.action),
      `floor script: ${msSample(s.floor)}; node -e 0 as the runner runs it: ${msSample(s.node)}`,
      `+${ms(over('action', 'floor'))} over the floor`,
      runs,
      atMostForMachine(over('action', 'floor'), 40, s.bare),
      true
    )
    report.record(
      'Start-up: the default configuration (GitHub previous deployment, record check, POST)',
      msSample(s.defaults),
      `floor script: ${msSample(s.floor)}`,
      `+${ms(over('defaults', 'floor'))} over the floor`,
      runs,
      atMostForMachine(over('defaults', 'floor'), 120, s.bare),
      true
    )
    report.record(
      'Start-up: an input error (nothing sent)',
      msSample(s.inputError),
      `node -e 0 as the runner runs it: ${msSample(s.node)}`,
      `+${ms(over('inputError', 'node'))} over node -e 0`,
      runs,
      atMostForMachine(over('inputError', 'node'), 30, s.bare),
      true
    )
    report.record(
      'Start-up: CLI --help',
      msSample(s.help),
      `node -e 0: ${msSample(s.bare)}`,
      ratio(s.help.median, s.bare.median),
      runs,
      atMost(s.help.median / s.bare.median, 1.8, times),
      true
    )
    const processes = await gitProcesses(bench, defaults)
    report.record(
      'Git processes of a typical push (one commit, default configuration)',
      count(processes),
      '',
      '',
      1,
      anySize(atMost(processes, 3, count)),
      true
    )
    report.record(
      'Start-up vs the vendor snippet (bash + curl POST)',
      msSample(s.action),
      `vendor: ${msSample(s.vendor)}; floor script: ${msSample(s.floor)}`,
      `${ratio(s.action.median, s.vendor.median)}; the floor ${ratio(s.floor.median, s.vendor.median)}`,
      runs,
      INFORMATIVE
    )
    report.note(
      `**Start-up.** A one-commit push with its POST took ${ms(over('action', 'floor'))} more than the floor script (${msSample(s.floor)}), and ${ms(over('action', 'node'))} more than \`node -e 0\` run the same way (${msSample(s.node)}); the default configuration, which first asks GitHub for the previous deployment, ${ms(over('defaults', 'floor'))} more than the floor. Medians of ${runs} runs each, in turns.`
    )
  } finally {
    await fake.close()
  }
  bundle(bench)
}

function cli(args: string[]): void {
  const r = spawnSync(process.execPath, [CLI, ...args])
  if (r.status !== 0) throw new Error(`the CLI exited ${r.status}`)
}

function expectExit(r: RunnerResult, code: number): void {
  if (r.exitCode !== code || r.outputs.reported === 'true')
    throw new Error(
      `expected exit ${code} and nothing sent:\n${r.stdout.slice(-2000)}`
    )
}

/** git processes one run starts, counted from git's own trace. */
async function gitProcesses(
  bench: Bench,
  options: RunnerOptions
): Promise<number> {
  const trace = path.join(bench.root, 'trace2.json')
  rmSync(trace, { force: true })
  bench.server.deployments.length = 0
  const r = await runLikeRunner({
    ...options,
    env: { ...options.env, GIT_TRACE2_EVENT: trace }
  })
  check(r, 1, true)
  return startedBy(readFileSync(trace, 'utf8')).length
}

function bundle(bench: Bench): void {
  const size = statSync(path.join(ACTION_DIR, 'dist/index.js')).size
  bench.report.record(
    'Bundle: dist/index.js',
    `${(size / 1024).toFixed(0)} KiB`,
    '',
    '',
    1,
    INFORMATIVE
  )
}
