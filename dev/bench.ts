/**
 * `npm run bench`: measures the action against its references and writes BENCHMARKS.md.
 * `npm run bench -- --smoke`: the smallest sizes only, to keep the script working (CI).
 * Every figure is a median of several runs; every comparison is a ratio measured in this run.
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
import { createGitHubApi } from '../src/github-api.ts'
import { rangeFromApi } from '../src/range/compare-api.ts'
import { startFakeGitHub } from './fake-github-api.ts'
import { startMultitudesServer } from './multitudes-server.ts'
import { ACTION_DIR, runLikeRunner, type RunnerResult } from './run-action.ts'
import { baseBelow, generateRepo, git, GIT_ENV } from './bench/repo.ts'

const { values } = parseArgs({
  options: { smoke: { type: 'boolean', default: false } }
})
const SMOKE = values.smoke
const RUNS = SMOKE ? 3 : 5
const RANGES = SMOKE ? [1, 1000] : [1, 1000, 10_000, 100_000]
const REPO_SIZE = SMOKE ? 2_000 : 110_000
const COMPARE_COMMITS = SMOKE ? 500 : 5000
const LATENCY_MS = 50
const VENDOR_TIMEOUT_MS = 30_000

const root = mkdtempSync(path.join(tmpdir(), 'bench-'))
const rows: string[][] = []
/** How to read the figures, and where a budget is missed or is the wrong budget, and why. */
const notes: string[] = [
  '## Notes',
  '',
  '- **Start-up.** The bundle loads in about 70 ms over `node -e 0` (budget: 100 ms). The vendor snippet is a few milliseconds of bash and curl: no Node process can match that floor, and it is not a budget.',
  "- **Range size against git.** The action runs `git rev-list --boundary base..head` once and streams it; the same walk tells whether base is an ancestor of head, so the range status needs no second walk of the history. Its cost is a fixed part, about 120 ms here (Node start-up, four small git calls, the summary), and a part that grows with the range: parsing the SHAs, building the payload, and writing the two outputs the contract asks for (`payload` and `commit-shas`, 4 MB each at 100,000 commits). The *Marginal cost* row compares the growing part with git's own extra time from 10,000 to 100,000 commits: 1.3–1.4× across runs, just over the 1.3× budget. The whole-run ratio at 100,000 commits also carries the fixed part and lands between 1.2× and 1.6×, depending on how fast git is on the day (a 100,000-commit `rev-list` takes 0.4 to 0.6 s on this 2-core machine). A CPU profile showed where the rest had gone: the 4 MB payload printed as a debug line even outside debug mode, and a second pass over the SHAs. Removing both took the whole run from 3.2× to the figures above. What remains above 1.3× is serialising and writing the two 4 MB outputs. Dropping `payload` for huge ranges would meet the budget, but it would change the output contract, so that is left as a decision for the interface, not made here.",
  '- **Range size against the vendor snippet.** At 1,000 commits the snippet is faster in wall time (bash has no start-up cost) but sends a different, wrong set (`--ancestry-path HEAD^1..HEAD` drops branch commits; here it is run with the same base for a fair race). From about 3,000 commits it cannot run at all: the JSON it builds exceeds the kernel\'s limit for one argument (`Argument list too long`), and its string substitution grows so badly that at 100,000 commits it is still building the JSON when the benchmark stops it after 30 s (an earlier run let it go on: it failed after about two minutes). The budget "faster from 1,000 commits up" holds from 10,000 up; below that it is the wrong budget for a process that must start Node.',
  '- **Shallow clones.** A depth-1 clone is deepened by 50 commits along head and base (after one fetch of base itself), two fetches in all, against downloading the whole history with `git fetch --unshallow`.',
  "- **Compare API.** The first page gives the total; the other pages are fetched six at a time. The round trips are the same as sequential paging (one per 100 commits, the API's maximum page size); the wall time is what concurrency saves.",
  '- **Memory.** Peak resident memory grows with the range (SHAs, the payload and its JSON); it stays under the 150 MB budget at 100,000 commits.',
  ''
]
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
  budget: string
): void {
  rows.push([figure, value, reference, result, budget])
  console.log(`${figure}: ${value} | ${reference} | ${result} | ${budget}`)
}

/** A benchmark of a wrong answer is worthless: the run must succeed and send exactly `count`. */
function check(r: RunnerResult, count: number): void {
  if (r.exitCode !== 0 || r.outputs['commit-count'] !== String(count)) {
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
  const action = await timed(() =>
    runLikeRunner({
      workspace: repo,
      inputs: { environment: 'production', 'dry-run': 'true', strategy: 'head' }
    }).then((r) => check(r, 1))
  )
  record(
    'Start-up: one-commit deploy, dry run',
    ms(action),
    `node -e 0: ${ms(floor)}`,
    `+${ms(action - floor)} over the floor`,
    '≤ +100 ms'
  )
  const head = git(repo, 'rev-parse', 'HEAD')
  const vendor = await timed(() => vendorSnippet(repo, `${head}~1`, head, url))
  record(
    'Start-up vs the vendor snippet (bash + curl POST)',
    ms(action),
    `vendor: ${ms(vendor)}`,
    ratio(action, vendor),
    'informative'
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
    const action = await timed(async () => {
      const rssFile = path.join(root, 'rss')
      const r = await runLikeRunner({
        workspace: repo,
        inputs: {
          environment: 'production',
          'dry-run': 'true',
          strategy: 'base',
          base,
          'max-commits': '100000'
        },
        nodeArgs: ['--import', path.join(ACTION_DIR, 'dev/peak-rss.mjs')],
        env: { PEAK_RSS_FILE: rssFile }
      })
      check(r, actual)
      rss.push(Number(readFileSync(rssFile, 'utf8')) / 1024)
    })
    const vendorRun = await vendorSnippet(repo, base, head, url)
    const vendor = vendorRun.ok
      ? ms(vendorRun.ms)
      : `fails after ${ms(vendorRun.ms)}: ${vendorRun.error}`
    record(
      `Range of ${actual.toLocaleString('en')} commits`,
      ms(action),
      `git rev-list: ${ms(floor)}; vendor: ${vendor}`,
      `${ratio(action, floor)} git; peak ${median(rss).toFixed(0)} MB`,
      size >= 100_000
        ? '≤ 1.3× git rev-list (see notes); < 150 MB'
        : size >= 1000
          ? 'faster than the vendor snippet'
          : 'informative'
    )
    measured.push({ commits: actual, action, floor })
  }
  // Fixed costs (Node start-up, a few small git calls) cancel out between the two largest sizes.
  const [small, large] = measured.slice(-2)
  if (large && small && large.commits > small.commits) {
    const perCommit =
      (large.action - small.action) / (large.floor - small.floor)
    record(
      `Marginal cost, ${small.commits.toLocaleString('en')} → ${large.commits.toLocaleString('en')} commits`,
      ms(large.action - small.action),
      `git rev-list: ${ms(large.floor - small.floor)}`,
      `${perCommit.toFixed(2)}× git`,
      large.commits >= 90_000
        ? '≤ 1.3× git rev-list (see notes)'
        : 'informative'
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
    '≥ 5× faster'
  )
}

async function compare(): Promise<void> {
  const commits = Array.from({ length: COMPARE_COMMITS }, (_, i) => ({
    sha: (i + 1).toString(16).padStart(40, '0'),
    date: new Date(1_700_000_000_000 + i * 60_000).toISOString(),
    message: `change ${i}`
  }))
  const fake = await startFakeGitHub({
    latencyMs: LATENCY_MS,
    compare: () => ({ status: 'ahead', baseSha: 'b'.repeat(40), commits })
  })
  try {
    const api = createGitHubApi({
      token: 't',
      repository: 'o/r',
      baseUrl: fake.url
    })
    const head = commits.at(-1)?.sha ?? ''
    const choice = { ref: 'b'.repeat(40), source: 'input' as const }
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
      '≥ 3× faster'
    )
  } finally {
    await fake.close()
  }
}

function bundle(): void {
  const size = statSync(path.join(ACTION_DIR, 'dist/index.js')).size
  record(
    'Bundle: dist/index.js',
    `${(size / 1024).toFixed(0)} KiB`,
    '',
    '',
    'informative'
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
  bundle()
} finally {
  await server.close()
  rmSync(root, { recursive: true, force: true })
}

const table = [
  '| Figure | Action | Reference | Result | Budget |',
  '| --- | --- | --- | --- | --- |',
  ...rows.map((r) => `| ${r.join(' | ')} |`)
].join('\n')
const machine = `${process.version}, ${git(ACTION_DIR, '--version')}, ${spawnSync('nproc', { encoding: 'utf8' }).stdout.trim()} cores`
const report = `# Benchmarks\n\nMeasured by \`npm run bench\`${SMOKE ? ' --smoke' : ''} on ${new Date().toISOString().slice(0, 10)} (${machine}); medians of ${RUNS} runs. Absolute times on shared machines are noisy: read the ratios, measured in the same run.\n\n${table}\n${notes.length ? `\n${notes.join('\n')}\n` : ''}`
if (SMOKE) console.log('\n' + table)
else writeFileSync(path.join(ACTION_DIR, 'BENCHMARKS.md'), report)
