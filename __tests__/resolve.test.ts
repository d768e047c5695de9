/**
 * resolveRange in process: real git in a temporary repository, GitHub in memory. What it says
 * in the log, what it fills in for a failure's summary, and each way it refuses.
 */
import { afterAll, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { CommitRangeError, GitError, InputError } from '../src/errors.js'
import { createGitClient } from '../src/git/client.js'
import type { GitHubApi } from '../src/github/api.js'
import type { Inputs } from '../src/inputs.js'
import type { RunContext } from '../src/context.js'
import { resolveRange, type Resolved } from '../src/range/resolve.js'
import { noBase } from '../src/range/head-only.js'
import { DESCRIBED } from '../src/range/types.js'
import { testContext, testInputs } from '../__fixtures__/inputs.js'
import {
  removeTestRepos,
  TestRepo,
  withoutGitOnPath
} from '../__fixtures__/git-repo.js'
import { stdout } from '../__fixtures__/stdout.js'

afterAll(removeTestRepos)
beforeEach(() => stdout.clear())

const repo = TestRepo.init()
const c1 = repo.commit('one')
const c2 = repo.commit('two')
const c3 = repo.commit('three')
const git = createGitClient(repo.dir)

/** A refusal: what it says, and the hint that tells the user what to do. */
async function expectRefusal(
  result: Promise<unknown>,
  message: string,
  hint: string
): Promise<void> {
  await expect(result).rejects.toThrow(message)
  await expect(result).rejects.toHaveProperty('hint', hint)
}

/** A compare API that knows this repository's one line of history. */
function github(known: Record<string, string> = {}) {
  const asked: string[] = []
  const api = {
    resolveCommit: (ref: string) => {
      asked.push(ref)
      return Promise.resolve(known[ref])
    },
    compare: (base: string, head: string) =>
      Promise.resolve({
        status: 'ahead',
        totalCommits: 2,
        baseSha: base,
        commits: [c2, c3].map((sha, i) => ({
          sha,
          date: '',
          author: 'Ada',
          subject: `commit ${i}`
        }))
      }).then((page) => (head === c3 ? page : undefined))
  } as unknown as GitHubApi
  return { api, asked }
}

describe('resolveRange', () => {
  it('says what it decided in one line, and warns when max-commits cuts the range', async () => {
    const resolved: Resolved = {}

    const { range, commits: described } = await resolveRange(
      testInputs({ strategy: 'base', base: c1, head: c3, maxCommits: 1 }),
      testContext(),
      { git, github: undefined },
      resolved
    )
    const commits = await described()

    expect(range.shas).toEqual([c3])
    expect(commits.map((c) => c.subject)).toEqual(['three'])
    expect(resolved).toEqual({ head: c3, base: c1, baseSource: 'input' })
    expect(stdout.text()).toContain(
      "::warning::The range holds 2 commits; 'max-commits' is 1, so only the newest 1 are sent."
    )
    expect(stdout.text()).toContain(
      `strategy=base base=${c1} base-source=input head=${c3} status=ahead source=git commits=1 truncated=true\n`
    )
  })

  it("names base 'none' in its line when there is none", async () => {
    await resolveRange(
      testInputs({ strategy: 'head', head: c2 }),
      testContext(),
      { git, github: undefined }
    )

    expect(stdout.text()).toContain(
      `strategy=head base=none base-source=none head=${c2} status=first source=git commits=1 truncated=false\n`
    )
    expect(stdout.text()).not.toContain('::warning::')
  })

  it("with 'first-deployment: fail', no base is an error; strategy head never has one", async () => {
    const inputs = testInputs({ firstDeployment: 'fail', head: c2 })

    const auto = resolveRange(inputs, testContext(), {
      git,
      github: undefined
    })
    await expect(auto).rejects.toThrow(CommitRangeError)
    await expectRefusal(
      auto,
      "No base was found for strategy 'auto' and 'first-deployment' is 'fail'.",
      "Set 'base', or 'first-deployment: head' to send only head on a first deployment."
    )
    const head = await resolveRange(
      { ...inputs, strategy: 'head' },
      testContext(),
      { git, github: undefined }
    )

    expect(head.range.status).toBe('first')
  })

  it('with no head anywhere, asks for one', async () => {
    const result = resolveRange(testInputs(), testContext({ sha: '' }), {
      git,
      github: undefined
    })

    await expect(result).rejects.toThrow(InputError)
    await expect(result).rejects.toThrow(
      "Input 'head' is empty and the event names no commit."
    )
  })

  it('takes head from the checkout for a dispatch, and says so when GITHUB_SHA differs', async () => {
    const ctx = testContext({ headFromCheckout: true })

    const differs = await resolveRange(
      testInputs({ strategy: 'head' }),
      { ...ctx, sha: c1.toUpperCase() },
      { git, github: undefined }
    )
    const text = stdout.text()
    stdout.clear()
    const same = await resolveRange(
      testInputs({ strategy: 'head' }),
      { ...ctx, sha: c3.toUpperCase() },
      { git, github: undefined }
    )

    expect(differs.range.head).toBe(c3)
    expect(text).toContain(
      `Head: the checkout is at ${c3}, not at GITHUB_SHA ${c1.toUpperCase()}; a workflow_dispatch run deploys what it checked out, so the checkout is head.`
    )
    expect(same.range.head).toBe(c3)
    expect(stdout.text()).not.toContain('Head: the checkout is at')
  })

  describe('without a checkout', () => {
    const empty = createGitClient(mkdtempSync(path.join(tmpdir(), 'empty-')))

    it('says there is none, naming the folder', async () => {
      const result = resolveRange(
        testInputs({ head: c3, commitSource: 'git' }),
        testContext(),
        { git: empty, github: github().api }
      )

      await expectRefusal(
        result,
        `There is no git checkout in ${empty.dir}.`,
        "Add actions/checkout with fetch-depth: 0 before this step; if it checks out into a subfolder ('path:'), set 'working-directory' to that folder."
      )
    })

    it('auto falls back to the compare API, saying so', async () => {
      const resolved: Resolved = {}

      const { range } = await resolveRange(
        testInputs({ strategy: 'base', base: c1, head: c3 }),
        testContext(),
        { git: empty, github: github().api },
        resolved
      )

      expect(range).toMatchObject({ source: 'api', shas: [c3, c2] })
      expect(resolved).toEqual({ head: c3, base: c1, baseSource: 'input' })
      expect(stdout.text()).toContain(
        `::warning::There is no git checkout in ${empty.dir}. Using the GitHub compare API instead.`
      )
    })

    it('with paths, refuses the compare API, which cannot filter by path', async () => {
      const result = resolveRange(
        testInputs({ base: c1, head: c3, paths: ['services/api'] }),
        testContext(),
        { git: empty, github: github().api }
      )

      await expect(result).rejects.toThrow(CommitRangeError)
      await expectRefusal(
        result,
        "'paths' is set, and the GitHub compare API cannot filter commits by path, so nothing is sent.",
        "Check out the repository before this step (actions/checkout with fetch-depth: 0, or filter: tree:0), and set 'working-directory' if it is not in the workspace root."
      )
    })
  })

  describe("commit-source 'api'", () => {
    it('needs GitHub', async () => {
      const result = resolveRange(
        testInputs({ commitSource: 'api', head: c3 }),
        testContext(),
        { git, github: undefined }
      )

      await expect(result).rejects.toThrow(
        `Invalid 'commit-source': "api" needs 'github-token' and a repository`
      )
    })

    it('takes a full SHA as it is, lower-cased, and asks GitHub for anything else', async () => {
      const gh = github({ [`x${c3}`]: c3, [`${c3}x`]: c3, main: c3 })
      const inputs = testInputs({
        commitSource: 'api',
        strategy: 'base',
        base: c1
      })

      const sha = await resolveRange(
        { ...inputs, head: c3.toUpperCase() },
        testContext(),
        { git, github: gh.api }
      )
      const longer = await resolveRange(
        { ...inputs, head: `x${c3}` },
        testContext(),
        { git, github: gh.api }
      )
      const suffixed = await resolveRange(
        { ...inputs, head: `${c3}x` },
        testContext(),
        { git, github: gh.api }
      )
      const ref = await resolveRange(
        { ...inputs, head: 'main' },
        testContext(),
        { git, github: gh.api }
      )

      expect([sha, longer, suffixed, ref].map((r) => r.range.head)).toEqual([
        c3,
        c3,
        c3,
        c3
      ])
      expect(gh.asked).toEqual([`x${c3}`, `${c3}x`, 'main'])
    })

    it("describes the commits from the compare API's answer, newest first", async () => {
      const gh = github()
      const { commits } = await resolveRange(
        testInputs({
          commitSource: 'api',
          strategy: 'base',
          base: c1,
          head: c3
        }),
        testContext(),
        { git, github: gh.api }
      )

      expect((await commits()).map((c) => [c.sha, c.subject])).toEqual([
        [c3, 'commit 1'],
        [c2, 'commit 0']
      ])
    })

    it('a head from the event that GitHub does not know is an error that says so', async () => {
      const resolved: Resolved = {}
      const result = resolveRange(
        testInputs({ commitSource: 'api' }),
        testContext({ sha: 'no-such-branch' }),
        { git, github: github().api },
        resolved
      )

      await expectRefusal(
        result,
        'Head no-such-branch is not a commit GitHub knows.',
        "Set 'head' to a pushed commit or ref."
      )
      expect(resolved).toEqual({})
    })

    it.each<[string, Partial<Inputs>, Partial<RunContext>, string]>([
      ['the head input', { head: 'no-such-branch' }, {}, "Invalid 'head'"],
      [
        'a CI variable',
        {},
        { sha: 'no-such-branch', shaVariable: 'CI_COMMIT_SHA' },
        'Invalid CI_COMMIT_SHA'
      ]
    ])(
      'a head from %s that GitHub does not know is bad input, named',
      async (_from, inputs, ctx, name) => {
        const result = resolveRange(
          testInputs({ commitSource: 'api', ...inputs }),
          testContext(ctx),
          { git, github: github().api }
        )

        await expect(result).rejects.toBeInstanceOf(InputError)
        await expect(result).rejects.toThrow(
          `${name}: "no-such-branch" names no commit that GitHub knows.`
        )
      }
    )
  })
})

describe('a head that was given', () => {
  it('is fetched from origin when the checkout does not have it yet', async () => {
    const origin = TestRepo.init()
    const live = origin.commit('live')
    const clone = origin.clone()
    const later = origin.commit('pushed after the checkout')

    const { range } = await resolveRange(
      testInputs({ commitSource: 'git', head: later, base: live }),
      testContext({ eventName: 'push' }),
      { git: createGitClient(clone.dir), github: undefined }
    )

    expect(range.shas).toEqual([later])
  })

  it('that origin does not have either is bad input, never "check out the commit"', async () => {
    const origin = TestRepo.init()
    origin.commit('live')
    const clone = origin.clone()

    const result = resolveRange(
      testInputs({ commitSource: 'git', head: 'd'.repeat(40) }),
      testContext({ eventName: 'push' }),
      { git: createGitClient(clone.dir), github: undefined }
    )

    await expect(result).rejects.toBeInstanceOf(InputError)
    await expect(result).rejects.toThrow(
      `Invalid 'head': "${'d'.repeat(40)}" names no commit in the checkout or on origin.`
    )
  })
})

describe('resolveRange, the edges of each decision', () => {
  it("with 'first-deployment: fail', a base that is found is no error", async () => {
    const { range } = await resolveRange(
      testInputs({
        strategy: 'base',
        base: c1,
        head: c3,
        firstDeployment: 'fail'
      }),
      testContext(),
      { git, github: undefined }
    )

    expect(range.shas).toEqual([c3, c2])
  })

  it('names a base the clone lacks (a force push) by its SHA, as unavailable', async () => {
    const before = 'f'.repeat(40)

    const { range } = await resolveRange(
      testInputs({ strategy: 'push' }),
      testContext({ eventName: 'push', pushBefore: before, sha: c3 }),
      { git, github: undefined }
    )

    expect(range).toMatchObject({ base: undefined, status: 'unavailable' })
    expect(stdout.text()).toContain(
      `strategy=push base=${before} base-source=push head=${c3} status=unavailable`
    )
  })

  it(`reads subjects for the first ${DESCRIBED} commits only, and sends them all`, async () => {
    const big = TestRepo.init()
    const root = big.commit('root')
    big.fastImport(DESCRIBED + 4)
    const asked: number[] = []
    const bigGit = createGitClient(big.dir)
    const counting = {
      ...bigGit,
      commitDetails: (shas: readonly string[]) => {
        asked.push(shas.length)
        return bigGit.commitDetails(shas)
      }
    }

    const { range, commits: described } = await resolveRange(
      testInputs({
        strategy: 'base',
        base: root,
        head: big.head(),
        maxCommits: 5000
      }),
      testContext(),
      { git: counting, github: undefined }
    )
    const commits = await described()

    expect(range.shas).toHaveLength(DESCRIBED + 4)
    expect(asked).toEqual([DESCRIBED])
    expect(commits).toHaveLength(DESCRIBED)
  })

  it('a summary without subjects is a warning, never a failed report', async () => {
    const failing = {
      ...git,
      commitDetails: () => Promise.reject(new Error('log exploded'))
    }

    const { range, commits: described } = await resolveRange(
      testInputs({ strategy: 'base', base: c1, head: c3 }),
      testContext(),
      { git: failing, github: undefined }
    )
    const commits = await described()

    expect(range.shas).toEqual([c3, c2])
    expect(commits).toEqual([])
    expect(stdout.text()).toContain(
      '::warning::Could not read commit subjects for the summary: log exploded'
    )
  })

  it('without headFromCheckout, head is the event commit, not the checkout', async () => {
    const { range } = await resolveRange(
      testInputs({ strategy: 'head' }),
      testContext({ sha: c1 }),
      { git, github: undefined }
    )

    expect(range.head).toBe(c1)
    expect(stdout.text()).not.toContain('Head: the checkout is at')
  })

  it("an explicit 'head' wins over the checkout, even on a dispatch", async () => {
    const { range } = await resolveRange(
      testInputs({ strategy: 'head', head: c1 }),
      testContext({ headFromCheckout: true, sha: c3 }),
      { git, github: undefined }
    )

    expect(range.head).toBe(c1)
  })

  it('says GITHUB_SHA is unset when a dispatch takes head from the checkout without it', async () => {
    const { range } = await resolveRange(
      testInputs({ strategy: 'head' }),
      testContext({ headFromCheckout: true, sha: '' }),
      { git, github: undefined }
    )

    expect(range.head).toBe(c3)
    expect(stdout.text()).toContain(
      `Head: the checkout is at ${c3}, not at GITHUB_SHA (unset);`
    )
  })

  it('a checkout with no commit yet falls back to the event commit, which it then lacks', async () => {
    const unborn = TestRepo.init()

    const result = resolveRange(
      testInputs({ strategy: 'head' }),
      testContext({ headFromCheckout: true, sha: c3 }),
      { git: createGitClient(unborn.dir), github: undefined }
    )

    await expectRefusal(
      result,
      `Head ${c3} is not in the checkout.`,
      `Check out the deployed commit (actions/checkout with ref: ${c3} and fetch-depth: 0), or set 'head'.`
    )
  })

  it('without git on PATH, says so, and auto uses the compare API', async () => {
    await withoutGitOnPath(async () => {
      const gitOnly = resolveRange(
        testInputs({ head: c3, commitSource: 'git' }),
        testContext(),
        { git, github: github().api }
      )
      await expectRefusal(
        gitOnly,
        'git is not installed on this runner (not found on PATH).',
        'Install git on the runner, or set commit-source: api.'
      )

      const { range } = await resolveRange(
        testInputs({ strategy: 'base', base: c1, head: c3 }),
        testContext(),
        { git, github: github().api }
      )
      expect(range).toMatchObject({ source: 'api', shas: [c3, c2] })
    })
  })

  it('any other git failure stops the run as it is, without the compare API', async () => {
    const failure = new GitError(['rev-parse'], 128, 'fatal: bad object')
    const broken = { ...git, resolveCommit: () => Promise.reject(failure) }
    const gh = github()

    const result = resolveRange(
      testInputs({ strategy: 'base', base: c1, head: c3 }),
      testContext(),
      { git: broken, github: gh.api }
    )

    await expect(result).rejects.toBe(failure)
    expect(stdout.text()).not.toContain('compare API')
  })

  it("'api' reads previous deployments from GitHub, and refuses a first deployment under 'fail'", async () => {
    const listed: (string | undefined)[] = []
    const api = {
      ...github().api,
      listDeployments: (_page: number, environment?: string) => {
        listed.push(environment)
        return Promise.resolve([])
      }
    } as unknown as GitHubApi
    const inputs = testInputs({
      commitSource: 'api',
      strategy: 'previous-deployment',
      head: c3
    })

    const { range } = await resolveRange(inputs, testContext(), {
      git,
      github: api
    })
    const failing = resolveRange(
      { ...inputs, firstDeployment: 'fail' },
      testContext(),
      { git, github: api }
    )

    expect(range).toMatchObject({ status: 'first', shas: [c3], source: 'api' })
    expect(listed).toContain('production')
    await expect(failing).rejects.toThrow(
      "No base was found for strategy 'previous-deployment' and 'first-deployment' is 'fail'."
    )
  })
})

describe('noBase', () => {
  it('is head alone: a first deployment when nothing stood in the way, unavailable when a base could not be read', () => {
    const choice = { ref: undefined, source: 'previous-deployment' as const }

    expect(noBase(c3, choice)).toMatchObject({
      status: 'first',
      shas: [c3],
      base: undefined,
      source: 'git'
    })
    expect(
      noBase(c3, { ...choice, unknown: 'GitHub answered 403' }, 'api')
    ).toMatchObject({
      status: 'unavailable',
      shas: [c3],
      base: undefined,
      baseSource: 'previous-deployment',
      source: 'api'
    })
  })
})
