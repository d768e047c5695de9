/** A backfill of release tags over a long history: plan, post, re-run, and planning against git. */
import { execFileSync, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import {
  startMultitudesServer,
  type MultitudesServer
} from '../multitudes-server.ts'
import { ACTION_DIR } from '../run-action.ts'
import { KEY, type Bench } from './context.ts'
import { count, mb, ms, msSample, ratio, timed, times } from './measure.ts'
import { anySize, all, atMost } from './verdicts.ts'
import { generateRepo, git, GIT_ENV } from './repo.ts'

/** Runs the bundled CLI; returns its exit code, stdout and peak memory (MB). */
async function runCli(
  root: string,
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
export async function backfill(bench: Bench): Promise<void> {
  const server = await startMultitudesServer()
  try {
    await backfillOn(bench, server)
  } finally {
    await server.close()
  }
}

async function backfillOn(
  bench: Bench,
  server: MultitudesServer
): Promise<void> {
  const { report, backfill: size } = bench
  const { repo, tagged } = taggedRepo(bench)
  const cli = backfillCli(bench, repo, server.url)
  // The same ranges, one `git rev-list` each: what planning cannot do with less.
  const floor = await timed(() => {
    for (let i = 1; i < tagged.length; i++)
      execFileSync('git', ['rev-list', `${tagged[i - 1]}..${tagged[i]}`], {
        cwd: repo,
        maxBuffer: 1 << 30
      })
  }, 3)
  const plan = await timed(() => cli.plan(), 3)
  let rss = 0
  const full = await timed(async () => {
    rss = Math.max(rss, await cli.post(`"posted": ${size.tags}`))
  }, 1)
  report.record(
    `Backfill: ${size.tags} tags over ${size.commits.toLocaleString('en')} commits, plan and post (--rate 100)`,
    ms(full.median),
    `plan alone: ${msSample(plan)}`,
    `peak ${mb(rss)}`,
    1,
    all(atMost(full.median, 20_000, ms), atMost(rss, 200, mb)),
    true
  )
  await rerunWithoutState(bench, server, cli)
  report.record(
    `Backfill planning against git rev-list over the same ${size.tags} ranges`,
    msSample(plan),
    `git rev-list × ${size.tags - 1}: ${msSample(floor)}`,
    `${ratio(plan.median, floor.median)} git`,
    3,
    atMost(plan.median / floor.median, 2, times)
  )
}

/** A generated history with `size.tags` tags `v1`, `v2`, … spread evenly along it. */
function taggedRepo(bench: Bench): { repo: string; tagged: string[] } {
  const { root, backfill: size } = bench
  const repo = generateRepo(path.join(root, 'backfill'), size.commits)
  const shas = git(repo, 'rev-list', '--reverse', 'HEAD').split('\n')
  const step = Math.floor(shas.length / size.tags)
  const tagged = Array.from(
    { length: size.tags },
    (_, i) => shas[(i + 1) * step - 1]
  )
  execFileSync('git', ['update-ref', '--stdin'], {
    cwd: repo,
    env: GIT_ENV,
    input: tagged
      .map((sha, i) => `create refs/tags/v${i + 1} ${sha}\n`)
      .join('')
  })
  return { repo, tagged }
}

type BackfillCli = ReturnType<typeof backfillCli>

/**
 * The backfill CLI over the tags, each run with a new state file: a dry run's plan, and a run
 * that posts (its peak memory in MB), which fails unless its JSON summary says `expected`.
 */
function backfillCli(bench: Bench, repo: string, url: string) {
  const { root, backfill: size } = bench
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
  return {
    async plan(): Promise<void> {
      const r = await runCli(root, repo, args('--dry-run', '--json'))
      if (r.code !== 0 || !r.stdout.includes(`"planned": ${size.tags}`))
        throw new Error(`the backfill plan failed (exit ${r.code})`)
    },
    async post(expected: string): Promise<number> {
      const r = await runCli(
        root,
        repo,
        args('--api-url', url, '--rate', '100', '--json'),
        { MULTITUDES_API_KEY: KEY }
      )
      if (r.code !== 0 || !r.stdout.includes(expected))
        throw new Error(`the backfill run failed (exit ${r.code})`)
      return r.rssMb
    }
  }
}

/** The state file is lost: every deployment is found in Multitudes' record instead. */
async function rerunWithoutState(
  bench: Bench,
  server: MultitudesServer,
  cli: BackfillCli
): Promise<void> {
  const { tags } = bench.backfill
  const posts = server.posts()
  await cli.post(`"skipped": ${tags}`)
  bench.report.record(
    `Backfill of ${tags} deployments run again without its state file: POSTs sent again`,
    count(server.posts() - posts),
    '',
    '',
    1,
    anySize(atMost(server.posts() - posts, 0, count))
  )
}
