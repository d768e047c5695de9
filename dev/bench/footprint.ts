/** What a typical push starts and loads: its git processes, from git's own trace, and the bundle. */
import { readFileSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'
import { startedBy } from '../git-trace.ts'
import { ACTION_DIR, runLikeRunner, type RunnerOptions } from '../run-action.ts'
import { check, type Bench } from './context.ts'
import { count } from './measure.ts'
import { anySize, atMost, INFORMATIVE } from './verdicts.ts'

/** The git processes of one run of `options` (a typical push), and the entry bundle's size. */
export async function footprint(
  bench: Bench,
  options: RunnerOptions
): Promise<void> {
  const processes = await gitProcesses(bench, options)
  bench.report.record(
    'Git processes of a typical push (one commit, default configuration)',
    count(processes),
    '',
    '',
    1,
    anySize(atMost(processes, 3, count)),
    true
  )
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
