/**
 * `npm run bench`: measures the action against its references and writes BENCHMARKS.md.
 * `npm run bench -- --smoke`: the smallest sizes only, to keep the script working (CI).
 * `npm run bench -- --check`: exits 1 when any budget is missed.
 * Every figure is a median of the runs its row states; every comparison is a ratio measured in
 * this run; every verdict is computed from the figure. Hand-written analysis lives in
 * docs/benchmark-notes.md, which this script never writes.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { format, resolveConfig } from 'prettier'
import { createGitClient } from '../src/git.ts'
import { createGitHubApi } from '../src/github-api.ts'
import { createMultitudesClient } from '../src/multitudes-client.ts'
import { gitMembership, recordBase } from '../src/record/lookup.ts'
import { createRecord } from '../src/record/reader.ts'
import { rangeFromApi } from '../src/range/compare-api.ts'
import { previousDeploymentSha } from '../src/range/previous-deployment.ts'
import { startFakeGitHub, type FakeDeployment } from './fake-github-api.ts'
import {
  startMultitudesServer,
  type MultitudesServer
} from './multitudes-server.ts'
import { ACTION_DIR, runLikeRunner, type RunnerResult } from './run-action.ts'
import { baseBelow, generateRepo, git, GIT_ENV } from './bench/repo.ts'

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    check: { type: 'boolean', default: false }
  }
})
const SMOKE = values.smoke
const RUNS = SMOKE ? 3 : 5
const RANGES = SMOKE ? [1, 1000] : [1, 1000, 10_000, 100_000]
const REPO_SIZE = SMOKE ? 2_000 : 110_000
const COMPARE_COMMITS = SMOKE ? 500 : 5000
const BACKFILL = SMOKE
  ? { commits: 3000, tags: 30 }
  : { commits: 60_000, tags: 300 }
const LATENCY_MS = 50
const GITHUB_LATENCY_MS = 100
const VENDOR_TIMEOUT_MS = 30_000
const KEY = 'mtd_demo_key'

const root = mkdtempSync(path.join(tmpdir(), 'bench-'))
const rows: string[][] = []
/** Budgets missed in this run; `--check` fails on any. */
const missed: string[] = []
/** Notes generated from this run's figures. */
const notes: string[] = []

/** A budget and, once measured, whether the figure meets it and by how much. */
interface Verdict {
  budget: string
  met?: boolean
  margin?: string
}

const INFORMATIVE: Verdict = { budget: 'informative' }

/** `value ≤ limit`, margins in the figure's unit. */
function atMost(
  value: number,
  limit: number,
  unit: (x: number) => string
): Verdict {
  const met = value <= limit
  return {
    budget: `≤ ${unit(limit)}`,
    met,
    margin: met
      ? `${unit(limit - value)} to spare`
      : `${unit(value - limit)} over`
  }
}

/** `value ≥ limit`. */
function atLeast(
  value: number,
  limit: number,
  unit: (x: number) => string
): Verdict {
  const met = value >= limit
  return {
    budget: `≥ ${unit(limit)}`,
    met,
    margin: met
      ? `${unit(value - limit)} to spare`
      : `${unit(limit - value)} short`
  }
}

/** Several budgets on one row: met only when every one is. */
function all(...verdicts: Verdict[]): Verdict {
  const judged = verdicts.filter((v) => v.met !== undefined)
  return {
    budget: verdicts.map((v) => v.budget).join('; '),
    met: judged.length ? judged.every((v) => v.met) : undefined,
    margin: judged.map((v) => v.margin).join('; ')
  }
}

const times = (x: number): string => `${x.toFixed(2)}×`
const count = (x: number): string => `${Math.round(x)}`
const mb = (x: number): string => `${x.toFixed(0)} MB`

const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const ms = (x: number): string =>
  x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(0)} ms`
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`

async function timed(fn: () => unknown, runs = RUNS): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await fn()
    times.push(performance.now() - start)
  }
  return median(times)
}

function record(
  figure: string,
  value: string,
  reference: string,
  result: string,
  runs: number,
  verdict: Verdict
): void {
  const judged =
    verdict.met === undefined
      ? '—'
      : verdict.met
        ? `met (${verdict.margin})`
        : `**MISSED** (${verdict.margin})`
  if (verdict.met === false)
    missed.push(`${figure}: ${verdict.budget}, ${verdict.margin}`)
  rows.push([
    figure,
    value,
    reference,
    result,
    String(runs),
    verdict.budget,
    judged
  ])
  console.log(
    `${figure}: ${value} | ${reference} | ${result} | ${runs} runs | ${verdict.budget} | ${judged}`
  )
}

/** A benchmark of a wrong answer is worthless: the run must succeed and send exactly `count`. */
function check(r: RunnerResult, count: number, posted = false): void {
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

/** The vendor's snippet: rev-list --ancestry-path, bash substitution into JSON, then curl. */
async function vendorSnippet(
  cwd: string,
  base: string,
  head: string,
  url: string
): Promise<{ ms: number; ok: boolean; error: string }> {
  const script = `
REV_LIST=\`git rev-list --ancestry-path $PREV_DEPLOY..$CURRENT_DEPLOY\`
REV_LIST=[\\"\${REV_LIST//[^a-f0-9]/\\", \\"}\\"]
curl --silent --show-error --request POST --fail-with-body --url "$URL" \\
  --header "Content-Type: application/json" --header "Authorization: $MULTITUDES_API_KEY" \\
  --data "{\\"commitSha\\": $REV_LIST, \\"environmentName\\": \\"production\\"}" > /dev/null`
  const start = performance.now()
  const child = spawn('bash', ['-c', script], {
    cwd,
    env: {
      ...GIT_ENV,
      PREV_DEPLOY: base,
      CURRENT_DEPLOY: head,
      URL: url,
      MULTITUDES_API_KEY: 'mtd_demo_key'
    },
    stdio: ['ignore', 'ignore', 'pipe']
  })
  let stderr = ''
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
  const timer = setTimeout(() => child.kill('SIGKILL'), VENDOR_TIMEOUT_MS)
  const code = await new Promise<number | null>((resolve) =>
    child.on('close', resolve)
  )
  clearTimeout(timer)
  const elapsed = performance.now() - start
  const error =
    code === null
      ? 'timed out'
      : code !== 0
        ? (stderr.trim().split('\n').pop() ?? `exit ${code}`)
        : ''
  return { ms: elapsed, ok: error === '', error }
}

async function startup(repo: string, url: string): Promise<void> {
  const floor = await timed(() => spawnSync(process.execPath, ['-e', '0']))
  // The action POSTs to the local API, as the vendor snippet does: both sides do the same work.
  // Each run reports to an environment of its own, so the record check (one GET) never finds it
  // already sent and every run POSTs.
  let run = 0
  const action = await timed(() =>
    runLikeRunner({
      workspace: repo,
      inputs: {
        environment: `production-${++run}`,
        strategy: 'head',
        'api-key': KEY,
        'api-url': url
      }
    }).then((r) => check(r, 1, true))
  )
  record(
    'Start-up: one-commit deploy, POST to the local API',
    ms(action),
    `node -e 0: ${ms(floor)}`,
    `+${ms(action - floor)} over the floor`,
    RUNS,
    atMost(action - floor, 100, ms)
  )
  const head = git(repo, 'rev-parse', 'HEAD')
  const vendor = await timed(() => vendorSnippet(repo, `${head}~1`, head, url))
  record(
    'Start-up vs the vendor snippet (bash + curl POST)',
    ms(action),
    `vendor: ${ms(vendor)}`,
    ratio(action, vendor),
    RUNS,
    INFORMATIVE
  )
  notes.push(
    `- **Start-up.** The action (Node start-up, bundle load, a few git calls, the POST and the summary) took ${ms(action - floor)} over \`node -e 0\` (${ms(floor)}) and ${ratio(action, vendor)} the time of the vendor snippet (${ms(vendor)} of bash and curl) for a one-commit deploy.`
  )
}

async function rangeSizes(repo: string, url: string): Promise<void> {
  const measured: { commits: number; action: number; floor: number }[] = []
  for (const size of RANGES) {
    const { base, size: actual } = baseBelow(
      repo,
      Math.max(1, Math.floor(size * 0.9))
    )
    const head = git(repo, 'rev-parse', 'HEAD')
    const floor = await timed(() =>
      execFileSync('git', ['rev-list', `${base}..${head}`], {
        cwd: repo,
        maxBuffer: 1 << 30
      })
    )
    const rss: number[] = []
    let outputChars = 0
    const action = await timed(async () => {
      const rssFile = path.join(root, 'rss')
      // Each run is a new deployment to an empty record: its check costs one GET of an empty page.
      // The server keeps nothing from earlier runs: 100,000-SHA records it holds slow its own GC.
      server.deployments.length = 0
      server.received.length = 0
      server.requests.length = 0
      const r = await runLikeRunner({
        workspace: repo,
        inputs: {
          environment: 'production',
          strategy: 'base',
          base,
          'max-commits': '100000',
          'api-key': KEY,
          'api-url': url
        },
        nodeArgs: ['--import', path.join(ACTION_DIR, 'dev/peak-rss.mjs')],
        env: { PEAK_RSS_FILE: rssFile }
      })
      check(r, actual, true)
      rss.push(Number(readFileSync(rssFile, 'utf8')) / 1024)
      outputChars = Object.values(r.outputs).join('').length
    })
    const vendorRun = await vendorSnippet(repo, base, head, url)
    const vendor = vendorRun.ok
      ? ms(vendorRun.ms)
      : `fails after ${ms(vendorRun.ms)}: ${vendorRun.error}`
    const peak = median(rss)
    const verdict: Verdict =
      size >= 100_000
        ? all(atMost(action / floor, 1.3, times), atMost(peak, 150, mb))
        : size >= 1000
          ? {
              budget: 'faster than the vendor snippet (1 vendor run)',
              met: !vendorRun.ok || action < vendorRun.ms,
              margin: vendorRun.ok
                ? `${ratio(action, vendorRun.ms)} its time`
                : 'the snippet fails'
            }
          : INFORMATIVE
    record(
      `Range of ${actual.toLocaleString('en')} commits, POST to the local API`,
      ms(action),
      `git rev-list: ${ms(floor)}; vendor: ${vendor}`,
      `${ratio(action, floor)} git; peak ${mb(peak)}`,
      RUNS,
      verdict
    )
    measured.push({ commits: actual, action, floor })
    if (size === RANGES.at(-1)) {
      // GitHub allows 1 MB of outputs per job, counted as UTF-16: two bytes a character here.
      const kib = (outputChars * 2) / 1024
      record(
        `Outputs at ${actual.toLocaleString('en')} commits (UTF-16, as GitHub counts)`,
        `${kib.toFixed(0)} KiB`,
        '',
        '',
        1,
        atMost(kib, 1024, (x) => `${x.toFixed(0)} KiB`)
      )
    }
  }
  // Fixed costs (Node start-up, a few small git calls) cancel out between the two largest sizes.
  const [small, large] = measured.slice(-2)
  if (large && small && large.commits > small.commits) {
    const perCommit =
      (large.action - small.action) / (large.floor - small.floor)
    record(
      `Marginal cost, ${small.commits.toLocaleString('en')} → ${large.commits.toLocaleString('en')} commits (difference of medians)`,
      ms(large.action - small.action),
      `git rev-list: ${ms(large.floor - small.floor)}`,
      `${perCommit.toFixed(2)}× git`,
      RUNS,
      large.commits >= 90_000 ? atMost(perCommit, 1.3, times) : INFORMATIVE
    )
    notes.push(
      `- **Range size.** From ${small.commits.toLocaleString('en')} to ${large.commits.toLocaleString('en')} commits the action's median grew by ${ms(large.action - small.action)} and \`git rev-list\`'s by ${ms(large.floor - small.floor)}: ${perCommit.toFixed(2)}× per commit. The whole run at ${large.commits.toLocaleString('en')} commits was ${ratio(large.action, large.floor)} git's time, fixed costs included. The 1.3× budget is set for 100,000 commits; at smaller sizes (the smoke run) fixed costs dominate and the rows are informative.`
    )
  }
}

async function shallow(origin: string): Promise<void> {
  const { base, size } = baseBelow(origin, 50)
  const clone = (name: string): string => {
    const dir = path.join(root, name)
    rmSync(dir, { recursive: true, force: true })
    execFileSync(
      'git',
      ['clone', '-q', '--depth', '1', `file://${origin}`, dir],
      { env: GIT_ENV }
    )
    return dir
  }
  let fetches = 0
  const ours = await timed(async () => {
    const dir = clone('shallow-ours')
    const trace = path.join(root, 'trace')
    rmSync(trace, { force: true })
    const r = await runLikeRunner({
      workspace: dir,
      inputs: {
        environment: 'production',
        'dry-run': 'true',
        strategy: 'base',
        base
      },
      env: { GIT_TRACE: trace }
    })
    check(r, size)
    fetches = readFileSync(trace, 'utf8')
      .split('\n')
      .filter((l) => /built-in: git fetch/.test(l)).length
  }, 3)
  const unshallow = await timed(() => {
    const dir = clone('shallow-unshallow')
    execFileSync('git', ['fetch', '-q', '--unshallow'], {
      cwd: dir,
      env: GIT_ENV
    })
    execFileSync('git', ['rev-list', `${base}..HEAD`], {
      cwd: dir,
      maxBuffer: 1 << 30
    })
  }, 3)
  record(
    `Shallow clone (depth 1, ${REPO_SIZE.toLocaleString('en')} commits), base 50 back`,
    `${ms(ours)}, ${fetches} fetch${fetches === 1 ? '' : 'es'}`,
    `git fetch --unshallow: ${ms(unshallow)}`,
    `${ratio(unshallow, ours)} faster`,
    3,
    atLeast(unshallow / ours, 5, times)
  )
}

/** A fake GitHub whose compare holds `count` commits, and what rangeFromApi needs to read it. */
async function syntheticCompare(count: number) {
  const commits = Array.from({ length: count }, (_, i) => ({
    sha: (i + 1).toString(16).padStart(40, '0'),
    date: new Date(1_700_000_000_000 + i * 60_000).toISOString(),
    message: `change ${i}`
  }))
  const fake = await startFakeGitHub({
    latencyMs: LATENCY_MS,
    compare: () => ({ status: 'ahead', baseSha: 'b'.repeat(40), commits })
  })
  const api = createGitHubApi({
    token: 't',
    repository: 'o/r',
    baseUrl: fake.url
  })
  const head = commits.at(-1)?.sha ?? ''
  const choice = { ref: 'b'.repeat(40), source: 'input' as const }
  return { fake, api, head, choice }
}

async function compare(): Promise<void> {
  const { fake, api, head, choice } = await syntheticCompare(COMPARE_COMMITS)
  try {
    fake.requests.length = 0
    const concurrent = await timed(
      () => rangeFromApi(api, head, choice, { maxCommits: 100_000 }),
      3
    )
    const trips = fake.requests.length / 3
    const sequential = await timed(async () => {
      const pages = Math.ceil(COMPARE_COMMITS / 100)
      for (let page = 1; page <= pages; page++)
        await api.compare(choice.ref, head, page)
    }, 3)
    record(
      `Compare API, ${COMPARE_COMMITS.toLocaleString('en')} commits, ${LATENCY_MS} ms latency`,
      `${ms(concurrent)}, ${trips} round trips`,
      `pages one after another: ${ms(sequential)}`,
      `${ratio(sequential, concurrent)} faster`,
      3,
      atLeast(sequential / concurrent, 3, times)
    )
  } finally {
    await fake.close()
  }
}

/** Base behind 1,000 preview deployments and 20 failed production ones, at 100 ms a request. */
async function previousDeployment(): Promise<void> {
  const deployment = (
    id: number,
    environment: string,
    state: string,
    sha = 'c'.repeat(40)
  ): FakeDeployment => ({ id, sha, environment, statuses: [{ state }] })
  const live = 'a'.repeat(40)
  const fake = await startFakeGitHub({
    latencyMs: GITHUB_LATENCY_MS,
    deployments: [
      ...Array.from({ length: 1000 }, (_, i) =>
        deployment(10_000 - i, `preview-${i}`, 'success')
      ),
      ...Array.from({ length: 20 }, (_, i) =>
        deployment(5_000 - i, 'production', 'failure')
      ),
      deployment(100, 'production', 'success', live)
    ]
  })
  try {
    const api = createGitHubApi({
      token: 't',
      repository: 'o/r',
      baseUrl: fake.url
    })
    fake.requests.length = 0
    const runs = 3
    const elapsed = await timed(async () => {
      const sha = await previousDeploymentSha(api, 'production', {
        ownRunIds: [1]
      })
      if (sha !== live) throw new Error(`found base ${sha}, expected ${live}`)
    }, runs)
    const requests = fake.requests.length / runs
    record(
      `Previous deployment behind 1,000 previews and 20 failed deploys, ${GITHUB_LATENCY_MS} ms latency`,
      `${ms(elapsed)}, ${requests} requests`,
      '',
      '',
      runs,
      // 1 listing and 21 status look-ups for the exact name, then the rest of the search's
      // 10 pages on every environment, for other cases of the name (in batches: 4 round trips).
      all(atMost(elapsed, 1500, ms), atMost(requests, 31, count))
    )
  } finally {
    await fake.close()
  }
}

/** The compare API under `max-commits`: only the pages that hold the newest commits. */
async function compareCapped(): Promise<void> {
  const total = 20_000
  const maxCommits = 1000
  const { fake, api, head, choice } = await syntheticCompare(total)
  try {
    const runs = 3
    fake.requests.length = 0
    const elapsed = await timed(async () => {
      const { range } = await rangeFromApi(api, head, choice, { maxCommits })
      if (range.shas.length !== maxCommits)
        throw new Error(`sent ${range.shas.length}`)
    }, runs)
    const requests = fake.requests.length / runs
    record(
      `Compare API, ${total.toLocaleString('en')} commits, max-commits ${maxCommits}, ${LATENCY_MS} ms latency`,
      `${ms(elapsed)}, ${requests} requests`,
      `every page: ${total / 100} requests`,
      '',
      runs,
      atMost(requests, 1 + maxCommits / 100, count)
    )
  } finally {
    await fake.close()
  }
}

/** Runs the bundled CLI; returns its exit code, stdout and peak memory (MB). */
async function runCli(
  cwd: string,
  args: string[],
  env: Record<string, string> = {}
): Promise<{ code: number | null; stdout: string; rssMb: number }> {
  const rssFile = path.join(root, 'cli-rss')
  const child = spawn(
    process.execPath,
    [
      '--import',
      path.join(ACTION_DIR, 'dev/peak-rss.mjs'),
      path.join(ACTION_DIR, 'dist/cli/index.js'),
      ...args
    ],
    {
      cwd,
      env: { ...GIT_ENV, PEAK_RSS_FILE: rssFile, ...env },
      stdio: ['ignore', 'pipe', 'ignore']
    }
  )
  let stdout = ''
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
  const code = await new Promise<number | null>((resolve) =>
    child.on('close', resolve)
  )
  return {
    code,
    stdout,
    rssMb: Number(readFileSync(rssFile, 'utf8')) / 1024
  }
}

/**
 * Backfill of release tags over a long history: plan, post, and planning against git. Its own
 * API server: the shared one holds the 100,000-commit deployments of the range rows.
 */
/**
 * Multitudes' record: what the check before every POST costs a normal run, and how far the
 * `multitudes` base is found behind other repositories' records at 100 ms a request.
 */
async function multitudesRecord(): Promise<void> {
  const repo = generateRepo(path.join(root, 'record'), 20)
  const [head, live] = git(repo, 'rev-list', '-2', 'HEAD').split('\n')
  const server = await startMultitudesServer()
  try {
    const deploy = () =>
      runLikeRunner({
        workspace: repo,
        eventName: 'push',
        sha: head,
        event: { ref: 'refs/heads/main', before: live, after: head },
        inputs: {
          environment: 'production',
          'api-key': KEY,
          'api-url': server.url
        }
      })
    const first = await deploy()
    check(first, 1, true)
    const gets = server.requests.filter((r) => r.method === 'GET').length
    const again = await deploy()
    const rerunPosts = server.posts() - 1
    if (!again.outputs.skipped.startsWith('already recorded'))
      throw new Error(
        `the re-run was not skipped: ${again.stdout.slice(-2000)}`
      )
    record(
      'Check before the POST: GET requests of a normal run (push, one commit)',
      `${gets} GET`,
      `a re-run: ${rerunPosts} POST`,
      '',
      1,
      all(atMost(gets, 1, count), atMost(rerunPosts, 0, count))
    )
  } finally {
    await server.close()
  }

  const latency = 100
  const slow = await startMultitudesServer({ latencyMs: latency })
  try {
    const at = (minutes: number) =>
      new Date(Date.UTC(2026, 0, 1) + minutes * 60_000).toISOString()
    // Ours, then 900 newer deployments of other repositories, then 2,000 older ones.
    slow.deployments.push(
      ...Array.from({ length: 2000 }, (_, i) => stored(`old${i}`, at(i))),
      stored(live, at(5000)),
      ...Array.from({ length: 900 }, (_, i) =>
        stored(`other${i}`, at(6000 + i))
      )
    )
    const client = createMultitudesClient({
      url: new URL(slow.url),
      apiKey: KEY,
      timeoutMs: 10_000,
      maxAttempts: 1
    })
    const membership = gitMembership(createGitClient(repo))
    const runs = 3
    slow.requests.length = 0
    const elapsed = await timed(async () => {
      const found = await recordBase(
        createRecord(client, { includeTests: false, warn: console.warn }),
        'production',
        head,
        membership
      )
      if (found?.sha !== live)
        throw new Error(`found base ${found?.sha}, expected ${live}`)
    }, runs)
    const requests = slow.requests.length / runs
    record(
      `Base from Multitudes' record behind 900 other repositories' records, ${latency} ms latency`,
      `${ms(elapsed)}, ${requests} requests`,
      '',
      '',
      runs,
      all(atMost(elapsed, 1500, ms), atMost(requests, 10, count))
    )
  } finally {
    await slow.close()
  }
}

/** A stored deployment of `sha` (another repository's when it is not hex). */
function stored(sha: string, deployedAt: string) {
  const hex = /^[0-9a-f]{40}$/.test(sha)
    ? sha
    : Buffer.from(sha).toString('hex').padEnd(40, '0').slice(0, 40)
  return {
    id: sha,
    commitSha: [hex],
    environmentName: 'production',
    deployedAt,
    isTest: false,
    receivedAt: deployedAt
  }
}

async function backfill(): Promise<void> {
  const server = await startMultitudesServer()
  try {
    await backfillOn(server)
  } finally {
    await server.close()
  }
}

async function backfillOn(server: MultitudesServer): Promise<void> {
  const url = server.url
  const repo = generateRepo(path.join(root, 'backfill'), BACKFILL.commits)
  const shas = git(repo, 'rev-list', '--reverse', 'HEAD').split('\n')
  const step = Math.floor(shas.length / BACKFILL.tags)
  const tagged = Array.from(
    { length: BACKFILL.tags },
    (_, i) => shas[(i + 1) * step - 1]
  )
  execFileSync('git', ['update-ref', '--stdin'], {
    cwd: repo,
    env: GIT_ENV,
    input: tagged
      .map((sha, i) => `create refs/tags/v${i + 1} ${sha}\n`)
      .join('')
  })
  const args = (...more: string[]) => [
    'backfill',
    '--environment',
    'production',
    '--source',
    'tags',
    '--tag-pattern',
    'v*',
    '--state-file',
    path.join(root, `state-${Math.random()}.jsonl`),
    ...more
  ]
  // The same ranges, one `git rev-list` each: what planning cannot do with less.
  const floor = await timed(() => {
    for (let i = 1; i < tagged.length; i++)
      execFileSync('git', ['rev-list', `${tagged[i - 1]}..${tagged[i]}`], {
        cwd: repo,
        maxBuffer: 1 << 30
      })
  }, 3)
  const plan = await timed(async () => {
    const r = await runCli(repo, args('--dry-run', '--json'))
    if (r.code !== 0 || !r.stdout.includes(`"planned": ${BACKFILL.tags}`))
      throw new Error(`the backfill plan failed (exit ${r.code})`)
  }, 3)
  let rss = 0
  const full = await timed(async () => {
    const r = await runCli(
      repo,
      args('--api-url', url, '--rate', '100', '--json'),
      { MULTITUDES_API_KEY: KEY }
    )
    if (r.code !== 0 || !r.stdout.includes(`"posted": ${BACKFILL.tags}`))
      throw new Error(`the backfill run failed (exit ${r.code})`)
    rss = Math.max(rss, r.rssMb)
  }, 1)
  record(
    `Backfill: ${BACKFILL.tags} tags over ${BACKFILL.commits.toLocaleString('en')} commits, plan and post (--rate 100)`,
    ms(full),
    `plan alone: ${ms(plan)}`,
    `peak ${mb(rss)}`,
    1,
    all(atMost(full, 20_000, ms), atMost(rss, 200, mb))
  )
  // The state file is lost: every deployment is found in Multitudes' record instead.
  const posts = server.posts()
  const lost = await runCli(
    repo,
    args('--api-url', url, '--rate', '100', '--json'),
    { MULTITUDES_API_KEY: KEY }
  )
  if (lost.code !== 0 || !lost.stdout.includes(`"skipped": ${BACKFILL.tags}`))
    throw new Error(`the backfill re-run failed (exit ${lost.code})`)
  record(
    `Backfill of ${BACKFILL.tags} deployments run again without its state file: POSTs sent again`,
    count(server.posts() - posts),
    '',
    '',
    1,
    atMost(server.posts() - posts, 0, count)
  )
  record(
    `Backfill planning against git rev-list over the same ${BACKFILL.tags} ranges`,
    ms(plan),
    `git rev-list × ${BACKFILL.tags - 1}: ${ms(floor)}`,
    `${ratio(plan, floor)} git`,
    3,
    atMost(plan / floor, 2, times)
  )
}

function bundle(): void {
  const size = statSync(path.join(ACTION_DIR, 'dist/index.js')).size
  record(
    'Bundle: dist/index.js',
    `${(size / 1024).toFixed(0)} KiB`,
    '',
    '',
    1,
    INFORMATIVE
  )
}

if (!existsSync(path.join(ACTION_DIR, 'dist/index.js')))
  execFileSync('npm', ['run', '-s', 'build'], {
    cwd: ACTION_DIR,
    stdio: 'inherit'
  })
const server = await startMultitudesServer()
try {
  console.log(
    `Generating a ${REPO_SIZE.toLocaleString('en')}-commit repository…`
  )
  const repo = generateRepo(path.join(root, 'origin'), REPO_SIZE)
  await startup(repo, server.url)
  await rangeSizes(repo, server.url)
  await shallow(repo)
  await compare()
  await compareCapped()
  await previousDeployment()
  await multitudesRecord()
  await backfill()
  bundle()
} finally {
  await server.close()
  rmSync(root, { recursive: true, force: true })
}

const table = [
  '| Figure | Action | Reference | Result | Runs | Budget | Verdict |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map((r) => `| ${r.join(' | ')} |`)
].join('\n')
const judged = rows.filter((r) => r[6] !== '—').length
const verdicts = `${judged - missed.length} of ${judged} budgets met${missed.length ? `; missed: ${missed.join('; ')}` : ''}.`
const machine = `${process.version}, ${git(ACTION_DIR, '--version')}, ${spawnSync('nproc', { encoding: 'utf8' }).stdout.trim()} cores`
const report = `# Benchmarks

Measured by \`npm run bench\`${SMOKE ? ' --smoke' : ''} on ${new Date().toISOString().slice(0, 10)} (${machine}). Each figure is the median of the runs its row states; absolute times on shared machines are noisy, so read the ratios, measured in the same run. Verdicts are computed from the figures; \`npm run bench -- --check\` fails on a miss.

**${verdicts}**

${table}

## Notes from this run

${notes.join('\n')}

The analysis behind these figures (profiles, why a budget is set where it is) is in [docs/benchmark-notes.md](docs/benchmark-notes.md).
`
console.log(`\n${verdicts}`)
if (SMOKE) console.log('\n' + table)
else {
  const file = path.join(ACTION_DIR, 'BENCHMARKS.md')
  const options = (await resolveConfig(file)) ?? {}
  writeFileSync(file, await format(report, { ...options, filepath: file }))
}
if (values.check && missed.length > 0) process.exitCode = 1
