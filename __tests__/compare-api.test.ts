/**
 * rangeFromApi against an in-memory compare API: which pages it asks for, what it does with a
 * page that is missing or short, how it orders what it sends, and every way it falls back to
 * head alone. The HTTP path is covered by range-github.int.test.ts.
 */
import { beforeEach, describe, expect, it } from '@jest/globals'
import { CommitRangeError, InputError } from '../src/errors.js'
import type {
  CompareCommit,
  ComparePage,
  GitHubApi
} from '../src/github/api.js'
import { rangeFromApi } from '../src/range/compare-api.js'
import type { BaseChoice } from '../src/range/types.js'
import { stdout } from '../__fixtures__/stdout.js'

const sha = (n: number): string => n.toString(16).padStart(40, '0')
const BASE = sha(0xba5e)

/** `count` commits, oldest first as GitHub pages them; the last is head. */
function history(count: number): CompareCommit[] {
  return Array.from({ length: count }, (_, i) => ({
    sha: sha(i + 1),
    date: '2026-01-01T00:00:00Z',
    author: 'Ada',
    subject: `commit ${i + 1}`
  }))
}

interface Fake {
  github: GitHubApi
  pages: number[]
  resolved: string[]
}

/** A compare API over `commits`; `pages` records each page asked for. */
function fake(
  commits: CompareCommit[],
  options: {
    status?: string
    missingPages?: number[]
    known?: string[]
    compare404?: boolean
  } = {}
): Fake {
  const pages: number[] = []
  const resolved: string[] = []
  const github = {
    compare: (_base: string, _head: string, page: number) => {
      pages.push(page)
      if (options.compare404 || options.missingPages?.includes(page))
        return Promise.resolve(undefined)
      const result: ComparePage = {
        status: options.status ?? 'ahead',
        totalCommits: commits.length,
        baseSha: BASE,
        commits: commits.slice((page - 1) * 100, page * 100)
      }
      return Promise.resolve(result)
    },
    resolveCommit: (ref: string) => {
      resolved.push(ref)
      return Promise.resolve(options.known?.includes(ref) ? ref : undefined)
    }
  } as unknown as GitHubApi
  return { github, pages, resolved }
}

const tagged: BaseChoice = { ref: 'v1.0.0', source: 'tag' }
const input: BaseChoice = { ref: 'v1.0.0', source: 'input' }

beforeEach(() => stdout.clear())

describe('rangeFromApi', () => {
  it('with no base sends head alone as the first deployment, asking GitHub nothing', async () => {
    const { github, pages } = fake(history(3))

    const { range, commits } = await rangeFromApi(
      github,
      sha(3),
      { ref: undefined, source: 'none' },
      { maxCommits: 100 }
    )

    expect(range).toMatchObject({ status: 'first', shas: [sha(3)] })
    expect(commits).toEqual([])
    expect(pages).toEqual([])
  })

  it('asks only for the pages that hold the newest max-commits commits', async () => {
    const all = history(620)
    const { github, pages } = fake(all)

    const { range } = await rangeFromApi(github, sha(620), tagged, {
      maxCommits: 250,
      concurrency: 1
    })

    // 370 commits are cut: pages 1 (for the total), then 4 to 7 hold the newest 250.
    expect(pages).toEqual([1, 4, 5, 6, 7])
    expect(range.shas).toEqual(
      all
        .slice(370)
        .map((c) => c.sha)
        .reverse()
    )
    expect(range).toMatchObject({ total: 620, truncated: true })
  })

  it('describes at most the first 1,000 commits it sends', async () => {
    const { github } = fake(history(1001))

    const { range, commits } = await rangeFromApi(github, sha(1001), tagged, {
      maxCommits: 5000
    })

    expect(range.shas).toHaveLength(1001)
    expect(commits).toHaveLength(1000)
    expect(commits[0].sha).toBe(sha(1001))
  })

  it('fails when a page it needs does not come back, rather than send a short list', async () => {
    const { github } = fake(history(350), { missingPages: [3] })

    const result = rangeFromApi(github, sha(350), tagged, { maxCommits: 1000 })

    await expect(result).rejects.toThrow(CommitRangeError)
    await expect(result).rejects.toMatchObject({
      hint: 'Re-run the job; if it persists, use commit-source: git with a full checkout.'
    })
    await expect(result).rejects.toThrow(
      "GitHub's compare API announced 350 commits from v1.0.0 to " +
        `${sha(350)}, but its pages held 250 of the 350 to send.`
    )
  })

  it('puts head first and keeps the API order after it, lower-cased', async () => {
    // GitHub's order, oldest first, in capitals; head (3) is not the last listed.
    const listed = [1, 3, 2].map((n) => ({
      ...history(3)[n - 1],
      sha: sha(n).toUpperCase()
    }))
    const { github } = fake(listed)

    const { range, commits } = await rangeFromApi(github, sha(3), tagged, {
      maxCommits: 100
    })

    expect(range.shas).toEqual([sha(3), sha(2), sha(1)])
    expect(commits.map((c) => [c.sha, c.subject])).toEqual([
      [sha(3), 'commit 3'],
      [sha(2), 'commit 2'],
      [sha(1), 'commit 1']
    ])
  })

  it('sends head first even when a cut at max-commits leaves it out of the pages', async () => {
    // GitHub orders by date: head (300) carries an old date and is listed tenth.
    const all = history(300)
    const listed = [...all.slice(0, 9), all[299], ...all.slice(9, 299)]
    const { github } = fake(listed)

    const { range, commits } = await rangeFromApi(github, sha(300), tagged, {
      maxCommits: 250
    })

    expect(range.shas[0]).toBe(sha(300))
    expect(range.shas).toHaveLength(250)
    expect(range.shas.slice(1)).toEqual(
      listed
        .slice(51)
        .map((c) => c.sha)
        .reverse()
        .slice(0, 249)
    )
    expect(range).toMatchObject({ total: 300, truncated: true })
    expect(commits[0]).toEqual({
      sha: sha(300),
      date: '',
      author: '',
      subject: ''
    })
  })

  it('keeps the API order when head is already first, newest first', async () => {
    const listed = [2, 1, 3].map((n) => history(3)[n - 1])
    const { github } = fake(listed)

    const { range } = await rangeFromApi(github, sha(3), tagged, {
      maxCommits: 100
    })

    expect(range.shas).toEqual([sha(3), sha(1), sha(2)])
    // Every commit came back: the whole range, not a cut one.
    expect(range).toMatchObject({ total: 3, truncated: false })
  })

  it.each([
    ['identical', 'identical'],
    ['behind', 'behind']
  ])('a %s head is sent alone, with base', async (apiStatus, status) => {
    const { github, pages } = fake(history(5), { status: apiStatus })

    const { range, commits } = await rangeFromApi(github, sha(5), tagged, {
      maxCommits: 100
    })

    expect(range).toMatchObject({
      status,
      shas: [sha(5)],
      base: BASE,
      source: 'api'
    })
    expect(commits).toEqual([])
    expect(pages).toEqual([1])
  })

  it.each([
    ['diverged', 'diverged'],
    ['ahead', 'ahead'],
    ['something-new', 'diverged']
  ])('status %s is sent as %s, with the whole list', async (api, status) => {
    const { github } = fake(history(5), { status: api })

    const { range } = await rangeFromApi(github, sha(5), tagged, {
      maxCommits: 100
    })

    expect(range.status).toBe(status)
    expect(range.shas).toHaveLength(5)
  })

  it('with no common history sends head alone and says why, without looking the base up', async () => {
    const { github, resolved } = fake(history(5), { compare404: true })

    const { range, commits } = await rangeFromApi(github, sha(5), tagged, {
      maxCommits: 100
    })

    expect(range).toMatchObject({ status: 'unavailable', shas: [sha(5)] })
    expect(commits).toEqual([])
    expect(resolved).toEqual([])
    expect(stdout.text()).toContain(
      `::warning::GitHub cannot compare base v1.0.0 (tag) with head ${sha(5)} (unknown commit, or no common history): only head is sent.`
    )
  })

  it('a base input GitHub does not know is an input error, not an unavailable range', async () => {
    const { github, resolved } = fake(history(5), { compare404: true })

    const result = rangeFromApi(github, sha(5), input, { maxCommits: 100 })

    await expect(result).rejects.toThrow(InputError)
    await expect(result).rejects.toThrow(
      `Invalid 'base': "v1.0.0" names no commit that GitHub knows.`
    )
    expect(resolved).toEqual(['v1.0.0'])
  })

  it('a base input GitHub knows, with no common history, sends head alone', async () => {
    const { github } = fake(history(5), {
      compare404: true,
      known: ['v1.0.0']
    })

    const { range } = await rangeFromApi(github, sha(5), input, {
      maxCommits: 100
    })

    expect(range.status).toBe('unavailable')
  })
})
