/** The GitHub API: compare pagination, its cap, and the previous deployment's search. */
import { createGitHubApi } from '../../src/github/api.ts'
import { rangeFromApi } from '../../src/range/compare-api.ts'
import { previousDeploymentSha } from '../../src/range/previous-deployment.ts'
import { startFakeGitHub, type FakeDeployment } from '../fake-github-api.ts'
import type { Bench } from './context.ts'
import { count, ms, msSample, ratio, timed, times } from './measure.ts'
import { anySize, all, atLeast, atMost } from './verdicts.ts'

const LATENCY_MS = 50
const GITHUB_LATENCY_MS = 100

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

export async function compare(bench: Bench): Promise<void> {
  const total = bench.compareCommits
  const { fake, api, head, choice } = await syntheticCompare(total)
  try {
    fake.requests.length = 0
    const concurrent = await timed(
      () => rangeFromApi(api, head, choice, { maxCommits: 100_000 }),
      3
    )
    const trips = fake.requests.length / 3
    const sequential = await timed(async () => {
      const pages = Math.ceil(total / 100)
      for (let page = 1; page <= pages; page++)
        await api.compare(choice.ref, head, page)
    }, 3)
    bench.report.record(
      `Compare API, ${total.toLocaleString('en')} commits, ${LATENCY_MS} ms latency`,
      `${msSample(concurrent)}, ${trips} round trips`,
      `pages one after another: ${msSample(sequential)}`,
      `${ratio(sequential.median, concurrent.median)} faster`,
      3,
      atLeast(sequential.median / concurrent.median, 3, times)
    )
  } finally {
    await fake.close()
  }
}

/** Base behind 1,000 preview deployments and 20 failed production ones, at 100 ms a request. */
export async function previousDeployment(bench: Bench): Promise<void> {
  const live = 'a'.repeat(40)
  const fake = await startFakeGitHub({
    latencyMs: GITHUB_LATENCY_MS,
    deployments: behindPreviews(live)
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
      const sha = await quietly(() =>
        previousDeploymentSha(api, 'production', { ownRunIds: [1] })
      )
      if (sha !== live) throw new Error(`found base ${sha}, expected ${live}`)
    }, runs)
    const requests = fake.requests.length / runs
    bench.report.record(
      `Previous deployment behind 1,000 previews and 20 failed deploys, ${GITHUB_LATENCY_MS} ms latency`,
      `${msSample(elapsed)}, ${requests} requests`,
      '',
      '',
      runs,
      // 1 listing and 21 status look-ups for the exact name, then the rest of the search's
      // 10 pages on every environment, for other cases of the name (in batches: 4 round trips).
      all(
        atMost(elapsed.median, 1500, ms),
        anySize(atMost(requests, 31, count))
      )
    )
  } finally {
    await fake.close()
  }
}

/** 1,000 previews and 20 failed production deployments, newer than the live one (`live`). */
function behindPreviews(live: string): FakeDeployment[] {
  const deployment = (
    id: number,
    environment: string,
    state: string,
    sha = 'c'.repeat(40)
  ): FakeDeployment => ({ id, sha, environment, statuses: [{ state }] })
  return [
    ...Array.from({ length: 1000 }, (_, i) =>
      deployment(10_000 - i, `preview-${i}`, 'success')
    ),
    ...Array.from({ length: 20 }, (_, i) =>
      deployment(5_000 - i, 'production', 'failure')
    ),
    deployment(100, 'production', 'success', live)
  ]
}

/** The compare API under `max-commits`: only the pages that hold the newest commits. */
export async function compareCapped(bench: Bench): Promise<void> {
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
    bench.report.record(
      `Compare API, ${total.toLocaleString('en')} commits, max-commits ${maxCommits}, ${LATENCY_MS} ms latency`,
      `${msSample(elapsed)}, ${requests} requests`,
      `every page: ${total / 100} requests`,
      '',
      runs,
      anySize(atMost(requests, 1 + maxCommits / 100, count))
    )
  } finally {
    await fake.close()
  }
}

/**
 * Runs the action's code in this process without its log lines: they are for a job's log (a
 * debug line per skipped deployment here), not for the bench's table.
 */
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const write = process.stdout.write.bind(process.stdout)
  process.stdout.write = () => true
  try {
    return await fn()
  } finally {
    process.stdout.write = write
  }
}
