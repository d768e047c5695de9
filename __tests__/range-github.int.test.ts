/**
 * The commit range with GitHub in the loop: previous deployments and the compare API from a
 * fake GitHub API on loopback (bodies from GitHub's published examples), git from real
 * repositories.
 */
import { afterAll, afterEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { RunContext } from '../src/context.js'
import { createGitClient } from '../src/git/client.js'
import { createGitHubApi, GitHubApiError } from '../src/github/api.js'
import type { Inputs } from '../src/inputs.js'
import { resolveRange } from '../src/range/resolve.js'
import {
  compareFromGit,
  startFakeGitHub,
  type FakeDeployment,
  type FakeGitHub,
  type FakeGitHubOptions
} from '../dev/fake-github-api.ts'
import { removeTestRepos, TestRepo } from '../__fixtures__/git-repo.js'
import { testContext, testInputs } from '../__fixtures__/inputs.js'

afterAll(removeTestRepos)
const fakes: FakeGitHub[] = []
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()))
})

const RUN_ID = 4242
const OWN_RUN = `https://github.com/octo-org/octo-repo/actions/runs/${RUN_ID}/job/1`
const OTHER_RUN =
  'https://github.com/octo-org/octo-repo/actions/runs/1000/job/1'

async function resolve(
  workspace: string,
  inputs: Partial<Inputs>,
  github: FakeGitHubOptions,
  ctx: Partial<RunContext> = {}
) {
  const fake = await startFakeGitHub(github)
  fakes.push(fake)
  const api = createGitHubApi({
    token: 'ghs_test',
    repository: 'octo-org/octo-repo',
    baseUrl: fake.url
  })
  const result = await resolveRange(
    testInputs(inputs),
    testContext({ runId: RUN_ID, ...ctx }),
    {
      git: createGitClient(workspace),
      github: api
    }
  )
  return { range: result.range, commits: await result.commits(), fake }
}

function repoCompare(
  repo: TestRepo
): NonNullable<FakeGitHubOptions['compare']> {
  return compareFromGit(
    (...args) => repo.revList(...args),
    (a, b) => repo.revList(`${b}..${a}`).length === 0
  )
}

const deployment = (
  id: number,
  sha: string,
  state: string,
  environment = 'production',
  url = OTHER_RUN
): FakeDeployment => ({
  id,
  sha,
  environment,
  statuses: [{ state, log_url: url }]
})

describe('strategy previous-deployment', () => {
  it('sends every PR merged in separate pushes since the last deployment', async () => {
    const repo = TestRepo.init()
    const live = repo.commit('live')
    const prs = [1, 2, 3].map((n) =>
      repo.mergePullRequest(`pr-${n}`, `Merge pull request #${n}`)
    )

    const { range } = await resolve(
      repo.dir,
      { strategy: 'previous-deployment' },
      {
        deployments: [deployment(7, live, 'success')]
      },
      { sha: repo.head() }
    )

    expect(range).toMatchObject({
      baseSource: 'previous-deployment',
      base: live,
      status: 'ahead'
    })
    expect(range.shas).toEqual(repo.revList(`${live}..HEAD`))
    for (const merge of prs) expect(range.shas).toContain(merge)
    expect(range.shas).toHaveLength(6)
  })

  it('skips a failed deployment, so its commits ship with the next one', async () => {
    const repo = TestRepo.init()
    const live = repo.commit('live')
    const failed = repo.commit('deploy that failed')
    const head = repo.commit('fix')

    const { range } = await resolve(
      repo.dir,
      { strategy: 'previous-deployment' },
      {
        deployments: [
          deployment(9, failed, 'failure'),
          deployment(8, live, 'success')
        ]
      },
      { sha: head }
    )

    expect(range.base).toBe(live)
    expect(range.shas).toEqual([head, failed])
  })

  it('takes the newest inactive deployment and skips this run’s own, listed first', async () => {
    const repo = TestRepo.init()
    const older = repo.commit('older')
    const live = repo.commit('live')
    const head = repo.commit('new')

    const { range, fake } = await resolve(
      repo.dir,
      { strategy: 'previous-deployment' },
      {
        deployments: [
          deployment(12, head, 'in_progress', 'production', OWN_RUN),
          deployment(11, head, 'success', 'production', OWN_RUN),
          deployment(10, live, 'inactive'),
          deployment(9, older, 'inactive')
        ]
      },
      { sha: head }
    )

    expect(range).toMatchObject({ base: live, shas: [head] })
    expect(fake.requests[0]).toBe(
      'GET /repos/octo-org/octo-repo/deployments?per_page=100&page=1&environment=production'
    )
  })

  it('compares environment names without case', async () => {
    const repo = TestRepo.init()
    const live = repo.commit('live')
    const head = repo.commit('new')

    const { range } = await resolve(
      repo.dir,
      { strategy: 'previous-deployment', environment: 'production' },
      {
        deployments: [
          deployment(2, head, 'success', 'staging'),
          deployment(1, live, 'success', 'Production')
        ]
      },
      { sha: head }
    )

    expect(range).toMatchObject({ base: live, shas: [head] })
  })

  it('finds no base on a first deployment: [head], first', async () => {
    const repo = TestRepo.init()
    repo.commits(3, 'history')

    const { range } = await resolve(
      repo.dir,
      { strategy: 'previous-deployment' },
      { deployments: [] },
      { sha: repo.head() }
    )

    expect(range).toMatchObject({
      status: 'first',
      shas: [repo.head()],
      baseSource: 'none'
    })
  })

  it('marks a redeploy identical and a rollback behind', async () => {
    const repo = TestRepo.init()
    const old = repo.commit('old')
    const live = repo.commit('live')

    const redeploy = await resolve(
      repo.dir,
      { strategy: 'previous-deployment' },
      { deployments: [deployment(1, live, 'success')] },
      { sha: live }
    )
    const rollback = await resolve(
      repo.dir,
      { strategy: 'previous-deployment' },
      { deployments: [deployment(1, live, 'success')] },
      { sha: old }
    )

    expect(redeploy.range).toMatchObject({ status: 'identical', shas: [live] })
    expect(rollback.range).toMatchObject({ status: 'behind', shas: [old] })
  })

  it('says which token permission is missing on a 403', async () => {
    const repo = TestRepo.init()
    repo.commit('c')
    const attempt = resolve(
      repo.dir,
      { strategy: 'previous-deployment' },
      {
        faults: [
          {
            path: /deployments$/,
            status: 403,
            body: { message: 'Resource not accessible by integration' }
          }
        ]
      },
      { sha: repo.head() }
    )

    await expect(attempt).rejects.toThrow(GitHubApiError)
    await expect(attempt).rejects.toMatchObject({
      hint: expect.stringContaining('deployments: read')
    })
  })

  it('auto falls back to the push event when deployments cannot be read', async () => {
    const repo = TestRepo.init()
    const before = repo.commit('before')
    const head = repo.commit('pushed')

    const { range } = await resolve(
      repo.dir,
      {},
      {
        faults: [
          {
            path: /deployments$/,
            status: 403,
            body: { message: 'Resource not accessible by integration' }
          }
        ]
      },
      { sha: head, eventName: 'push', pushBefore: before }
    )

    expect(range).toMatchObject({ baseSource: 'push', shas: [head] })
  })

  it('auto prefers the previous deployment to the push event', async () => {
    const repo = TestRepo.init()
    const live = repo.commit('live')
    const before = repo.commit('pushed earlier, deploy skipped')
    const head = repo.commit('pushed now')

    const { range } = await resolve(
      repo.dir,
      {},
      { deployments: [deployment(1, live, 'success')] },
      {
        sha: head,
        eventName: 'push',
        pushBefore: before
      }
    )

    expect(range).toMatchObject({
      baseSource: 'previous-deployment',
      shas: [head, before]
    })
  })

  it('sends all three PRs of a merge-queue batch', async () => {
    const repo = TestRepo.init()
    const live = repo.commit('live')
    const merges = [1, 2, 3].map((n) =>
      repo.mergePullRequest(
        `queue-${n}`,
        `Merge pull request #${n} (merge queue)`
      )
    )

    const { range } = await resolve(
      repo.dir,
      {},
      { deployments: [deployment(1, live, 'success')] },
      {
        eventName: 'workflow_run',
        eventHead: repo.head()
      }
    )

    expect(range.shas).toHaveLength(6)
    for (const merge of merges) expect(range.shas).toContain(merge)
  })
})

describe('the compare API source', () => {
  function syntheticCompare(count: number): FakeGitHubOptions['compare'] {
    const commits = Array.from({ length: count }, (_, i) => ({
      sha: (i + 1).toString(16).padStart(40, '0'),
      // Dates out of order, as rebases leave them: the API's order is what counts.
      date: new Date(
        1_700_000_000_000 + ((i * 7919) % count) * 60_000
      ).toISOString(),
      message: `change ${i + 1}\n\nbody`
    }))
    return () => ({ status: 'ahead', baseSha: 'b'.repeat(40), commits })
  }

  it('pages through 620 commits in 7 round trips and sends them all, newest first', async () => {
    const head = (620).toString(16).padStart(40, '0')
    const empty = mkdtempSync(path.join(tmpdir(), 'no-checkout-'))

    const { range, commits, fake } = await resolve(
      empty,
      { commitSource: 'api', base: 'b'.repeat(40) },
      { compare: syntheticCompare(620) },
      { sha: head }
    )

    expect(range).toMatchObject({
      source: 'api',
      status: 'ahead',
      total: 620,
      truncated: false
    })
    expect(range.shas).toEqual(
      Array.from({ length: 620 }, (_, i) =>
        (620 - i).toString(16).padStart(40, '0')
      )
    )
    expect(commits[0]).toMatchObject({ sha: head, subject: 'change 620' })
    expect(fake.requests).toHaveLength(7)
    expect(fake.requests.every((r) => r.includes('per_page=100'))).toBe(true)
  })

  it('cuts at max-commits, keeping the newest', async () => {
    const head = (300).toString(16).padStart(40, '0')
    const empty = mkdtempSync(path.join(tmpdir(), 'no-checkout-'))

    const { range } = await resolve(
      empty,
      { commitSource: 'api', base: 'b'.repeat(40), maxCommits: 10 },
      { compare: syntheticCompare(300) },
      { sha: head }
    )

    expect(range).toMatchObject({ total: 300, truncated: true })
    expect(range.shas).toEqual(
      Array.from({ length: 10 }, (_, i) =>
        (300 - i).toString(16).padStart(40, '0')
      )
    )
  })

  it('matches git rev-list on a real repository with merges', async () => {
    const repo = TestRepo.init()
    const base = repo.commit('base')
    repo.git('checkout', '-q', '-b', 'feature')
    repo.commits(2, 'feature')
    repo.git('checkout', '-q', 'main')
    repo.commit('main')
    repo.git('merge', '-q', '--no-ff', '-m', 'merge', 'feature')
    const empty = mkdtempSync(path.join(tmpdir(), 'no-checkout-'))

    const { range } = await resolve(
      empty,
      { commitSource: 'api', base },
      { compare: repoCompare(repo) },
      { sha: repo.head() }
    )

    expect(range.shas).toEqual(repo.revList(`${base}..HEAD`))
  })

  it('no common ancestor (404): [head], unavailable', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'no-checkout-'))
    const head = 'a'.repeat(40)

    const { range } = await resolve(
      empty,
      { commitSource: 'api', base: 'b'.repeat(40) },
      { compare: () => undefined, commits: ['b'.repeat(40)] },
      { sha: head }
    )

    expect(range).toMatchObject({
      status: 'unavailable',
      shas: [head],
      source: 'api'
    })
  })

  it('auto uses the API when there is no checkout', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'no-checkout-'))
    const head = (5).toString(16).padStart(40, '0')

    const { range } = await resolve(
      empty,
      { base: 'b'.repeat(40) },
      { compare: syntheticCompare(5) },
      { sha: head }
    )

    expect(range).toMatchObject({
      source: 'api',
      shas: expect.arrayContaining([head])
    })
    expect(range.shas).toHaveLength(5)
  })

  it('retries a GitHub 5xx', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'no-checkout-'))
    const head = (3).toString(16).padStart(40, '0')

    const { range, fake } = await resolve(
      empty,
      { commitSource: 'api', base: 'b'.repeat(40) },
      {
        compare: syntheticCompare(3),
        faults: [{ path: /compare/, status: 502 }]
      },
      { sha: head }
    )

    expect(range.shas).toHaveLength(3)
    expect(fake.requests).toHaveLength(2)
  })
})
