/** What every group of bench cases shares: the sizes of this run, its folders and its report. */
import path from 'node:path'
import type { MultitudesServer } from '../multitudes-server.ts'
import {
  ACTION_DIR,
  type RunnerOptions,
  type RunnerResult
} from '../run-action.ts'
import type { Report } from './report.ts'

export const KEY = 'mtd_demo_key'
/** The floor script: the least a reporter can do with the same inputs (see the file). */
export const FLOOR = path.join(ACTION_DIR, 'dev/bench/floor.cjs')

/** The inputs every posting run shares: production, the demo key, the local API at `url`. */
export const postingInputs = (url: string): Record<string, string> => ({
  environment: 'production',
  'api-key': KEY,
  'api-url': url
})

/** A push of `head` over `before` on main in `workspace`, as the runner describes it. */
export const pushOf = (
  workspace: string,
  before: string,
  head: string
): Omit<RunnerOptions, 'inputs'> => ({
  workspace,
  eventName: 'push',
  sha: head,
  event: { ref: 'refs/heads/main', before, after: head }
})

export interface Sizes {
  /** Runs a timed row takes unless it says otherwise. */
  runs: number
  /** Runs of each side of a start-up row, in turns. */
  startupRuns: number
  ranges: number[]
  repoSize: number
  compareCommits: number
  backfill: { commits: number; tags: number }
}

export function sizes(smoke: boolean): Sizes {
  return smoke
    ? {
        runs: 3,
        startupRuns: 5,
        ranges: [1, 1000],
        repoSize: 2_000,
        compareCommits: 500,
        backfill: { commits: 3000, tags: 30 }
      }
    : {
        runs: 5,
        startupRuns: 31,
        ranges: [1, 1000, 10_000, 100_000],
        repoSize: 110_000,
        compareCommits: 5000,
        backfill: { commits: 60_000, tags: 300 }
      }
}

export interface Bench extends Sizes {
  smoke: boolean
  /** A temporary folder, removed after the run. */
  root: string
  report: Report
  /** The shared local API. */
  server: MultitudesServer
  /** The generated repository of `repoSize` commits. */
  repo: string
}

/** A benchmark of a wrong answer is worthless: the run must succeed and send exactly `count`. */
export function check(r: RunnerResult, count: number, posted = false): void {
  const sent = !posted || r.outputs.reported === 'true'
  if (
    r.exitCode !== 0 ||
    !sent ||
    r.outputs['commit-count'] !== String(count)
  ) {
    throw new Error(
      `the action sent ${r.outputs['commit-count']} commits (exit ${r.exitCode}), expected ${count}:\n${r.stdout.slice(-2000)}`
    )
  }
}
