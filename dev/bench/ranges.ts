/**
 * Range sizes from 1 to 100,000 commits against the floor script (git rev-list and a POST of the
 * same list), git rev-list alone and the vendor snippet.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { ACTION_DIR, runLikeRunner, type RunnerOptions } from '../run-action.ts'
import { check, FLOOR, postingInputs, type Bench } from './context.ts'
import {
  interleaved,
  mb,
  ms,
  msSample,
  ratio,
  times,
  type Sample
} from './measure.ts'
import {
  anySize,
  all,
  atMost,
  fasterThan,
  INFORMATIVE,
  type Verdict
} from './verdicts.ts'
import { baseBelow, git } from './repo.ts'
import { vendorSide, vendorSnippet } from './vendor.ts'

interface Measured {
  commits: number
  action: number
  floor: number
}

export async function rangeSizes(bench: Bench): Promise<void> {
  const measured: Measured[] = []
  for (const size of bench.ranges) measured.push(await rangeSize(bench, size))
  marginalCost(bench, measured)
}

/** One size: the range's row, and at the largest size the outputs' row. */
async function rangeSize(bench: Bench, size: number): Promise<Measured> {
  const { repo, report, runs } = bench
  const { base, size: actual } = baseBelow(
    repo,
    Math.max(1, Math.floor(size * 0.9))
  )
  const { s, vendorRun, peak, outputChars } = await timeRange(
    bench,
    base,
    actual
  )
  const action = s.action.median
  const floor = s.floor.median
  const vendor = s.vendor
    ? msSample(s.vendor)
    : `fails after ${ms(vendorRun.ms)}: ${vendorRun.error}`
  report.record(
    `Range of ${actual.toLocaleString('en')} commits, POST to the local API`,
    msSample(s.action),
    `floor script (git rev-list, POST of the same list): ${msSample(s.floor)}; git rev-list alone: ${msSample(s.git)}; vendor: ${vendor}`,
    `${ratio(action, floor)} the floor; ${ratio(action, s.git.median)} git alone; peak ${mb(peak)}`,
    runs,
    verdictAt(size, s, peak),
    size >= 100_000
  )
  if (size === bench.ranges.at(-1)) recordOutputs(bench, actual, outputChars)
  return { commits: actual, action, floor }
}

/**
 * The action, the floor script, git rev-list and (where it works) the vendor snippet in turns,
 * then the action's peak memory and outputs from one more run, untimed: the measuring hook has a
 * cost of its own.
 */
async function timeRange(bench: Bench, base: string, commits: number) {
  const { repo, server, root, runs } = bench
  const head = git(repo, 'rev-parse', 'HEAD')
  const posting = postingRuns(bench, base, commits)
  // The snippet runs once on its own first: from about 3,000 commits it fails (or runs for
  // ever), and is then not timed again. Where it works, it is timed in turns with the others.
  const vendorRun = await vendorSnippet(repo, base, head, server.url)
  const sides = {
    git: () =>
      execFileSync('git', ['rev-list', `${base}..${head}`], {
        cwd: repo,
        maxBuffer: 1 << 30
      }),
    floor: posting({ args: [FLOOR] }),
    action: posting({})
  }
  const s = vendorRun.ok
    ? await interleaved(
        { ...sides, vendor: vendorSide(repo, base, head, server.url) },
        runs
      )
    : { ...(await interleaved(sides, runs)), vendor: undefined }
  const rssFile = path.join(root, 'rss')
  const measuredRun = await posting({
    nodeArgs: ['--import', path.join(ACTION_DIR, 'dev/peak-rss.mjs')],
    env: { PEAK_RSS_FILE: rssFile }
  })()
  return {
    s,
    vendorRun,
    peak: Number(readFileSync(rssFile, 'utf8')) / 1024,
    outputChars: Object.values(measuredRun.outputs).join('').length
  }
}

/**
 * A run of the action (or, with `args`, the floor script) over `base..HEAD`. Each is a new
 * deployment to an empty record: its check costs one GET of an empty page. The server keeps
 * nothing from earlier runs: 100,000-SHA records it holds slow its own GC.
 */
function postingRuns(bench: Bench, base: string, commits: number) {
  const { repo, server } = bench
  const options: RunnerOptions = {
    workspace: repo,
    inputs: {
      ...postingInputs(server.url),
      strategy: 'base',
      base,
      'max-commits': '100000'
    }
  }
  return (extra: Partial<RunnerOptions>) => async () => {
    server.deployments.length = 0
    server.received.length = 0
    server.requests.length = 0
    const r = await runLikeRunner({ ...options, ...extra })
    check(r, commits, true)
    return r
  }
}

function verdictAt(
  size: number,
  s: { action: Sample; floor: Sample; vendor?: Sample },
  peak: number
): Verdict {
  if (size >= 100_000)
    return all(
      atMost(s.action.median / s.floor.median, 1.3, times),
      atMost(peak, 150, mb)
    )
  if (size < 1000) return INFORMATIVE
  if (s.vendor)
    return fasterThan('the vendor snippet', s.action, s.vendor, s.floor)
  return {
    budget: 'faster than the vendor snippet',
    met: true,
    margin: 'the snippet fails'
  }
}

/** GitHub allows 1 MB of outputs per job, counted as UTF-16: two bytes a character here. */
function recordOutputs(bench: Bench, commits: number, chars: number): void {
  const kib = (chars * 2) / 1024
  bench.report.record(
    `Outputs at ${commits.toLocaleString('en')} commits (UTF-16, as GitHub counts)`,
    `${kib.toFixed(0)} KiB`,
    '',
    '',
    1,
    anySize(atMost(kib, 1024, (x) => `${x.toFixed(0)} KiB`))
  )
}

/** Fixed costs (Node start-up, a few small git calls) cancel out between the two largest sizes. */
function marginalCost(bench: Bench, measured: Measured[]): void {
  const { report, runs } = bench
  const [small, large] = measured.slice(-2)
  if (!large || !small || large.commits <= small.commits) return
  const perCommit = (large.action - small.action) / (large.floor - small.floor)
  report.record(
    `Marginal cost, ${small.commits.toLocaleString('en')} → ${large.commits.toLocaleString('en')} commits (difference of medians)`,
    ms(large.action - small.action),
    `floor script: ${ms(large.floor - small.floor)}`,
    `${perCommit.toFixed(2)}× the floor`,
    runs,
    large.commits >= 90_000 ? atMost(perCommit, 1.3, times) : INFORMATIVE,
    true
  )
  report.note(
    `**Range size.** From ${small.commits.toLocaleString('en')} to ${large.commits.toLocaleString('en')} commits the action's median grew by ${ms(large.action - small.action)} and the floor script's by ${ms(large.floor - small.floor)}: ${perCommit.toFixed(2)}× per commit. The whole run at ${large.commits.toLocaleString('en')} commits was ${ratio(large.action, large.floor)} the floor's time, fixed costs included. The floor script lists the same range with one \`git rev-list\` and POSTs the same list to the same local API, so both sides do the same work; \`git rev-list\` alone is in each row for reference. The 1.3× budget is set for 100,000 commits; at smaller sizes (the smoke run) fixed costs dominate and the rows are informative.`
  )
}
