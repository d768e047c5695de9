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
import {
  onePerCommit,
  SourceError,
  tagDeployments
} from '../src/backfill/sources.js'
import {
  allPages,
  githubDeployments,
  NARROW,
  releaseDeployments
} from '../src/backfill/github-sources.js'
import { pastExpected } from '../src/input-parsers.js'
import { workflowRunDeployments } from '../src/backfill/run-sources.js'
import {
  startFakeGitHub,
  type FakeGitHub,
  type FakeGitHubOptions,
  type FakeWorkflowRun
} from '../dev/fake-github-api.ts'
import { removeTestRepos, TestRepo } from '../__fixtures__/git-repo.js'
import { withEnv } from '../__fixtures__/action-env.js'
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
    const { fake, github } = await api({ workflowRuns: runs(1001, true) })

    const listing = workflowRunDeployments(github, {
      workflow: 'deploy.yml',
      branch: 'main'
    })

    await expect(listing).rejects.toThrow(SourceError)
    await expect(listing).rejects.toThrow(
      'GitHub returns at most 1,000 a query'
    )
    // Ten pages, then ten more that add nothing new: it stops there.
    expect(fake.requests).toHaveLength(20)
  })

  it('a short page ends the listing; exactly 1,000 runs are all of them', async () => {
    const short = await api({ workflowRuns: runs(150) })
    const full = await api({ workflowRuns: runs(1000) })

    const few = await workflowRunDeployments(short.github, {
      workflow: 'deploy.yml',
      branch: 'main'
    })
    const all = await workflowRunDeployments(full.github, {
      workflow: 'deploy.yml',
      branch: 'main'
    })

    expect([few.length, short.fake.requests.length]).toEqual([150, 2])
    expect([all.length, full.fake.requests.length]).toEqual([1000, 10])
  })

  it('reads on while every run listed is in the window, and stops at the page with one before it', async () => {
    // Newest first: page 1 was updated from minute 300 down to 201, page 2 from 200 down.
    const { fake, github } = await api({ workflowRuns: runs(300) })

    await workflowRunDeployments(github, {
      workflow: 'deploy.yml',
      branch: 'main',
      since: minute(201)
    })

    expect(fake.requests).toHaveLength(2)
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
  it('draws a bar on a terminal', async () => {
    const stream = Object.assign(new PassThrough(), {
      isTTY: true,
      columns: 80,
      cursorTo: () => true,
      clearLine: () => true,
      moveCursor: () => true
    }) as unknown as NodeJS.WriteStream
    let text = ''
    stream.on('data', (c: Buffer) => (text += c.toString()))
    await withEnv({ CI: undefined }, () => {
      const bar = createProgress(stream, () => undefined)
      bar.start(3)
      bar.update(3)
      bar.stop()
    })
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

describe('allPages', () => {
  const page = (n: number): number[] => Array.from({ length: n }, (_, i) => i)

  it('reads until a short page, and an empty one ends it too', async () => {
    const asked: number[] = []
    const sizes = [100, 100, 5]
    const items = await allPages('things', (p) => {
      asked.push(p)
      return Promise.resolve(page(sizes[p - 1]))
    })
    const thenEmpty = [100, 0]
    const empty = await allPages('things', (p) =>
      Promise.resolve(page(thenEmpty[p - 1]))
    )

    expect(asked).toEqual([1, 2, 3])
    expect(items).toHaveLength(205)
    expect(empty).toHaveLength(100)
  })

  it('stops at the page where enough says the rest is older', async () => {
    const asked: number[] = []

    const items = await allPages(
      'things',
      (p) => {
        asked.push(p)
        return Promise.resolve(page(100).map((i) => p * 1000 + i))
      },
      (item) => item === 2050
    )

    expect(asked).toEqual([1, 2])
    expect(items).toHaveLength(200)
  })

  it('refuses a listing longer than 100 full pages, rather than plan from part of it', async () => {
    let asked = 0
    const listing = allPages('things', () => {
      asked++
      return Promise.resolve(page(100))
    })

    await expect(listing).rejects.toThrow(
      new SourceError(
        'GitHub lists more than 10000 things; the backfill reads no more than that.',
        NARROW
      )
    )
    await expect(listing).rejects.toMatchObject({ hint: NARROW })
    expect(asked).toBe(100)
  })
})

describe('releases the checkout cannot place', () => {
  /** r0..r6 on commits dated 2023-11; the checkout has tags for those in `tagged`. */
  async function releases(
    published: string,
    tagged: number[],
    annotated = false
  ) {
    const repo = TestRepo.init()
    for (let i = 0; i < 7; i++) {
      const sha = repo.commit(`c${i}`)
      if (!tagged.includes(i)) continue
      if (annotated) repo.git('tag', '-a', '-m', `r${i}`, `r${i}`, sha)
      else repo.git('tag', `r${i}`, sha)
    }
    const { github } = await api({
      releases: Array.from({ length: 7 }, (_, i) => ({
        tag_name: `r${6 - i}`,
        published_at: published
      }))
    })
    return releaseDeployments(github, createGitClient(repo.dir), {
      includePrereleases: false
    })
  }
  const FETCH =
    'Fetch the tags (git fetch --tags, or actions/checkout with fetch-depth: 0) and run again.'
  const RETAG =
    'Point each tag back at the commit that was released (git tag -f <tag> <commit>, then push the tag), and run again.'

  it('one release whose tag the checkout lacks stops the run, naming it', async () => {
    const listing = releases(minute(0), [0, 1, 2, 4, 5, 6])

    await expect(listing).rejects.toThrow(
      new SourceError(
        '1 release names a tag the checkout does not have: r3. Nothing was sent.',
        FETCH
      )
    )
    await expect(listing).rejects.toMatchObject({ hint: FETCH })
  })

  it('six name the first five, newest first, and say there are more', async () => {
    await expect(releases(minute(0), [0])).rejects.toThrow(
      '6 releases name tags the checkout does not have: r6, r5, r4, r3, r2, …. Nothing was sent.'
    )
  })

  it('a tag whose commit is newer than its release moved since: the run stops, naming it', async () => {
    const published = '2023-01-01T00:00:00.000Z'
    const listing = releases(published, [0, 1, 2, 3, 4, 5, 6])

    await expect(listing).rejects.toThrow(SourceError)
    await expect(listing).rejects.toMatchObject({ hint: RETAG })
    await expect(listing).rejects.toThrow(
      /^7 releases name a commit made after they were published, so the tag moved since: r6 \(published 2023-01-01T00:00:00.000Z, its commit dated 2023-11-\d\dT\d\d:\d\d:\d\d\+00:00\), r5 .*, r2 \([^)]*\), …\. What shipped at published_at is unknown; nothing was sent\.$/
    )
  })

  it('an annotated tag is judged by its commit, not by when it was tagged', async () => {
    const listing = releases(
      '2023-01-01T00:00:00.000Z',
      [0, 1, 2, 3, 4, 5, 6],
      true
    )

    await expect(listing).rejects.toThrow(
      /^7 releases name a commit made after they were published, so the tag moved since: r6 \(published 2023-01-01T00:00:00.000Z, its commit dated 2023-11-/
    )
  })

  it('one moved tag is named in the singular', async () => {
    const repo = TestRepo.init()
    const sha = repo.commit('c0')
    repo.git('tag', 'r0', sha)
    const { github } = await api({
      releases: [{ tag_name: 'r0', published_at: '2023-01-01T00:00:00.000Z' }]
    })

    await expect(
      releaseDeployments(github, createGitClient(repo.dir), {
        includePrereleases: false
      })
    ).rejects.toThrow(
      /^1 release names a commit made after it was published, so the tag moved since: r0 \(published 2023-01-01T00:00:00.000Z, its commit dated [^)]+\)\. What/
    )
  })
})

describe('releases kept', () => {
  it('leaves out drafts, unpublished ones and prereleases unless asked; two of one commit are one, named as an alias', async () => {
    const repo = TestRepo.init()
    const [a, b] = repo.commits(2, 'c')
    for (const [tag, sha] of [
      ['v1', a],
      ['v1.0.1', a],
      ['v2-rc', b],
      ['v2-draft', b],
      ['v2-null', b]
    ])
      repo.git('tag', tag, sha)
    const { github } = await api({
      releases: [
        { tag_name: 'v2-null', published_at: null },
        { tag_name: 'v2-draft', published_at: minute(5), draft: true },
        { tag_name: 'v2-rc', published_at: minute(4), prerelease: true },
        { tag_name: 'v1.0.1', published_at: minute(3) },
        { tag_name: 'v1', published_at: minute(2) }
      ]
    })
    const git = createGitClient(repo.dir)

    const plain = await releaseDeployments(github, git, {
      includePrereleases: false
    })
    const withPre = await releaseDeployments(github, git, {
      includePrereleases: true
    })

    expect(plain).toEqual([
      {
        head: a,
        deployedAt: minute(2),
        source: 'release v1 (alias: release v1.0.1)',
        id: 'release 5'
      }
    ])
    expect(withPre.map((d) => [d.head, d.source])).toEqual([
      [b, 'release v2-rc'],
      [a, 'release v1 (alias: release v1.0.1)']
    ])
  })
})

describe('onePerCommit', () => {
  const d = (head: string, t: number, name: string) => ({
    head,
    deployedAt: minute(t),
    source: name,
    id: name
  })

  it('keeps the earliest of a commit shipped twice in a row, naming the others; the same commit after another is a rollback, kept', () => {
    const found = [
      d('b', 3, 'v2'),
      d('a', 2, 'v1.1'),
      d('a', 4, 'v1-again'),
      d('a', 1, 'v1'),
      d('a', 2, 'v1.0.1')
    ]

    expect(onePerCommit(found)).toEqual([
      d('b', 3, 'v2'),
      d('a', 4, 'v1-again'),
      { ...d('a', 1, 'v1'), source: 'v1 (alias: v1.0.1, v1.1)' }
    ])
  })
})

describe('tagDeployments', () => {
  it('dates a lightweight tag by its commit and an annotated one by its tagging; a tag of a tree is passed over', async () => {
    const repo = TestRepo.init()
    const [a, b] = repo.commits(2, 'c')
    repo.git('tag', 'v1', a)
    repo.gitAt('1800000000 +0000', 'tag', '-a', '-m', 'two', 'v2', b)
    repo.git('tag', '-a', '-m', 'tree', 'v3', `${b}^{tree}`)
    repo.git('tag', 'other', b)
    const committed = new Date(
      repo.git('log', '-1', '--format=%cI', a)
    ).toISOString()

    const found = await tagDeployments(createGitClient(repo.dir), 'v*')

    expect(found).toEqual([
      { head: a, deployedAt: committed, source: 'tag v1', id: 'tag v1' },
      {
        head: b,
        deployedAt: new Date(1_800_000_000_000).toISOString(),
        source: 'tag v2',
        id: 'tag v2'
      }
    ])
  })

  it('two tags of one commit are one deployment, the other named as an alias', async () => {
    const repo = TestRepo.init()
    const a = repo.commit('c')
    repo.git('tag', 'v1', a)
    repo.git('tag', 'v1.0.0', a)

    const found = await tagDeployments(createGitClient(repo.dir), 'v*')

    expect(found.map((d) => d.source)).toEqual(['tag v1 (alias: tag v1.0.0)'])
  })
})

describe('planBackfill: dates in the future', () => {
  const now = Date.UTC(2026, 5, 1)
  const at = (days: number): string =>
    new Date(now + days * 86_400_000).toISOString()

  it("refuses a deployment dated after this machine's clock, naming it; nothing is planned", async () => {
    const repo = TestRepo.init()
    const [a, b] = repo.commits(2, 'c')
    const past = [
      { head: a, deployedAt: at(-1), source: 'tag v1', id: 'tag v1' },
      { head: b, deployedAt: at(1), source: 'tag v2', id: 'tag v2' }
    ]

    const plan = planBackfill(createGitClient(repo.dir), past, {
      maxCommits: 100,
      now
    })

    await expect(plan).rejects.toThrow(
      new SourceError(
        `1 deployment is dated in the future: tag v2 (${at(1)}). Expected ${pastExpected(now)}. Nothing was sent.`,
        ''
      )
    )
    await expect(plan).rejects.toMatchObject({
      hint: 'Fix the date at its source (re-tag, or correct the clock that set it), or end the window before it with --until.'
    })
  })

  it('names five of six and says there are more, five alone with nothing more; one past the window is not refused', async () => {
    const repo = TestRepo.init()
    const a = repo.commit('c')
    const past = Array.from({ length: 6 }, (_, i) => ({
      head: a,
      deployedAt: at(i + 1),
      source: `d${i + 1}`,
      id: `d${i + 1}`
    }))
    const git = createGitClient(repo.dir)

    await expect(
      planBackfill(git, past, { maxCommits: 100, now })
    ).rejects.toThrow(
      `6 deployments are dated in the future: d1 (${at(1)}), d2 (${at(2)}), d3 (${at(3)}), d4 (${at(4)}), d5 (${at(5)}), …. Expected`
    )
    await expect(
      planBackfill(git, past.slice(0, 5), { maxCommits: 100, now })
    ).rejects.toThrow(
      `5 deployments are dated in the future: d1 (${at(1)}), d2 (${at(2)}), d3 (${at(3)}), d4 (${at(4)}), d5 (${at(5)}). Expected`
    )
    await expect(
      planBackfill(git, past, { maxCommits: 100, now, until: at(0) })
    ).resolves.toEqual([])
  })
})

describe('planBackfill: another line of history', () => {
  /**
   * main: c1 (v1), c2 (v2), c3 (v3); a maintenance branch from c1: m1 (v1.1), dated between v2
   * and v3; and from c0, before any deployment, o1.
   */
  function lines() {
    const repo = TestRepo.init()
    const c0 = repo.commit('c0')
    const c1 = repo.commit('c1')
    const c2 = repo.commit('c2')
    repo.git('checkout', '-q', '-b', 'maint', c1)
    const m1 = repo.commit('m1')
    repo.git('checkout', '-q', '-b', 'old', c0)
    const o1 = repo.commit('o1')
    repo.git('checkout', '-q', '-')
    repo.git('checkout', '-q', 'main')
    const c3 = repo.commit('c3')
    const d = (head: string, t: number, name: string) => ({
      head,
      deployedAt: minute(t),
      source: name,
      id: name
    })
    return { repo, c1, c2, c3, m1, o1, d }
  }

  it('takes base from the newest earlier deployment on its own line, and says so', async () => {
    const { repo, c1, c2, c3, m1, d } = lines()
    const past = [
      d(c1, 1, 'v1'),
      d(c2, 2, 'v2'),
      d(m1, 3, 'v1.1'),
      d(c3, 4, 'v3')
    ]

    const plan = await planBackfill(createGitClient(repo.dir), past, {
      maxCommits: 100
    })

    expect(
      plan.map((p) => [p.source, p.base, p.range.status, p.range.shas])
    ).toEqual([
      ['v1', undefined, 'first', [c1]],
      ['v2', c1, 'ahead', [c2]],
      ['v1.1', c1, 'ahead', [m1]],
      ['v3', c2, 'ahead', [c3]]
    ])
    expect(stdout.text()).toContain(
      'v1.1: v2 before it is on another line of history; its base is v1, the newest earlier deployment it contains, so commits sent before are not sent again.'
    )
  })

  it('with no earlier deployment on its line, keeps the diverged range and warns what it sends again', async () => {
    const { repo, c1, c2, o1, d } = lines()
    const past = [d(c2, 1, 'v2'), d(o1, 2, 'old1'), d(c1, 3, 'v1')]

    const plan = await planBackfill(createGitClient(repo.dir), past, {
      maxCommits: 100
    })

    expect(plan.map((p) => [p.source, p.base, p.range.status])).toEqual([
      ['v2', undefined, 'first'],
      ['old1', c2, 'diverged'],
      ['v1', o1, 'diverged']
    ])
    expect(plan[1].range.shas).toEqual([o1])
    expect(stdout.text()).toContain(
      '::warning::old1: v2 before it is on another line of history, and no earlier deployment is on this one: every commit since the two lines split is sent, including any an earlier deployment sent.'
    )
  })
})

describe('workflow runs as deployments', () => {
  it('keeps successful runs with a full SHA, named by run number and id, one per attempt', async () => {
    const run = (id: number, overrides: Partial<FakeWorkflowRun>) => ({
      ...runs(1)[0],
      id,
      created_at: minute(id),
      updated_at: minute(id + 1),
      ...overrides
    })
    const { github } = await api({
      workflowRuns: [
        run(10_006, { head_sha: 'B'.repeat(40), run_attempt: 2 }),
        run(5, { conclusion: 'failure' }),
        run(4, { conclusion: null }),
        run(3, { head_sha: 'abc1234' }),
        run(2, {})
      ]
    })

    const found = await workflowRunDeployments(github, {
      workflow: 'deploy.yml',
      branch: 'main'
    })

    expect(found).toEqual([
      {
        head: 'b'.repeat(40),
        deployedAt: minute(10_007),
        source: 'run #6 (10006)',
        id: 'run 10006 attempt 2'
      },
      {
        head: SHA,
        deployedAt: minute(3),
        source: 'run #2 (2)',
        id: 'run 2 attempt 1'
      }
    ])
  })
})

describe('planTable, in columns', () => {
  it('is one row per deployment under a header, in columns as wide as their widest cell', () => {
    const item = {
      head: 'a'.repeat(40),
      base: null,
      commitCount: 1,
      rangeStatus: 'first',
      deployedAt: minute(0),
      source: 'tag v1',
      status: 'planned' as const
    }

    const table = planTable([
      item,
      {
        ...item,
        head: 'b'.repeat(40),
        base: 'a'.repeat(40),
        commitCount: 1234,
        rangeStatus: 'ahead',
        source: 'release v2.0.0'
      }
    ])

    expect(table).toBe(
      [
        'date                      head          base          commits  range  source',
        `${minute(0)}  aaaaaaaaaaaa  (none)        1        first  tag v1`,
        `${minute(0)}  bbbbbbbbbbbb  aaaaaaaaaaaa  1234     ahead  release v2.0.0`
      ].join('\n')
    )
  })
})
