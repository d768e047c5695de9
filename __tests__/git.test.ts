import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { GitError, GitNotFoundError } from '../src/errors.js'
import { createGitClient } from '../src/git/client.js'
import { lineSplitter, parseShaLines } from '../src/git/lines.js'
import { parseBatch, parseCommitObject } from '../src/git/objects.js'
import {
  removeTestRepos,
  TestRepo,
  withoutGitOnPath
} from '../__fixtures__/git-repo.js'
import { gitCalls } from '../__fixtures__/git-calls.js'
import { stdout } from '../__fixtures__/stdout.js'

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
      parseShaLines(
        `${sha1}\n\n${sha256}\nnot-a-sha\n${'c'.repeat(39)}\n${'d'.repeat(41)}\nx${'e'.repeat(40)}\n`
      )
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

  it('parseBatch reads each object by its size, whatever bytes its message holds', () => {
    // A parent line in the message is not a parent: only the headers' count.
    const message = `Fix it\nmissing\n0123 commit 5\n\nparent ${'3'.repeat(40)}\n`
    const raw = `tree ${'1'.repeat(40)}\nparent ${'2'.repeat(40)}\nparent ${'4'.repeat(40)}\nauthor Ada Lovelace <ada@example.com> 1 +0000\n\n${message}`
    const out = Buffer.concat([
      Buffer.from(
        `${'A'.repeat(40)} commit ${Buffer.byteLength(raw)}\n${raw}\n`
      ),
      Buffer.from(`nope^{commit} missing\n`),
      Buffer.from(`abc^{commit} ambiguous\n`),
      Buffer.from(`${'b'.repeat(40)} tree 3\nxyz\n`)
    ])
    expect(parseBatch(out)).toStrictEqual([
      {
        sha: 'a'.repeat(40),
        author: 'Ada Lovelace',
        subject: 'Fix it missing 0123 commit 5',
        parents: 2
      },
      undefined,
      undefined,
      undefined
    ])
  })
})

describe('parseBatch and parseCommitObject: edges', () => {
  const sha = 'c'.repeat(40)
  const object = (raw: string) =>
    Buffer.from(`${sha} commit ${Buffer.byteLength(raw)}\n${raw}\n`)

  it('a size that is not a whole number, an empty line and a cut-off header name no object', () => {
    expect(
      parseBatch(
        Buffer.concat([
          Buffer.from(`\n${sha} commit x5\n${sha} commit 5x\n`),
          object('tree t\n\nSubject'),
          Buffer.from('cut^{commit} missing')
        ])
      )
    ).toStrictEqual([
      undefined,
      undefined,
      undefined,
      { sha, author: '', subject: 'Subject', parents: 0 },
      undefined
    ])
  })

  it('an object without a message reads nothing of the object after it', () => {
    const next = `tree t\nparent ${'2'.repeat(40)}\nauthor Eve <eve@example.com> 1 +0000\n\nNext`

    expect(
      parseBatch(Buffer.concat([object('tree t'), object(next)]))
    ).toStrictEqual([
      { sha, author: '', subject: '', parents: 0 },
      { sha, author: 'Eve', subject: 'Next', parents: 1 }
    ])
  })

  it('headers only, no author: no subject and no author, whatever a later line says', () => {
    expect(
      parseCommitObject(sha, Buffer.from('tree t\nauthor-ish x'))
    ).toStrictEqual({ sha, author: '', subject: '', parents: 0 })
    expect(
      parseCommitObject(
        sha,
        Buffer.from('tree t\n\nauthor Eve <eve@example.com> 1 +0000\n')
      )
    ).toStrictEqual({
      sha,
      author: '',
      subject: 'author Eve <eve@example.com> 1 +0000',
      parents: 0
    })
  })

  it('an encoding Node does not know is read as UTF-8', () => {
    const raw = Buffer.concat([
      Buffer.from(
        'tree t\nauthor Zoë <z@example.com> 1 +0000\nencoding x-unknown\n\n'
      ),
      Buffer.from('Café\n')
    ])
    expect(parseCommitObject(sha, raw)).toStrictEqual({
      sha,
      author: 'Zoë',
      subject: 'Café',
      parents: 0
    })
  })
})

describe('createGitClient on a real repository', () => {
  it('a subject holding the old separators cannot forge a row', async () => {
    const repo = TestRepo.init()
    const forged = `innocent\x1e${'f'.repeat(40)}\x1fMallory\x1fforged (#999)`
    const sha = repo.commit(forged, 'f.txt')

    const details = await createGitClient(repo.dir).commitDetails([sha])

    expect(details).toEqual([
      { sha, author: 'Ada Lovelace', subject: forged, parents: 0 }
    ])
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

    await withoutGitOnPath(async () => {
      const shallow = createGitClient(repo.dir).isShallow()

      await expect(shallow).rejects.toThrow(GitNotFoundError)
      await expect(shallow).rejects.toThrow(
        'git is not installed on this runner (not found on PATH).'
      )
    })
  })

  it('looks git up again when PATH changes, so a client made before still finds it gone', async () => {
    const repo = TestRepo.init()
    const head = repo.commit('a')
    const git = createGitClient(repo.dir)
    await expect(git.resolveCommit('HEAD')).resolves.toBe(head)

    await withoutGitOnPath(async () => {
      await expect(git.resolveCommit('HEAD~0')).rejects.toThrow(
        GitNotFoundError
      )
    })
    await expect(git.resolveCommit('HEAD^{commit}')).resolves.toBe(head)
  })

  it('passes any other failure on as it is', async () => {
    const missing = path.join(TestRepo.init().dir, 'gone')

    const shallow = createGitClient(missing).isShallow()

    await expect(shallow).rejects.toThrow(/gone/)
    await expect(shallow).rejects.not.toThrow(GitNotFoundError)
  })
})

/** Each operation on its own, against real repositories: the range tests only see them combined. */
describe('createGitClient: each repository operation', () => {
  it('resolveCommit gives the full SHA of a branch or a peeled tag, and nothing for anything else', async () => {
    const repo = TestRepo.init()
    const [a, b] = repo.commits(2, 'c')
    repo.git('tag', '-a', '-m', 'release', 'v1', a)
    repo.git('branch', 'feature', a)
    const git = createGitClient(repo.dir)

    await expect(git.resolveCommit('main')).resolves.toBe(b)
    await expect(git.resolveCommit('feature')).resolves.toBe(a)
    await expect(git.resolveCommit('v1')).resolves.toBe(a)
    await expect(git.resolveCommit(b.slice(0, 12))).resolves.toBe(b)
    await expect(git.resolveCommit('nope')).resolves.toBeUndefined()
    await expect(git.resolveCommit('HEAD^{tree}')).resolves.toBeUndefined()
  })

  it('isShallow and shallowCommits: nothing in a full clone, the boundary in a shallow one', async () => {
    const repo = TestRepo.init()
    const [, , c3, c4] = repo.commits(4, 'c')
    const full = createGitClient(repo.clone().dir)
    const shallow = createGitClient(repo.clone('--depth', '2').dir)

    await expect(full.isShallow()).resolves.toBe(false)
    await expect(full.shallowCommits()).resolves.toEqual(new Set())
    await expect(shallow.isShallow()).resolves.toBe(true)
    await expect(shallow.shallowCommits()).resolves.toEqual(new Set([c3]))
    await expect(shallow.resolveCommit(c4)).resolves.toBe(c4)
  })

  it('isAncestor and mergeBase follow the graph, and mergeBase has nothing for unrelated histories', async () => {
    const repo = TestRepo.init()
    const root = repo.commit('root')
    const main = repo.commit('main work')
    repo.git('checkout', '-q', '-b', 'side', root)
    const side = repo.commit('side work')
    repo.git('checkout', '-q', '--orphan', 'unrelated')
    const orphan = repo.commit('orphan')
    const git = createGitClient(repo.dir)

    await expect(git.isAncestor(root, main)).resolves.toBe(true)
    await expect(git.isAncestor(main, root)).resolves.toBe(false)
    await expect(git.isAncestor(side, main)).resolves.toBe(false)
    await expect(git.mergeBase(main, side)).resolves.toBe(root)
    await expect(git.mergeBase(main, orphan)).resolves.toBeUndefined()
  })

  it('fetchRef brings a commit origin has, whole in a full clone, and without tags', async () => {
    const origin = TestRepo.init()
    const first = origin.commit('first')
    const clone = origin.clone()
    const parent = origin.commit('after the clone')
    const tip = origin.commit('tip')
    origin.git('tag', '-a', '-m', 'release', 'v9', tip)
    const git = createGitClient(clone.dir)

    await expect(git.fetchRef(tip, { shallow: false })).resolves.toBe(tip)
    await expect(git.isShallow()).resolves.toBe(false)
    await expect(git.resolveCommit(parent)).resolves.toBe(parent)
    await expect(git.isAncestor(first, tip)).resolves.toBe(true)
    expect(clone.git('tag', '--list')).toBe('')
    await expect(
      git.fetchRef('f'.repeat(40), { shallow: false })
    ).resolves.toBeUndefined()
    await expect(
      git.fetchRef('no-such-branch', { shallow: false })
    ).resolves.toBeUndefined()
  })

  it('fetchRef in a shallow clone brings the commit alone (depth 1), by SHA or by name', async () => {
    const origin = TestRepo.init()
    origin.commits(3, 'c')
    const clone = origin.clone('--depth', '1')
    const parent = origin.commit('parent')
    origin.git('checkout', '-q', '-b', 'release')
    const tip = origin.commit('tip')
    const git = createGitClient(clone.dir)

    await expect(git.fetchRef('release', { shallow: true })).resolves.toBe(tip)
    await expect(git.resolveCommit(parent)).resolves.toBeUndefined()
    await expect(git.shallowCommits()).resolves.toContain(tip)
  })

  it('deepen extends the boundary by exactly that many commits, along the revisions given', async () => {
    const origin = TestRepo.init()
    const [, c2, c3, c4] = origin.commits(5, 'c')
    const clone = origin.clone('--depth', '1')
    const git = createGitClient(clone.dir)

    await git.deepen(2, [origin.head()])

    await expect(git.shallowCommits()).resolves.toEqual(new Set([c3]))
    await expect(git.resolveCommit(c4)).resolves.toBe(c4)
    await expect(git.resolveCommit(c2)).resolves.toBeUndefined()
  })

  it('deepen still deepens the configured branches when origin refuses the revisions (once)', async () => {
    const origin = TestRepo.init()
    const [, c2, c3] = origin.commits(5, 'c')
    const clone = origin.clone('--depth', '1')
    const git = createGitClient(clone.dir)

    await git.deepen(2, ['f'.repeat(40)])

    await expect(git.shallowCommits()).resolves.toEqual(new Set([c3]))
    await expect(git.resolveCommit(c2)).resolves.toBeUndefined()
  })

  it('nearestTag: the nearest matching ancestor tag, never a tag on head itself', async () => {
    const repo = TestRepo.init()
    const [c1, c2, c3] = repo.commits(3, 'c')
    repo.git('tag', 'v1', c1)
    repo.git('tag', 'other-2', c2)
    repo.git('tag', '-a', '-m', 'v3', 'v3', c3)
    repo.git('tag', 'v3-again', c3)
    const git = createGitClient(repo.dir)

    await expect(git.nearestTag(c3, 'v*')).resolves.toBe('v1')
    await expect(git.nearestTag(c3, '*')).resolves.toBe('other-2')
    await expect(git.nearestTag(c2, 'v*')).resolves.toBe('v1')
    await expect(git.nearestTag(c1, 'v*')).resolves.toBeUndefined()
    await expect(git.nearestTag(c3, 'x*')).resolves.toBeUndefined()
  })

  it('nearestTag passes over a tag on head whose name has a glob character (git allows "]")', async () => {
    const repo = TestRepo.init()
    const [c1, c2] = repo.commits(2, 'c')
    repo.git('tag', 'v1', c1)
    repo.git('tag', 'v2]', c2)

    await expect(createGitClient(repo.dir).nearestTag(c2, 'v*')).resolves.toBe(
      'v1'
    )
  })

  it('tags with no tag of a tag among them take one git call: nothing is left to peel', async () => {
    const repo = TestRepo.init()
    const [c1] = repo.commits(1, 'c')
    repo.git('tag', '-a', '-m', 'v1', 'v1', c1)
    const git = createGitClient(repo.dir)

    const calls = await gitCalls(() => git.tags('v*'))

    expect(calls).toHaveLength(1)
    expect(calls[0]).toMatch(/^for-each-ref /)
  })

  it('tags peels a tag of a tag to its commit, beside a tag of a tree that stays as it is', async () => {
    const repo = TestRepo.init()
    const [c1, c2] = repo.commits(2, 'c')
    repo.git('tag', '-a', '-m', 'inner', 'inner-1', c1)
    repo.git(
      '-c',
      'advice.nestedTag=false',
      'tag',
      '-a',
      '-m',
      'outer',
      'v1',
      'inner-1'
    )
    repo.git('tag', '-a', '-m', 'tree', 'v0-tree', `${c2}^{tree}`)
    repo.git('tag', '-a', '-m', 'inner', 'inner-tree', `${c1}^{tree}`)
    repo.git(
      ...['-c', 'advice.nestedTag=false', 'tag', '-a', '-m', 'outer'],
      ...['v0-nested-tree', 'inner-tree']
    )
    repo.git('tag', 'v2', c2)
    const git = createGitClient(repo.dir)

    const tags = await git.tags('v*')

    expect(
      tags.map(({ name, peeled, commitType }) => ({ name, peeled, commitType }))
    ).toEqual([
      {
        name: 'v0-nested-tree',
        peeled: repo.git('rev-parse', 'refs/tags/inner-tree'),
        commitType: 'tag'
      },
      {
        name: 'v0-tree',
        peeled: repo.git('rev-parse', `${c2}^{tree}`),
        commitType: 'tree'
      },
      { name: 'v1', peeled: c1, commitType: 'commit' },
      { name: 'v2', peeled: undefined, commitType: 'commit' }
    ])
  })

  it('tags lists lightweight and annotated tags matching a glob, with their objects and dates', async () => {
    const repo = TestRepo.init()
    const [c1, c2] = repo.commits(2, 'c')
    repo.git('tag', 'v1', c1)
    repo.git('tag', '-a', '-m', 'second', 'v2', c2)
    repo.git('tag', 'tree-tag', `${c2}^{tree}`)
    repo.git('tag', 'other', c2)
    const date = (rev: string, format: string): string =>
      repo.git('for-each-ref', `--format=${format}`, `refs/tags/${rev}`)
    const tagObject = repo.git('rev-parse', 'refs/tags/v2')
    const git = createGitClient(repo.dir)

    const tags = await git.tags('v*')

    expect(tags).toEqual([
      {
        name: 'v1',
        object: c1,
        peeled: undefined,
        commitType: 'commit',
        taggerDate: '',
        committerDate: date('v1', '%(committerdate:iso-strict)'),
        peeledDate: ''
      },
      {
        name: 'v2',
        object: tagObject,
        peeled: c2,
        commitType: 'commit',
        taggerDate: date('v2', '%(taggerdate:iso-strict)'),
        committerDate: '',
        peeledDate: date('v2', '%(*committerdate:iso-strict)')
      }
    ])
    expect(tags[1].taggerDate).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(tags[1].peeledDate).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect((await git.tags('tree-*')).map((t) => t.commitType)).toEqual([
      'tree'
    ])
    expect((await git.tags('*')).map((t) => t.name).sort()).toEqual([
      'other',
      'tree-tag',
      'v1',
      'v2'
    ])
  })

  it('revList keeps the newest `limit` commits, counts them all, and says whether it reached base', async () => {
    const repo = TestRepo.init()
    const [c1, c2, c3, c4, c5] = repo.commits(5, 'c')
    const git = createGitClient(repo.dir)

    const cut = await git.revList(c1, c5, { limit: 2 })
    const all = await git.revList(undefined, c5, { limit: 10 })
    const byPath = await git.revList(c1, c5, {
      limit: 10,
      paths: ['c-3.txt']
    })

    expect(cut).toEqual({
      shas: [c5, c4],
      total: 4,
      crossesShallowBoundary: false,
      reachesBase: true
    })
    expect(all).toMatchObject({ shas: [c5, c4, c3, c2, c1], total: 5 })
    expect(all.reachesBase).toBe(false)
    expect(byPath).toEqual({
      shas: [c3],
      total: 1,
      crossesShallowBoundary: false,
      reachesBase: undefined
    })
  })

  it('writes nothing of git to the log, not even a subject that looks like a command', async () => {
    const repo = TestRepo.init()
    const sha = repo.commit('::error::forged annotation', 'f.txt')
    stdout.clear()

    await createGitClient(repo.dir).commitDetails([sha])

    expect(stdout.text()).toBe('')
  })

  it('presentCommits says which SHAs name commits here, in any case', async () => {
    const repo = TestRepo.init()
    const [c1] = repo.commits(1, 'c')
    const tree = repo.git('rev-parse', 'HEAD^{tree}')
    const git = createGitClient(repo.dir)

    await expect(
      git.presentCommits([c1.toUpperCase(), tree, 'f'.repeat(40)])
    ).resolves.toEqual(new Set([c1]))
    await expect(git.presentCommits([])).resolves.toEqual(new Set())
  })
})

/** Writes a commit object of exactly these bytes; returns its SHA. */
function rawCommit(repo: TestRepo, headers: string, message: Buffer): string {
  const tree = repo.git('write-tree')
  const object = Buffer.concat([
    Buffer.from(`tree ${tree}\n${headers}\n\n`, 'latin1'),
    message
  ])
  return execFileSync('git', ['hash-object', '-t', 'commit', '-w', '--stdin'], {
    cwd: repo.dir,
    input: object,
    encoding: 'utf8'
  }).trim()
}

describe('createGitClient: commits looked up together', () => {
  it('reads author and subject as git log does, for messages git shapes in its own way', async () => {
    const repo = TestRepo.init()
    repo.commit('root')
    const author =
      'author Zoë  Ångström <zoe@example.com> 1700000000 +0000\ncommitter C <c@example.com> 1700000000 +0000'
    const cases: [string, Buffer][] = [
      [author, Buffer.from('Fix it\n')],
      [author, Buffer.from('First line\nsecond line  \n\nBody\n')],
      [author, Buffer.from('\n\n  Indented after blank lines\t \nmore\n')],
      [author, Buffer.from('')],
      [author, Buffer.from('No newline at the end')],
      [
        `${author}\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n abc\n -----END PGP SIGNATURE-----`,
        Buffer.from('Signed\n\nbody')
      ],
      [
        `${author.replace('Zoë', 'Zo\xeb').replace('Ångström', '\xc5ngstr\xf6m')}\nencoding ISO-8859-1`,
        Buffer.from('Caf\xe9 cr\xe8me\n', 'latin1')
      ]
    ]
    const shas = cases.map(([headers, message]) =>
      rawCommit(repo, headers, message)
    )
    const git = createGitClient(repo.dir)

    expect(await git.resolveCommits(shas)).toEqual(shas)
    const expected = shas.map((sha) => {
      const [name, subject, parents] = repo
        .git('log', '-1', '--format=%an%x00%s%x00%P', sha)
        .split('\0')
      return {
        sha,
        author: name,
        subject: subject.trim(),
        parents: parents.split(' ').filter(Boolean).length
      }
    })
    expect(await git.commitDetails(shas)).toEqual(expected)
    expect(expected[6]).toMatchObject({
      author: 'Zoë  Ångström',
      subject: 'Café crème'
    })
  })

  it('resolves any number of revisions in one git call, tags peeled, with nothing for what names no commit', async () => {
    const repo = TestRepo.init()
    const [a, b] = repo.commits(2, 'c')
    repo.git('tag', '-a', '-m', 'release', 'v1', a)
    const git = createGitClient(repo.dir)
    let found: (string | undefined)[] = []

    const calls = await gitCalls(async () => {
      found = await git.resolveCommits([
        'main',
        'v1',
        b.slice(0, 12),
        'nope',
        'HEAD^{tree}',
        '--all',
        `${b}\n${a}`,
        'main~5'
      ])
    })

    expect(found).toStrictEqual([
      b,
      a,
      b,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined
    ])
    expect(calls).toEqual(['cat-file --batch'])
    const none = await gitCalls(async () => {
      await expect(git.resolveCommits([])).resolves.toStrictEqual([])
      await expect(git.resolveCommits(['a\nb', '\r'])).resolves.toStrictEqual([
        undefined,
        undefined
      ])
    })
    expect(none).toEqual([])
  })

  it('describes what it looked up without another call, and looks up only what it has not', async () => {
    const repo = TestRepo.init()
    const [a, b, c] = repo.commits(3, 'change')
    const git = createGitClient(repo.dir)
    await git.resolveCommits([a, b])

    const cached = await gitCalls(async () =>
      expect((await git.commitDetails([b, a])).map((d) => d.subject)).toEqual([
        'change 2',
        'change 1'
      ])
    )
    const partly = await gitCalls(async () =>
      expect(
        (await git.commitDetails([c, 'f'.repeat(40), a])).map((d) => d.subject)
      ).toEqual(['change 3', 'change 1'])
    )

    expect(cached).toEqual([])
    expect(partly).toEqual(['cat-file --batch'])
  })

  it('knows whether the clone is shallow from resolving a commit, until a fetch may change it', async () => {
    const origin = TestRepo.init()
    const [c1, , c3] = origin.commits(3, 'c')
    const git = createGitClient(origin.clone('--depth', '1').dir)

    const first = await gitCalls(async () => {
      await expect(git.resolveCommit('HEAD')).resolves.toBe(c3)
      await expect(git.isShallow()).resolves.toBe(true)
    })
    const afterFetch = await gitCalls(async () => {
      await git.deepen(5, [c3])
      await expect(git.isShallow()).resolves.toBe(false)
    })

    expect(first).toEqual(['rev-parse --is-shallow-repository'])
    expect(afterFetch).toEqual([
      'fetch --quiet',
      'rev-parse --is-shallow-repository'
    ])
    await expect(git.resolveCommit(c1)).resolves.toBe(c1)
  })
})
