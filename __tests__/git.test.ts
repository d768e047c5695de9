import { existsSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { GitError, GitNotFoundError } from '../src/errors.js'
import {
  createGitClient,
  lineSplitter,
  parseCommitDetails,
  parseShaLines
} from '../src/git.js'
import { removeTestRepos, TestRepo } from '../__fixtures__/git-repo.js'

afterAll(removeTestRepos)

const sha = fc.stringMatching(/^[0-9a-fA-F]{40}$/)

describe('lineSplitter', () => {
  it('yields the same lines however the stream is cut into chunks', () => {
    fc.assert(
      fc.property(
        fc.array(sha, { maxLength: 50 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (shas, cuts) => {
          const text = shas.map((s) => `${s}\n`).join('')
          const points = [
            ...new Set(cuts.map((c) => c % (text.length + 1)))
          ].sort((a, b) => a - b)
          const seen: string[] = []
          const splitter = lineSplitter((line) => seen.push(line))
          let from = 0
          for (const at of [...points, text.length]) {
            splitter.push(Buffer.from(text.slice(from, at)))
            from = at
          }
          splitter.end()
          expect(seen).toEqual(shas.map((s) => s.toLowerCase()))
        }
      )
    )
  })

  it('keeps a last line without a newline', () => {
    const seen: string[] = []
    const splitter = lineSplitter((l) => seen.push(l))
    splitter.push(Buffer.from('aaa\nbb'))
    splitter.end()
    expect(seen).toEqual(['aaa', 'bb'])
  })
})

describe('parsers', () => {
  it('parseShaLines keeps SHA-1 and SHA-256 names, lowercased', () => {
    const sha1 = 'A'.repeat(40)
    const sha256 = 'b'.repeat(64)
    expect(
      parseShaLines(`${sha1}\n\n${sha256}\nnot-a-sha\n${'c'.repeat(39)}\n`)
    ).toEqual(['a'.repeat(40), sha256])
  })

  it('reads git output with Windows line endings, however the chunks split it', () => {
    const lines: string[] = []
    const splitter = lineSplitter((l) => lines.push(l))
    const text = `${'a'.repeat(40)}\r\n-${'B'.repeat(40)}\r\n${'c'.repeat(40)}\r\n`
    for (let i = 0; i < text.length; i += 7)
      splitter.push(Buffer.from(text.slice(i, i + 7)))
    splitter.end()

    expect(lines).toEqual([
      'a'.repeat(40),
      `-${'b'.repeat(40)}`,
      'c'.repeat(40)
    ])
    expect(parseShaLines(`${'a'.repeat(40)}\r\n${'d'.repeat(40)}\r\n`)).toEqual(
      ['a'.repeat(40), 'd'.repeat(40)]
    )
  })

  it('parseCommitDetails reads subjects with any characters', () => {
    const text =
      `${'a'.repeat(40)}\0Ada Lovelace\0Merge pull request #12 from octo/x | y\0` +
      `${'b'.repeat(40)}\0Grace Hopper\0Fix <script> & "quotes" (#13)`
    expect(parseCommitDetails(text)).toEqual([
      {
        sha: 'a'.repeat(40),
        author: 'Ada Lovelace',
        subject: 'Merge pull request #12 from octo/x | y'
      },
      {
        sha: 'b'.repeat(40),
        author: 'Grace Hopper',
        subject: 'Fix <script> & "quotes" (#13)'
      }
    ])
  })
})

describe('createGitClient on a real repository', () => {
  it('a subject holding the old separators cannot forge a row', async () => {
    const repo = TestRepo.init()
    const forged = `innocent\x1e${'f'.repeat(40)}\x1fMallory\x1fforged (#999)`
    const sha = repo.commit(forged, 'f.txt')

    const details = await createGitClient(repo.dir).commitDetails([sha])

    expect(details).toEqual([{ sha, author: 'Ada Lovelace', subject: forged }])
  })

  it('never reads a revision as an option, in fetch too', async () => {
    const repo = TestRepo.init()
    repo.commit('c')
    const clone = repo.clone()
    const marker = path.join(clone.dir, '..', 'pwned')
    const git = createGitClient(clone.dir)

    await expect(
      git.fetchRef(`--upload-pack=touch ${marker}`, { shallow: false })
    ).resolves.toBeUndefined()
    await git
      .deepen(1, [`--upload-pack=touch ${marker}`])
      .catch(() => undefined)
    expect(existsSync(marker)).toBe(false)
  })

  it('reads commit details in the order asked', async () => {
    const repo = TestRepo.init()
    const [a, b] = repo.commits(2, 'change')
    const git = createGitClient(repo.dir)

    const details = await git.commitDetails([b, a])

    expect(details.map((d) => [d.sha, d.subject, d.author])).toEqual([
      [b, 'change 2', 'Ada Lovelace'],
      [a, 'change 1', 'Ada Lovelace']
    ])
    await expect(git.commitDetails([])).resolves.toEqual([])
  })

  it('throws GitError with the arguments and stderr on failure', async () => {
    const repo = TestRepo.init()
    repo.commit('c')
    const git = createGitClient(repo.dir)

    const error = await git
      .revList(undefined, 'nope', { limit: 1 })
      .catch((e: unknown) => e)

    expect(error).toBeInstanceOf(GitError)
    expect(error).toMatchObject({
      exitCode: 128,
      args: ['rev-list', '--boundary', '--end-of-options', 'nope']
    })
    expect((error as GitError).message).toMatch(
      /^git rev-list --boundary --end-of-options nope failed with exit code 128/
    )
  })

  it('passes revisions as data, never as options', async () => {
    const repo = TestRepo.init()
    repo.commit('c')
    const git = createGitClient(repo.dir)

    await expect(git.resolveCommit('--all')).resolves.toBeUndefined()
  })
})

describe('createGitClient without git', () => {
  it('says git is not installed, rather than a spawn error, and runs nothing', async () => {
    const repo = TestRepo.init()
    const saved = process.env.PATH
    process.env.PATH = path.join(repo.dir, 'no-bin')
    try {
      const shallow = createGitClient(repo.dir).isShallow()

      await expect(shallow).rejects.toThrow(GitNotFoundError)
      await expect(shallow).rejects.toThrow(
        'git is not installed on this runner (not found on PATH).'
      )
    } finally {
      process.env.PATH = saved
    }
  })

  it('passes any other failure on as it is', async () => {
    const missing = path.join(TestRepo.init().dir, 'gone')

    const shallow = createGitClient(missing).isShallow()

    await expect(shallow).rejects.toThrow(/gone/)
    await expect(shallow).rejects.not.toThrow(GitNotFoundError)
  })
})
