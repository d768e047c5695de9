/**
 * The backfill's GitHub sources at the edges of GitHub's listings: more runs than one query may
 * return, listings that end early once the window's base is found, and many pages of releases.
 * A fake GitHub API on loopback serves GitHub's published example payloads.
 */
import { afterAll, afterEach, describe, expect, it } from '@jest/globals'
import { PassThrough } from 'node:stream'
import { createGitClient } from '../src/git/client.js'
import { createGitHubApi } from '../src/github/api.js'
import { planBackfill } from '../src/backfill/plan.js'
import { planTable } from '../src/backfill/plan-table.js'
import { createProgress } from '../src/backfill/progress.js'
import { SourceError } from '../src/backfill/sources.js'
import {
  githubDeployments,
  releaseDeployments
} from '../src/backfill/github-sources.js'
import { workflowRunDeployments } from '../src/backfill/run-sources.js'
import {
  startFakeGitHub,
  type FakeGitHub,
  type FakeGitHubOptions,
  type FakeWorkflowRun
} from '../dev/fake-github-api.ts'
import { removeTestRepos, TestRepo } from '../__fixtures__/git-repo.js'
import { stdout } from '../__fixtures__/stdout.js'

afterAll(removeTestRepos)
const fakes: FakeGitHub[] = []
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()))
})

async function api(options: FakeGitHubOptions) {
  const fake = await startFakeGitHub(options)
  fakes.push(fake)
  const github = createGitHubApi({
    token: 'ghs_test',
    repository: 'octo-org/octo-repo',
    baseUrl: fake.url
  })
  return { fake, github }
}

const SHA = 'a'.repeat(40)
const minute = (n: number): string =>
  new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString()

/** `count` successful runs a minute apart, the newest first; `sameTime` puts them in one second. */
function runs(count: number, sameTime = false): FakeWorkflowRun[] {
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    workflow: 'deploy.yml',
    head_sha: SHA,
    head_branch: 'main',
    conclusion: 'success',
    created_at: minute(sameTime ? 0 : i),
    updated_at: minute(sameTime ? 1 : i + 1)
  }))
}

describe('workflow-runs', () => {
  it('reads past the 1,000 runs GitHub returns a query, asking again from the oldest seen', async () => {
    const { fake, github } = await api({ workflowRuns: runs(1150) })

    const found = await workflowRunDeployments(github, {
      workflow: 'deploy.yml',
      branch: 'main'
    })

    expect(found).toHaveLength(1150)
    expect(new Set(found.map((d) => d.source)).size).toBe(1150)
    const queries = fake.requests.filter((r) => r.includes('created='))
    // The oldest of the first 1,000 was created at minute 150.
    expect(queries[0]).toContain(
      `created=${encodeURIComponent(`<=${minute(150).replace('.000Z', 'Z')}`)}`
    )
  })

  it('fails rather than plan from part of the history when the listing cannot move on', async () => {
    const { github } = await api({ workflowRuns: runs(1001, true) })

    const listing = workflowRunDeployments(github, {
      workflow: 'deploy.yml',
      branch: 'main'
    })

    await expect(listing).rejects.toThrow(SourceError)
    await expect(listing).rejects.toThrow(
      'GitHub returns at most 1,000 a query'
    )
  })

  it('stops listing once a run before the window is found: the first one in it needs no more', async () => {
    const { fake, github } = await api({ workflowRuns: runs(900) })

    const found = await workflowRunDeployments(github, {
      workflow: 'deploy.yml',
      branch: 'main',
      since: minute(850)
    })

    expect(fake.requests).toHaveLength(1)
    expect(found.length).toBeLessThanOrEqual(100)
    expect(found.some((d) => d.deployedAt < minute(850))).toBe(true)
  })

  it('--until asks GitHub only for runs created by then', async () => {
    const { fake, github } = await api({ workflowRuns: runs(10) })

    const found = await workflowRunDeployments(github, {
      workflow: 'deploy.yml',
      branch: 'main',
      until: minute(5)
    })

    // Created by minute 5, so updated by minute 6: the plan drops the last by its time.
    expect(found.map((d) => d.deployedAt).sort()).toEqual(
      [1, 2, 3, 4, 5, 6].map(minute)
    )
    expect(fake.requests[0]).toContain(
      `created=${encodeURIComponent('<=2026-01-01T00:05:00Z')}`
    )
  })
})

describe('deployments', () => {
  const deployment = (id: number, time: string) => ({
    id,
    sha: SHA,
    environment: 'production',
    created_at: time,
    statuses: [{ state: 'success', created_at: time }]
  })

  it('looks up statuses only until a success before the window is found', async () => {
    // Newest first: ids 20..1, a minute apart.
    const list = Array.from({ length: 20 }, (_, i) =>
      deployment(20 - i, minute(20 - i))
    )
    const { fake, github } = await api({ deployments: list })

    const found = await githubDeployments(github, 'production', {
      since: minute(15),
      until: minute(18)
    })

    // 20 and 19 were created after the window: no look-up. 18..15 are in it, 14 is the base.
    expect(found.map((d) => d.source)).toEqual(
      [18, 17, 16, 15, 14].map((id) => `deployment #${id}`)
    )
    expect(fake.requests.filter((r) => r.includes('/statuses'))).toHaveLength(5)
  })

  it('a deployment that never reached success is not one, whatever came after', async () => {
    const { github } = await api({
      deployments: [
        {
          ...deployment(2, minute(2)),
          statuses: [
            { state: 'inactive', created_at: minute(9) },
            { state: 'failure', created_at: minute(3) }
          ]
        },
        {
          ...deployment(1, minute(1)),
          statuses: [
            { state: 'inactive', created_at: minute(9) },
            { state: 'success', created_at: minute(4) },
            { state: 'success', created_at: minute(2) }
          ]
        }
      ]
    })

    const found = await githubDeployments(github, 'production', {})

    // The first success is when it went live.
    expect(found).toEqual([
      {
        head: SHA,
        deployedAt: minute(2),
        source: 'deployment #1',
        id: 'deployment 1'
      }
    ])
  })
})

describe('releases', () => {
  it('reads every page, newest first, and takes each tag commit from the checkout', async () => {
    const repo = TestRepo.init()
    const heads = Array.from({ length: 110 }, (_, i) => {
      const sha = repo.commit(`c${i}`)
      repo.git('tag', `r${i}`)
      return sha
    })
    const { fake, github } = await api({
      releases: heads
        .map((_, i) => ({ tag_name: `r${i}`, published_at: minute(i) }))
        .reverse()
    })

    const found = await releaseDeployments(github, createGitClient(repo.dir), {
      includePrereleases: false
    })

    expect(found).toHaveLength(110)
    expect(found.at(-1)).toEqual({
      head: heads[0],
      deployedAt: minute(0),
      source: 'release r0',
      id: 'release 110' // the oldest: the fake numbers releases in the order given
    })
    expect(fake.requests).toEqual([
      'GET /repos/octo-org/octo-repo/releases?per_page=100&page=1',
      'GET /repos/octo-org/octo-repo/releases?per_page=100&page=2'
    ])
  })
})

describe('releases before the window', () => {
  it('stop the listing at the first one that counts: a prerelease before the window does not', async () => {
    const repo = TestRepo.init()
    const names = [
      ...Array.from({ length: 99 }, (_, i) => `r${i}`),
      'pre',
      'base',
      'older'
    ]
    // A commit each: releases of one commit would be one deployment.
    for (const name of names) repo.git('tag', name, repo.commit(name))
    const { fake, github } = await api({
      releases: [
        ...names
          .slice(0, 99)
          .map((tag_name, i) => ({ tag_name, published_at: minute(200 - i) })),
        { tag_name: 'pre', published_at: minute(40), prerelease: true },
        { tag_name: 'base', published_at: minute(30) },
        ...Array.from({ length: 99 }, () => ({
          tag_name: 'older',
          published_at: minute(20)
        }))
      ]
    })

    const found = await releaseDeployments(github, createGitClient(repo.dir), {
      includePrereleases: false,
      since: minute(50)
    })

    // Page 1 ends with the prerelease; page 2 holds the base, so page 3 is never read.
    expect(found.map((d) => d.source)).toContain('release base')
    expect(found.map((d) => d.source)).not.toContain('release pre')
    expect(fake.requests).toHaveLength(2)
  })
})

describe('progress', () => {
  it('draws a bar on a terminal', () => {
    const stream = Object.assign(new PassThrough(), {
      isTTY: true,
      columns: 80,
      cursorTo: () => true,
      clearLine: () => true,
      moveCursor: () => true
    }) as unknown as NodeJS.WriteStream
    let text = ''
    stream.on('data', (c: Buffer) => (text += c.toString()))
    const saved = process.env.CI
    delete process.env.CI
    try {
      const bar = createProgress(stream, () => undefined)
      bar.start(3)
      bar.update(3)
      bar.stop()
    } finally {
      if (saved !== undefined) process.env.CI = saved
    }
    expect(text).toContain('backfill [')
    expect(text).toContain('3/3 sent')
  })

  it('in a log, writes a line every five seconds at most', () => {
    let now = 0
    const lines: string[] = []
    const stream = new PassThrough() as unknown as NodeJS.WriteStream
    const progress = createProgress(
      stream,
      (l) => lines.push(l),
      () => now
    )

    progress.start(10)
    for (let done = 1; done <= 10; done++) {
      now += 1200
      progress.update(done)
    }

    expect(lines).toEqual([
      'backfill: 5 of 10 sent…',
      'backfill: 10 of 10 sent…'
    ])
  })
})

describe('plan', () => {
  it('orders deployments of the same second by their names as numbers: v2 before v10', async () => {
    const repo = TestRepo.init()
    const heads = Array.from({ length: 11 }, (_, i) => repo.commit(`c${i}`))
    const same = minute(0)
    const past = heads.map((head, i) => ({
      head,
      deployedAt: same,
      source: `tag v${i + 1}`,
      id: `tag v${i + 1}`
    }))

    const plan = await planBackfill(createGitClient(repo.dir), past.reverse(), {
      maxCommits: 100
    })

    expect(plan.map((p) => p.source)).toEqual(
      heads.map((_, i) => `tag v${i + 1}`)
    )
    expect(plan.map((p) => p.range.status)).toEqual([
      'first',
      ...Array<string>(10).fill('ahead')
    ])
  })
})

describe('planTable', () => {
  it('prints a source name from GitHub as one line that is no workflow command', () => {
    const table = planTable([
      {
        head: SHA,
        base: null,
        commitCount: 1,
        rangeStatus: 'first',
        deployedAt: minute(0),
        source: 'release x\n::error::owned ##[warning]y',
        status: 'planned'
      }
    ])

    const lines = table.split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[1]).toMatch(/ release x ::error::owned ## \[warning\]y$/)
  })
})

describe('planBackfill', () => {
  /** c1..c5 on one line; deployments of c1, c3, a commit the clone lacks, c5, then c3 again. */
  function history() {
    const repo = TestRepo.init()
    const c = [0, ...Array.from({ length: 5 }, (_, i) => i + 1)].map((i) =>
      i === 0 ? '' : repo.commit(`c${i}`)
    )
    const gone = 'f'.repeat(40)
    const past = [
      { head: c[1], deployedAt: minute(1), source: 'd1', id: 'd1' },
      { head: c[3], deployedAt: minute(2), source: 'd2', id: 'd2' },
      { head: gone, deployedAt: minute(3), source: 'd3', id: 'd3' },
      { head: c[5], deployedAt: minute(4), source: 'd4', id: 'd4' },
      { head: c[3], deployedAt: minute(5), source: 'd5', id: 'd5' }
    ]
    return { git: createGitClient(repo.dir), repo, c, gone, past }
  }

  it('plans each from the one before: first, ahead, a missing head, a missing base, a rollback', async () => {
    const { git, repo, c, gone, past } = history()

    const plan = await planBackfill(git, past, { maxCommits: 100 })

    expect(
      plan.map((p) => [p.source, p.base, p.range.status, p.range.shas])
    ).toEqual([
      ['d1', undefined, 'first', [c[1]]],
      ['d2', c[1], 'ahead', repo.revList(`${c[1]}..${c[3]}`)],
      ['d3', c[3], 'unavailable', [gone]],
      ['d4', gone, 'unavailable', [c[5]]],
      ['d5', c[5], 'behind', [c[3]]]
    ])
    expect(plan[0].range.baseSource).toBe('none')
    expect(plan[1].range.baseSource).toBe('previous-deployment')
    expect(stdout.text()).toContain(
      `::warning::d3: head ${gone} is not in the checkout (never merged, or force-pushed away): only head is sent.`
    )
  })

  it("the window includes its ends; one before it is the first one's base", async () => {
    const { git, c, past } = history()

    const plan = await planBackfill(git, past, {
      maxCommits: 100,
      since: minute(2),
      until: minute(4)
    })

    expect(plan.map((p) => [p.source, p.base])).toEqual([
      ['d2', c[1]],
      ['d3', c[3]],
      ['d4', 'f'.repeat(40)]
    ])
  })

  it('cuts each range at max-commits, keeping head', async () => {
    const { git, c, past } = history()

    const plan = await planBackfill(git, past.slice(0, 2), { maxCommits: 1 })

    expect(plan[1].range).toMatchObject({
      shas: [c[3]],
      total: 2,
      truncated: true
    })
  })
})
