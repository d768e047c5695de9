/** Multitudes' record: the check before every POST, and the record's base at a distance. */
import path from 'node:path'
import { createGitClient } from '../../src/git/client.ts'
import { createMultitudesClient } from '../../src/multitudes-client.ts'
import { recordBase } from '../../src/record/lookup.ts'
import { gitMembership } from '../../src/record/membership.ts'
import { createRecord } from '../../src/record/reader.ts'
import {
  startMultitudesServer,
  type MultitudesServer
} from '../multitudes-server.ts'
import { runLikeRunner } from '../run-action.ts'
import { check, KEY, postingInputs, pushOf, type Bench } from './context.ts'
import { count, ms, msSample, timed } from './measure.ts'
import { all, anySize, atMost } from './verdicts.ts'
import { generateRepo, git } from './repo.ts'

/**
 * Multitudes' record: what the check before every POST costs a normal run, and how far the
 * `multitudes` base is found behind other repositories' records at 100 ms a request.
 */
export async function multitudesRecord(bench: Bench): Promise<void> {
  const repo = generateRepo(path.join(bench.root, 'record'), 20)
  const [head, live] = git(repo, 'rev-list', '-2', 'HEAD').split('\n')
  await checkBeforePost(bench, repo, head, live)
  await baseAtDistance(bench, repo, head, live)
}

/** A push deployed twice: the first run's GETs, and the POSTs of the re-run (none). */
async function checkBeforePost(
  bench: Bench,
  repo: string,
  head: string,
  live: string
): Promise<void> {
  const server = await startMultitudesServer()
  try {
    const deploy = pushRun(repo, head, live, server.url)
    check(await deploy(), 1, true)
    const gets = server.requests.filter((r) => r.method === 'GET').length
    const again = await deploy()
    const rerunPosts = server.posts() - 1
    if (!again.outputs.skipped.startsWith('already recorded'))
      throw new Error(
        `the re-run was not skipped: ${again.stdout.slice(-2000)}`
      )
    bench.report.record(
      'Check before the POST: GET requests of a normal run (push, one commit)',
      `${gets} GET`,
      `a re-run: ${rerunPosts} POST`,
      '',
      1,
      all(
        anySize(atMost(gets, 1, count)),
        anySize(atMost(rerunPosts, 0, count))
      )
    )
  } finally {
    await server.close()
  }
}

/** A one-commit push of `head` over `live`, run the way the runner runs it. */
function pushRun(repo: string, head: string, live: string, url: string) {
  return () =>
    runLikeRunner({ ...pushOf(repo, live, head), inputs: postingInputs(url) })
}

const LATENCY_MS = 100

/** The `multitudes` base (`live`) behind 900 newer records of other repositories. */
async function baseAtDistance(
  bench: Bench,
  repo: string,
  head: string,
  live: string
): Promise<void> {
  const slow = await startMultitudesServer({ latencyMs: LATENCY_MS })
  try {
    seed(slow, live)
    const lookUp = baseLookup(slow.url, repo, head, live)
    const runs = 3
    slow.requests.length = 0
    const elapsed = await timed(lookUp, runs)
    const requests = slow.requests.length / runs
    bench.report.record(
      `Base from Multitudes' record behind 900 other repositories' records, ${LATENCY_MS} ms latency`,
      `${msSample(elapsed)}, ${requests} requests`,
      '',
      '',
      runs,
      all(
        atMost(elapsed.median, 1500, ms),
        anySize(atMost(requests, 10, count))
      )
    )
  } finally {
    await slow.close()
  }
}

/** The action's look-up of base in the record, which fails unless it finds `live`. */
function baseLookup(url: string, repo: string, head: string, live: string) {
  const client = createMultitudesClient({
    url: new URL(url),
    apiKey: KEY,
    timeoutMs: 10_000,
    maxAttempts: 1
  })
  const membership = gitMembership(createGitClient(repo))
  return async () => {
    const found = await recordBase(
      createRecord(client, { includeTests: false, warn: console.warn }),
      'production',
      head,
      membership
    )
    if (found?.sha !== live)
      throw new Error(`found base ${found?.sha}, expected ${live}`)
  }
}

/** Ours, then 900 newer deployments of other repositories, then 2,000 older ones. */
function seed(server: MultitudesServer, live: string): void {
  const at = (minutes: number) =>
    new Date(Date.UTC(2026, 0, 1) + minutes * 60_000).toISOString()
  server.deployments.push(
    ...Array.from({ length: 2000 }, (_, i) => stored(`old${i}`, at(i))),
    stored(live, at(5000)),
    ...Array.from({ length: 900 }, (_, i) => stored(`other${i}`, at(6000 + i)))
  )
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
