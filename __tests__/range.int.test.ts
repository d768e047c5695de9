import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { InputError } from '../src/errors.js'
import { createGitClient } from '../src/git/client.js'
import { DEEPEN_STEPS } from '../src/range/local-git.js'
import { resolveRange } from '../src/range/resolve.js'
import type { Inputs } from '../src/inputs.js'
import type { RunContext } from '../src/context.js'
import type { CommitRange } from '../src/range/types.js'
import { removeTestRepos, TestRepo } from '../__fixtures__/git-repo.js'
import { testContext, testInputs } from '../__fixtures__/inputs.js'
import { gitCalls } from '../__fixtures__/git-calls.js'
import { stdout } from '../__fixtures__/stdout.js'

afterAll(removeTestRepos)

async function range(
  repo: TestRepo,
  inputs: Partial<Inputs>,
  ctx: Partial<RunContext> = {}
): Promise<CommitRange> {
  const { range } = await resolveRange(
    testInputs(inputs),
    testContext({ sha: repo.head(), ...ctx }),
    { git: createGitClient(repo.dir), github: undefined }
  )
  return range
}

const push = (before: string): Partial<RunContext> => ({
  eventName: 'push',
  pushBefore: before
})

describe('a push of several commits (fast-forward)', () => {
  it('sends every pushed commit, where the vendor snippet’s base (head’s parent) sends only head', async () => {
    const repo = TestRepo.init()
    const before = repo.commit('live')
    const pushed = repo.commits(3, 'feature')

    const result = await range(repo, {}, push(before))

    expect(result.shas).toEqual([...pushed].reverse())
    expect(result.shas).toEqual(repo.revList(`${before}..HEAD`))
    expect(result).toMatchObject({
      status: 'ahead',
      baseSource: 'push',
      base: before
    })
    const vendor = await range(repo, { strategy: 'parent' }, push(before))
    expect(vendor).toMatchObject({ baseSource: 'parent', shas: [pushed[2]] })
  })
})

describe('merges', () => {
  it('sends the merge commit and the branch commits of a --no-ff merge', async () => {
    const repo = TestRepo.init()
    repo.commit('root')
    repo.git('checkout', '-q', '-b', 'feature')
    const branch = repo.commits(2, 'feature')
    repo.git('checkout', '-q', 'main')
    const live = repo.commit('hotfix')
    repo.git(
      'merge',
      '-q',
      '--no-ff',
      '-m',
      'Merge pull request #7 from octo/feature',
      'feature'
    )
    const merge = repo.head()

    const result = await range(repo, { strategy: 'base', base: live })

    expect(new Set(result.shas)).toEqual(new Set([merge, ...branch]))
    expect(result.shas[0]).toBe(merge)
    expect(result.shas).toEqual(repo.revList(`${live}..${merge}`))
    expect(repo.revList('--ancestry-path', 'HEAD^1..HEAD')).toEqual([merge])
  })

  it('follows a feature branch that merged main back before it was merged', async () => {
    const repo = TestRepo.init()
    repo.commit('root')
    repo.git('checkout', '-q', '-b', 'feature')
    repo.commit('feature 1')
    repo.git('checkout', '-q', 'main')
    const live = repo.commit('main moves on')
    repo.git('checkout', '-q', 'feature')
    repo.git('merge', '-q', '--no-ff', '-m', 'Merge main into feature', 'main')
    repo.commit('feature 2')
    repo.git('checkout', '-q', 'main')
    repo.git('merge', '-q', '--no-ff', '-m', 'Merge pull request #8', 'feature')

    const result = await range(repo, { strategy: 'base', base: live })

    expect(result.shas).toEqual(repo.revList(`${live}..HEAD`))
    expect(result.shas).toHaveLength(4)
    expect(result.status).toBe('ahead')
  })

  it('sends the one squash commit of a squash merge', async () => {
    const repo = TestRepo.init()
    const live = repo.commit('root')
    repo.git('checkout', '-q', '-b', 'feature')
    repo.commits(3, 'wip')
    repo.git('checkout', '-q', 'main')
    repo.git('merge', '-q', '--squash', 'feature')
    repo.git('commit', '-q', '-m', 'Add the feature (#12)')

    const result = await range(repo, { strategy: 'base', base: live })

    expect(result.shas).toEqual([repo.head()])
    expect(result.status).toBe('ahead')
  })
})

describe('rollback, redeploy, force push and first deploy', () => {
  it('sends only head, as behind, when rolling back to an older commit', async () => {
    const repo = TestRepo.init()
    const [, older] = repo.commits(2, 'old')
    const live = repo.commits(2, 'new')[1]

    const result = await range(repo, {
      strategy: 'base',
      base: live,
      head: older
    })

    expect(result).toMatchObject({
      status: 'behind',
      shas: [older],
      base: live
    })
  })

  it('sends only head, as identical, when redeploying the live commit', async () => {
    const repo = TestRepo.init()
    const live = repo.commits(3, 'c')[2]

    const result = await range(repo, { strategy: 'base', base: live })

    expect(result).toMatchObject({ status: 'identical', shas: [live] })
  })

  it('sends the new commits, as diverged, after a force push rewrote the branch', async () => {
    const repo = TestRepo.init()
    const [, kept] = repo.commits(2, 'shared')
    const before = repo.commit('rewritten away')
    repo.git('reset', '-q', '--hard', kept)
    const fresh = repo.commits(2, 'rewrite')

    const result = await range(repo, {}, push(before))

    expect(result.status).toBe('diverged')
    expect(result.shas).toEqual([...fresh].reverse())
  })

  it('sends only head, as first, when there is no base', async () => {
    const repo = TestRepo.init()
    repo.commits(5, 'history')

    const result = await range(repo, {})

    expect(result).toMatchObject({
      status: 'first',
      baseSource: 'none',
      shas: [repo.head()],
      base: undefined
    })
  })

  it('fails a first deployment when first-deployment is fail', async () => {
    const repo = TestRepo.init()
    repo.commit('only')

    await expect(range(repo, { firstDeployment: 'fail' })).rejects.toThrow(
      /No base was found.*first-deployment/
    )
  })

  it('treats a new branch push (before all zeros) as having no base', async () => {
    const repo = TestRepo.init()
    repo.commits(2, 'c')

    const result = await range(
      repo,
      {},
      { eventName: 'push', pushBefore: undefined }
    )

    expect(result).toMatchObject({ status: 'first', shas: [repo.head()] })
  })

  it('sends only head with a warning when a pushed base is unknown to a full clone (force push)', async () => {
    const repo = TestRepo.init()
    repo.commit('c')

    const result = await range(repo, {}, push('f'.repeat(40)))

    expect(result).toMatchObject({
      status: 'unavailable',
      shas: [repo.head()],
      baseSource: 'push'
    })
  })

  it.each(['v9.9.9', 'f'.repeat(40)])(
    'refuses a base input that names nothing (%s) as an input error, full or shallow',
    async (typo) => {
      const repo = TestRepo.init()
      repo.commits(3, 'c')
      repo.git('tag', 'v1.0.0')
      for (const clone of [repo, repo.clone('--depth', '1')]) {
        await expect(
          range(clone, { strategy: 'base', base: typo })
        ).rejects.toThrow(
          expect.objectContaining({
            name: 'InputError',
            message: expect.stringContaining(
              `Invalid 'base': "${typo}" names no commit`
            )
          })
        )
        await expect(range(clone, { base: typo })).rejects.toThrow(
          /Invalid 'base'/
        )
      }
    }
  )

  it('sends only head when base shares no history with head', async () => {
    const repo = TestRepo.init()
    repo.commit('main')
    repo.git('checkout', '-q', '--orphan', 'other')
    const other = repo.commit('unrelated')
    repo.git('checkout', '-q', 'main')

    const result = await range(repo, { strategy: 'base', base: other })

    expect(result).toMatchObject({ status: 'unavailable', shas: [repo.head()] })
  })
})

describe('strategies', () => {
  it('parent: the first parent, which keeps the branch commits of a merge', async () => {
    const repo = TestRepo.init()
    repo.commit('root')
    repo.git('checkout', '-q', '-b', 'feature')
    const branch = repo.commit('feature')
    repo.git('checkout', '-q', 'main')
    repo.commit('main')
    repo.git('merge', '-q', '--no-ff', '-m', 'merge', 'feature')

    const result = await range(repo, { strategy: 'parent' })

    expect(result.baseSource).toBe('parent')
    expect(result.shas).toEqual([repo.head(), branch])
  })

  it('head: only head, whatever the event says', async () => {
    const repo = TestRepo.init()
    const [before] = repo.commits(3, 'c')

    const result = await range(repo, { strategy: 'head' }, push(before))

    expect(result).toMatchObject({ shas: [repo.head()], baseSource: 'none' })
  })

  it('tag: the nearest matching tag below head, skipping tags on head', async () => {
    const repo = TestRepo.init()
    repo.commit('one')
    repo.git('tag', 'v1.0.0')
    const released = repo.commit('two')
    repo.git('tag', '-a', '-m', 'release', 'v1.1.0')
    repo.git('tag', 'nightly')
    const next = repo.commits(2, 'next')
    repo.git('tag', '-a', '-m', 'release', 'v1.2.0')

    const result = await range(repo, { strategy: 'tag', tagPattern: 'v*' })

    expect(result).toMatchObject({
      baseSource: 'tag',
      baseRef: 'v1.1.0',
      base: released
    })
    expect(result.shas).toEqual([...next].reverse())
  })

  it('push: refuses a run that was not triggered by a push', async () => {
    const repo = TestRepo.init()
    repo.commit('c')

    await expect(range(repo, { strategy: 'push' })).rejects.toThrow(InputError)
  })

  it('peels the tag object of an annotated tag push to its commit', async () => {
    const repo = TestRepo.init()
    const before = repo.commit('a')
    const tagged = repo.commit('b')
    repo.git('tag', '-a', '-m', 'release', 'v3.0.0')
    const tagObject = repo.git('rev-parse', 'v3.0.0')
    expect(tagObject).not.toBe(tagged)

    const result = await range(
      repo,
      {},
      { eventName: 'push', pushBefore: before, sha: tagObject }
    )

    expect(result).toMatchObject({
      head: tagged,
      shas: [tagged],
      baseSource: 'push'
    })
  })

  it('peels an annotated tag given as head to its commit', async () => {
    const repo = TestRepo.init()
    const base = repo.commit('a')
    const tagged = repo.commit('b')
    repo.git('tag', '-a', '-m', 'release', 'v2.0.0')
    repo.commit('after the tag')

    const result = await range(repo, { strategy: 'base', base, head: 'v2.0.0' })

    expect(result.head).toBe(tagged)
    expect(result.shas).toEqual([tagged])
  })
})

describe('paths in a monorepo', () => {
  it('sends only the commits that touch the paths, the merge commits of their PRs, and head', async () => {
    const repo = TestRepo.init()
    const live = repo.commit('root', 'README.md')
    const api1 = repo.commit('api change', 'services/api/a.txt')
    repo.commit('web change', 'services/web/w.txt')
    repo.git('checkout', '-q', '-b', 'feature')
    const api2 = repo.commit('api feature', 'services/api/b.txt')
    repo.git('checkout', '-q', 'main')
    repo.commit('web again', 'services/web/x.txt')
    repo.git('merge', '-q', '--no-ff', '-m', 'Merge pull request #9', 'feature')
    const merge = repo.head()
    const head = repo.commit('docs', 'docs/index.md')

    const result = await range(repo, {
      strategy: 'base',
      base: live,
      paths: ['services/api']
    })

    expect(result.shas[0]).toBe(head)
    expect(new Set(result.shas)).toEqual(new Set([head, merge, api2, api1]))
  })
})

describe('large ranges and the max-commits cap', () => {
  const repo = TestRepo.init()
  const root = repo.commit('root')
  repo.fastImport(30_000)

  it('lists a 30,000-commit range completely, exactly as git does', async () => {
    const result = await range(repo, {
      strategy: 'base',
      base: root,
      maxCommits: 100_000
    })

    expect(result.total).toBe(30_000)
    expect(result.truncated).toBe(false)
    expect(result.shas).toEqual(repo.revList(`${root}..HEAD`))
  })

  it('keeps the newest max-commits and reports the true count', async () => {
    const result = await range(repo, { strategy: 'base', base: root })

    expect(result.shas).toEqual(repo.revList('-n', '1000', `${root}..HEAD`))
    expect(result).toMatchObject({ total: 30_000, truncated: true })
  })
})

describe('shallow and partial checkouts', () => {
  function originWithSideBranch(): { origin: TestRepo; base: string } {
    const origin = TestRepo.init()
    origin.commit('root')
    origin.fastImport(300)
    const base = origin.commit('base')
    origin.git('tag', 'live')
    origin.commits(20, 'later')
    origin.git('checkout', '-q', '-b', 'side')
    origin.commits(3, 'side')
    origin.git('checkout', '-q', 'main')
    origin.commits(15, 'main')
    origin.git('merge', '-q', '--no-ff', '-m', 'Merge pull request #5', 'side')
    origin.commit('head')
    return { origin, base }
  }

  it('deepens a depth-1 clone until a base 40 commits back, with a merged side branch, is whole', async () => {
    const { origin, base } = originWithSideBranch()
    const clone = origin.clone('--depth', '1')

    const result = await range(clone, { strategy: 'base', base })

    expect(result.shas).toEqual(origin.revList(`${base}..HEAD`))
    expect(result.shas).toHaveLength(40)
    expect(clone.isShallow()).toBe(true)
  })

  it('deepens past the short list git gives when base was also fetched at depth 1', async () => {
    const { origin, base } = originWithSideBranch()
    const clone = origin.clone('--depth', '1', '--no-tags')
    clone.git('fetch', '-q', '--depth', '1', 'origin', 'tag', 'live')
    // git itself answers with a short list and exits 0:
    expect(clone.revList(`${base}..HEAD`)).toEqual([clone.head()])

    const result = await range(clone, { strategy: 'base', base })

    expect(result.shas).toEqual(origin.revList(`${base}..HEAD`))
  })

  // Each of the two shallow safety checks on its own: the other one never fires here, so a
  // test fails when either is removed.
  it('deepens when only a listed commit is a shallow boundary (a 40-commit side branch, depth 15)', async () => {
    const origin = TestRepo.init()
    origin.commit('root')
    origin.git('checkout', '-q', '-b', 'side')
    origin.commits(40, 'side')
    origin.git('checkout', '-q', 'main')
    const base = origin.commit('base')
    origin.commit('main after base')
    origin.git('merge', '-q', '--no-ff', '-m', 'Merge pull request #9', 'side')
    const clone = origin.clone('--depth', '15')
    const boundary = new Set(clone.readFile('.git/shallow').trim().split('\n'))
    // base is inside the clone, not on its boundary, and git alone sends 27 commits too few:
    expect(boundary.has(base)).toBe(false)
    expect(clone.revList(`${base}..HEAD`).length).toBeLessThan(42 - 20)

    const result = await range(clone, { strategy: 'base', base })

    expect(result.shas).toEqual(origin.revList(`${base}..HEAD`))
    expect(result.shas).toHaveLength(42)
  })

  it('deepens when only base is a shallow boundary (its history hides commits it already has)', async () => {
    const origin = TestRepo.init()
    origin.commit('root')
    const fork = origin.commit('fork point')
    const base = origin.commit('base')
    origin.git('checkout', '-q', '-b', 'side', fork)
    const side = origin.commit('side')
    origin.git('checkout', '-q', 'main')
    const mainWork = origin.commit('main work')
    origin.git('merge', '-q', '--no-ff', '-m', 'Merge pull request #3', 'side')
    const clone = origin.clone()
    // A checkout cut exactly at base: git cannot see that fork and root are below base.
    clone.writeFile('.git/shallow', `${base}\n`)
    expect(clone.revList(`${base}..HEAD`)).toContain(fork)

    const result = await range(clone, { strategy: 'base', base })

    expect(result.shas).toEqual(origin.revList(`${base}..HEAD`))
    expect(new Set(result.shas)).toEqual(
      new Set([clone.head(), side, mainWork])
    )
  })

  it('fetches a base a full clone lacks, without making it shallow', async () => {
    const origin = TestRepo.init()
    origin.commits(3, 'c')
    const clone = origin.clone('--single-branch')
    origin.git('checkout', '-q', '-b', 'elsewhere')
    const base = origin.commit('only on origin')
    const head = clone.commit('deployed')

    const result = await range(clone, { strategy: 'base', base })

    expect(result).toMatchObject({ status: 'diverged', shas: [head], base })
    expect(clone.isShallow()).toBe(false)
  })

  it('fails naming a pushed base that origin does not have either', async () => {
    const origin = TestRepo.init()
    origin.commits(3, 'c')
    const clone = origin.clone('--depth', '1')
    const missing = 'e'.repeat(40)

    await expect(range(clone, {}, push(missing))).rejects.toThrow(
      new RegExp(
        `Base ${missing} \\(push\\) is not in the checkout.*use fetch-depth: 0`
      )
    )
  })

  it('fails when the range is deeper than the deepening bound', async () => {
    const origin = TestRepo.init()
    const root = origin.commit('root')
    origin.fastImport(DEEPEN_STEPS.reduce((a, b) => a + b) + 100)
    const clone = origin.clone('--depth', '1')

    await expect(
      range(clone, { strategy: 'base', base: root })
    ).rejects.toThrow(/reaches past the shallow boundary even after deepening/)
  })

  it('treats a treeless clone (filter tree:0) as a full one', async () => {
    const { origin, base } = originWithSideBranch()
    const clone = origin.clone('--filter=tree:0')

    const result = await range(clone, { strategy: 'base', base })

    expect(result.shas).toEqual(origin.revList(`${base}..HEAD`))
    expect(clone.isShallow()).toBe(false)
  })

  it('accepts a shallow clone deep enough to hold the whole range', async () => {
    const origin = TestRepo.init()
    origin.commits(3, 'old')
    const base = origin.commit('base')
    const later = origin.commits(5, 'later')
    const clone = origin.clone('--depth', '20')

    const result = await range(clone, { strategy: 'base', base })

    expect(result.shas).toEqual([...later].reverse())
  })
})

describe('checkout problems', () => {
  it('says to add a checkout when the folder is not a git repository', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'no-repo-'))
    const attempt = resolveRange(
      testInputs(),
      testContext({ sha: 'a'.repeat(40) }),
      { git: createGitClient(dir), github: undefined }
    )

    await expect(attempt).rejects.toThrow(/no git checkout/)
  })

  it('says which head is missing from the checkout', async () => {
    const repo = TestRepo.init()
    repo.commit('c')

    // A head from the event: check out the deployed commit.
    await expect(
      range(repo, {}, { eventName: 'push', sha: 'b'.repeat(40) })
    ).rejects.toThrow(/Head b{40} is not in the checkout/)
    // A head that was given: a typo, named as bad input.
    await expect(range(repo, { head: 'b'.repeat(40) })).rejects.toThrow(
      /Invalid 'head': "b{40}" names no commit in the checkout or on origin/
    )
  })
})

// Found by mutation testing (npm run mutate): each test fails when one small bug is made in
// src/range/local-git.ts.
describe('what the range says about itself', () => {
  it('a one-commit answer is whole: total 1, not truncated, from the checkout', async () => {
    const repo = TestRepo.init()
    repo.commits(2, 'c')

    const result = await range(repo, { strategy: 'head' })

    expect(result).toEqual({
      head: repo.head(),
      base: undefined,
      baseRef: undefined,
      baseSource: 'none',
      status: 'first',
      shas: [repo.head()],
      total: 1,
      truncated: false,
      source: 'git'
    })
  })

  it('warns, naming the base, when a pushed base is gone or unrelated', async () => {
    const repo = TestRepo.init()
    repo.commit('main')
    repo.git('checkout', '-q', '--orphan', 'other')
    const other = repo.commit('unrelated')
    repo.git('checkout', '-q', 'main')
    const gone = 'f'.repeat(40)

    stdout.clear()
    await range(repo, {}, push(gone))
    await range(repo, {}, push(other))

    expect(stdout.text()).toContain(
      `::warning::Base ${gone} (push) is not in the checkout or on origin (a force push may have removed it): only head is sent.`
    )
    expect(stdout.text()).toContain(
      `::warning::Base ${other} (push) shares no history with head ${repo.head()}: only head is sent.`
    )
  })

  it('names where a base input was looked for', async () => {
    const repo = TestRepo.init()
    repo.commit('c')

    await expect(range(repo, { base: 'v9.9.9' })).rejects.toThrow(
      `Invalid 'base': "v9.9.9" names no commit in the checkout or on origin.`
    )
  })
})

describe('paths, where git cannot tell the status from the walk', () => {
  function monorepo(): { repo: TestRepo; base: string } {
    const repo = TestRepo.init()
    const base = repo.commit('base', 'services/api/a.txt')
    return { repo, base }
  }

  it('a range that touches the paths is ahead, not diverged', async () => {
    const { repo, base } = monorepo()
    const api = repo.commit('api change', 'services/api/b.txt')

    const result = await range(repo, { base, paths: ['services/api'] })

    expect(result).toMatchObject({ status: 'ahead', shas: [api], total: 1 })
  })

  it('a range that touches none of them is still ahead, with head alone', async () => {
    const { repo, base } = monorepo()
    repo.commit('web change', 'web/a.txt')
    const head = repo.commit('docs change', 'docs/a.txt')

    const result = await range(repo, { base, paths: ['services/api'] })

    expect(result).toMatchObject({
      status: 'ahead',
      shas: [head],
      total: 1,
      truncated: false
    })
  })

  it('a rollback is behind, even when no commit of it touches the paths', async () => {
    const { repo, base: older } = monorepo()
    const live = repo.commit('docs', 'docs/a.txt')

    const result = await range(repo, {
      head: older,
      base: live,
      paths: ['services/api']
    })

    expect(result).toMatchObject({ status: 'behind', shas: [older] })
  })

  it('max-commits counts head when head touches none of them', async () => {
    const { repo, base } = monorepo()
    const touching = [1, 2, 3].map((n) =>
      repo.commit(`api ${n}`, `services/api/${n}.txt`)
    )
    const head = repo.commit('docs', 'docs/a.txt')

    const result = await range(repo, {
      base,
      paths: ['services/api'],
      maxCommits: 2
    })

    expect(result).toMatchObject({
      shas: [head, touching[2]],
      total: 4,
      truncated: true
    })
  })
})

describe('deepening, round by round', () => {
  it('deepens in growing steps until a base 120 commits back is reached, logging each', async () => {
    const origin = TestRepo.init()
    const base = origin.commit('base')
    origin.fastImport(120)
    const clone = origin.clone('--depth', '1')

    stdout.clear()
    const result = await range(clone, { base })

    expect(result.shas).toEqual(origin.revList(`${base}..HEAD`))
    expect(stdout.text()).toContain(
      'The checkout is shallow: deepening it by 50 commits.'
    )
    expect(stdout.text()).toContain(
      'The checkout is shallow: deepening it by 250 commits.'
    )
  })

  it('deepens along base too, when base is on a branch the clone does not track', async () => {
    const origin = TestRepo.init()
    origin.commits(30, 'main')
    origin.git('checkout', '-q', '-b', 'elsewhere', 'HEAD~5')
    const base = origin.commits(2, 'elsewhere')[1]
    origin.git('checkout', '-q', 'main')
    const clone = origin.clone('--depth', '1', '--single-branch')

    const result = await range(clone, { base })

    expect(result).toMatchObject({ status: 'diverged' })
    expect(result.shas).toEqual(origin.revList(`${base}..main`))
  })

  it('fetches a missing base at depth 1 in a shallow clone, not its whole history', async () => {
    const origin = TestRepo.init()
    origin.commit('root')
    origin.fastImport(2000)
    origin.git('checkout', '-q', '-b', 'elsewhere', 'HEAD~10')
    const base = origin.commit('only on elsewhere')
    origin.git('checkout', '-q', 'main')
    const clone = origin.clone('--depth', '1', '--single-branch')

    const result = await range(clone, { base })

    expect(result.shas).toEqual(origin.revList(`${base}..main`))
    // A full fetch of base would bring its 2,000 ancestors.
    expect(clone.revList(base).length).toBeLessThan(200)
  })

  it('names the whole deepening bound when it is not enough', async () => {
    const origin = TestRepo.init()
    const root = origin.commit('root')
    origin.fastImport(DEEPEN_STEPS.reduce((a, b) => a + b) + 100)
    const clone = origin.clone('--depth', '1')

    const attempt = range(clone, { base: root })
    await expect(attempt).rejects.toThrow(
      'even after deepening by 21300 commits'
    )
    await expect(attempt).rejects.toMatchObject({
      hint: expect.stringContaining('actions/checkout with fetch-depth: 0')
    })
  })
})

describe('a range read with base, without a rev-list', () => {
  /** The range for `base`, and the git processes it took. */
  async function measured(repo: TestRepo, inputs: Partial<Inputs>) {
    let result: CommitRange | undefined
    const calls = await gitCalls(async () => {
      result = await range(repo, inputs)
    })
    return { result: result as CommitRange, calls }
  }
  const WALKED = [
    'rev-parse --is-shallow-repository',
    'cat-file --batch',
    'rev-list --boundary'
  ]

  it.each([1, 3])(
    'a push of %d commit(s) in a line: two git processes, the same commits as rev-list',
    async (count) => {
      const repo = TestRepo.init()
      const before = repo.commit('live')
      repo.commits(count, 'feature')

      const { result, calls } = await measured(repo, {
        strategy: 'base',
        base: before
      })

      expect(result.shas).toEqual(repo.revList(`${before}..HEAD`))
      expect(result).toMatchObject({ status: 'ahead', total: count })
      expect(calls).toEqual(WALKED.slice(0, 2))
    }
  )

  it('max-commits cuts the line, counting all of it', async () => {
    const repo = TestRepo.init()
    const before = repo.commit('live')
    repo.commits(5, 'feature')

    const { result } = await measured(repo, {
      strategy: 'base',
      base: before,
      maxCommits: 2
    })

    expect(result.shas).toEqual(repo.revList(`${before}..HEAD`).slice(0, 2))
    expect(result).toMatchObject({ total: 5, truncated: true })
  })

  it.each([
    [
      'a merge on the line',
      (repo: TestRepo) => {
        repo.mergePullRequest('side', 'Merge pull request #1')
        repo.commit('after')
      }
    ],
    [
      'head a merge',
      (repo: TestRepo) => void repo.mergePullRequest('side', 'Merge #2')
    ],
    [
      'base further back than the commits read with it',
      (repo: TestRepo) => void repo.commits(25, 'many')
    ]
  ])('%s: rev-list walks it', async (_, shape) => {
    const repo = TestRepo.init()
    const before = repo.commit('live')
    shape(repo)

    const { result, calls } = await measured(repo, {
      strategy: 'base',
      base: before
    })

    expect(result.shas).toEqual(repo.revList(`${before}..HEAD`))
    expect(calls).toEqual(WALKED)
  })

  it('paths: rev-list applies them, even on a line', async () => {
    const repo = TestRepo.init()
    const before = repo.commit('live')
    repo.commits(2, 'feature')

    const { calls } = await measured(repo, {
      strategy: 'base',
      base: before,
      paths: ['file.txt']
    })

    expect(calls).toContain('rev-list --full-history')
  })

  it('from every commit of a history with merges, criss-cross and lines, the same commits as rev-list', async () => {
    const repo = TestRepo.init()
    repo.commits(3, 'main')
    repo.git('checkout', '-q', '-b', 'old')
    repo.commits(2, 'old')
    repo.git('checkout', '-q', 'main')
    repo.mergePullRequest('one', 'Merge pull request #1')
    repo.commits(2, 'line')
    repo.git('merge', '-q', '--no-ff', '-m', 'Merge old', 'old')
    repo.commits(3, 'more')
    repo.mergePullRequest('two', 'Merge pull request #2')
    repo.commits(2, 'last')

    for (const base of repo.revList('HEAD').slice(1)) {
      const { result } = await measured(repo, { strategy: 'base', base })
      expect(result.shas).toEqual(repo.revList(`${base}..HEAD`))
    }
  })
})
