import * as exec from '@actions/exec'
import { readFile } from 'node:fs/promises'
import * as path from 'node:path'
import { GitError, GitNotFoundError } from './errors.js'

export interface CommitDetails {
  sha: string
  author: string
  subject: string
}

export interface RevListResult {
  /** The newest `limit` SHAs, in git's order (head first). */
  shas: string[]
  /** How many SHAs git listed in all. */
  total: number
  /** A listed commit is a shallow boundary: its parents are missing, so the list may be short. */
  crossesShallowBoundary: boolean
  /**
   * Whether base is an ancestor of head, read off the same walk (base is then a boundary
   * commit); undefined with pathspecs, whose walk does not tell.
   */
  reachesBase: boolean | undefined
}

export interface RevListOptions {
  limit: number
  /** Pathspecs: list only commits that touch them. */
  paths?: readonly string[]
  /** Shallow boundary commits to watch for. */
  shallow?: ReadonlySet<string>
}

/** Every git command the action runs. Argument arrays only: no shell ever sees an input. */
export interface GitClient {
  /** The folder git runs in: the checkout, if there is one. */
  readonly dir: string
  /** Full SHA of the commit a revision names (tags peeled), or undefined when unknown. */
  resolveCommit(rev: string): Promise<string | undefined>
  isShallow(): Promise<boolean>
  /** Commits whose parents a shallow clone lacks. */
  shallowCommits(): Promise<Set<string>>
  isAncestor(ancestor: string, descendant: string): Promise<boolean>
  mergeBase(a: string, b: string): Promise<string | undefined>
  /** `git rev-list base..head` (or all of head without base), streamed. */
  revList(
    base: string | undefined,
    head: string,
    options: RevListOptions
  ): Promise<RevListResult>
  /**
   * Fetches a commit-ish from origin (`--depth=1` only in a shallow clone: a depth fetch would
   * make a full clone shallow). Returns its SHA, or undefined when origin does not have it.
   */
  fetchRef(
    ref: string,
    options: { shallow: boolean }
  ): Promise<string | undefined>
  /** Whether a remote named origin is configured: without it, nothing can be fetched. */
  hasOrigin(): Promise<boolean>
  /** Deepens a shallow clone by `by` commits below its boundary, along `revs`. */
  deepen(by: number, revs: readonly string[]): Promise<void>
  /** The nearest tag matching `pattern` that is an ancestor of head and not on head itself. */
  nearestTag(head: string, pattern: string): Promise<string | undefined>
  commitDetails(shas: readonly string[]): Promise<CommitDetails[]>
  /** Tags matching a glob (`refs/tags/<pattern>`), with the dates a backfill needs. */
  tags(pattern: string): Promise<TagRef[]>
  /** Which of these full SHAs name commits in the repository: one git call for them all. */
  presentCommits(shas: readonly string[]): Promise<Set<string>>
}

export interface TagRef {
  name: string
  /** The tag's object: the commit of a lightweight tag, the tag object of an annotated one. */
  object: string
  /** What an annotated tag points to; undefined for a lightweight tag. */
  peeled: string | undefined
  /** The type of what the tag finally names: `commit` for a deployable tag. */
  commitType: string
  taggerDate: string
  /** The commit's date: of the tag's object (lightweight) or of the peeled commit. */
  committerDate: string
  peeledDate: string
}

interface RunResult {
  exitCode: number
  stdout: string
  stderr: string
}

const FETCH = ['fetch', '--quiet', '--no-tags', '--no-recurse-submodules']

export function createGitClient(cwd: string = process.cwd()): GitClient {
  const env = { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } as {
    [key: string]: string
  }

  async function run(
    args: string[],
    options: {
      ok?: number[]
      input?: string
      onStdout?: (chunk: Buffer) => void
    } = {}
  ): Promise<RunResult> {
    const stdout: Buffer[] = []
    const stderr: Buffer[] = []
    const exitCode = await exec
      .exec('git', args, {
        cwd,
        env,
        silent: true,
        ignoreReturnCode: true,
        input:
          options.input === undefined ? undefined : Buffer.from(options.input),
        listeners: {
          stdout: options.onStdout ?? ((chunk) => stdout.push(chunk)),
          stderr: (chunk) => stderr.push(chunk)
        }
      })
      .catch((error: unknown) => {
        // @actions/io's which() throws before spawning when git is not on PATH.
        if (/Unable to locate executable file/.test(String(error)))
          throw new GitNotFoundError()
        throw error
      })
    const result = {
      exitCode,
      stdout: Buffer.concat(stdout).toString('utf8'),
      stderr: Buffer.concat(stderr).toString('utf8')
    }
    if (!(options.ok ?? [0]).includes(exitCode)) {
      throw new GitError(args, exitCode, result.stderr)
    }
    return result
  }

  const client: GitClient = {
    dir: cwd,

    async resolveCommit(rev) {
      const r = await run(
        [
          'rev-parse',
          '--verify',
          '--quiet',
          '--end-of-options',
          `${rev}^{commit}`
        ],
        { ok: [0, 1] }
      )
      return r.exitCode === 0 ? r.stdout.trim().toLowerCase() : undefined
    },

    async isShallow() {
      const r = await run(['rev-parse', '--is-shallow-repository'])
      return r.stdout.trim() === 'true'
    },

    async shallowCommits() {
      const r = await run(['rev-parse', '--git-path', 'shallow'])
      const file = path.resolve(cwd, r.stdout.trim())
      const text = await readFile(file, 'utf8').catch(() => '')
      return new Set(parseShaLines(text))
    },

    async isAncestor(ancestor, descendant) {
      const r = await run(
        [
          'merge-base',
          '--is-ancestor',
          '--end-of-options',
          ancestor,
          descendant
        ],
        { ok: [0, 1] }
      )
      return r.exitCode === 0
    },

    async mergeBase(a, b) {
      const r = await run(['merge-base', '--end-of-options', a, b], {
        ok: [0, 1]
      })
      return r.exitCode === 0 ? r.stdout.trim() : undefined
    },

    async revList(base, head, { limit, paths = [], shallow }) {
      const shas: string[] = []
      let total = 0
      let crossesShallowBoundary = false
      let reachesBase = false
      const lines = lineSplitter((line) => {
        if (line.startsWith('-')) {
          reachesBase ||= line.slice(1) === base
          return
        }
        total++
        if (shas.length < limit) shas.push(line)
        if (shallow?.has(line)) crossesShallowBoundary = true
      })
      const range = base === undefined ? [head] : [head, `^${base}`]
      const args =
        paths.length > 0
          ? ['--full-history', '--end-of-options', ...range, '--', ...paths]
          : ['--boundary', '--end-of-options', ...range]
      await run(['rev-list', ...args], { onStdout: lines.push })
      lines.end()
      return {
        shas,
        total,
        crossesShallowBoundary,
        reachesBase: paths.length > 0 ? undefined : reachesBase
      }
    },

    async fetchRef(ref, { shallow }) {
      const depth = shallow ? ['--depth=1'] : []
      const r = await run(
        [...FETCH, ...depth, '--end-of-options', 'origin', ref],
        {
          ok: [0, 1, 128]
        }
      )
      return r.exitCode === 0 ? client.resolveCommit('FETCH_HEAD') : undefined
    },

    async hasOrigin() {
      const r = await run(['config', '--get', 'remote.origin.url'], {
        ok: [0, 1]
      })
      return r.exitCode === 0
    },

    async deepen(by, revs) {
      const args = [...FETCH, `--deepen=${by}`, '--end-of-options', 'origin']
      const r = await run([...args, ...revs], { ok: [0, 1, 128] })
      // A server that refuses SHA wants still deepens the configured refs.
      if (r.exitCode !== 0) await run(args)
    },

    async nearestTag(head, pattern) {
      const onHead = await run([
        'tag',
        '--points-at',
        head,
        '--list',
        '--end-of-options',
        pattern
      ])
      const exclude = parseLines(onHead.stdout).flatMap((t) => [
        '--exclude',
        escapeGlob(t)
      ])
      const r = await run(
        [
          'describe',
          '--tags',
          '--abbrev=0',
          '--match',
          pattern,
          ...exclude,
          '--end-of-options',
          head
        ],
        { ok: [0, 128] }
      )
      return r.exitCode === 0 ? r.stdout.trim() : undefined
    },

    async tags(pattern) {
      const format = [
        '%(refname:strip=2)',
        '%(objectname)',
        '%(*objectname)',
        '%(taggerdate:iso-strict)',
        '%(committerdate:iso-strict)',
        '%(*committerdate:iso-strict)',
        '%(objecttype)',
        '%(*objecttype)'
      ].join('%00')
      const r = await run([
        'for-each-ref',
        `--format=${format}`,
        '--end-of-options',
        `refs/tags/${pattern}`
      ])
      const refs = parseLines(r.stdout).map((line) => {
        const [
          name,
          object,
          peeled,
          taggerDate,
          committerDate,
          peeledDate,
          type,
          peeledType
        ] = line.split('\0')
        return {
          name,
          object: object.toLowerCase(),
          peeled: peeled ? peeled.toLowerCase() : undefined,
          commitType: peeledType || type,
          taggerDate,
          committerDate,
          peeledDate
        }
      })
      // for-each-ref peels one level (before git 2.44): a tag of a tag is peeled here, in one call.
      const nested = refs.filter((t) => t.commitType === 'tag')
      if (nested.length > 0) {
        const peeled = await run(
          ['cat-file', '--batch-check=%(objectname) %(objecttype)'],
          {
            input: nested.map((t) => `refs/tags/${t.name}^{commit}\n`).join('')
          }
        )
        for (const [i, line] of parseLines(peeled.stdout).entries()) {
          const [sha, type] = line.split(' ')
          if (type === 'commit' && nested[i]) {
            nested[i].peeled = sha.toLowerCase()
            nested[i].commitType = 'commit'
          }
        }
      }
      return refs
    },

    async presentCommits(shas) {
      if (shas.length === 0) return new Set()
      const r = await run(
        ['cat-file', '--batch-check=%(objectname) %(objecttype)'],
        { input: shas.join('\n') + '\n' }
      )
      return new Set(
        parseLines(r.stdout)
          .map((line) => line.split(' '))
          .filter(([, type]) => type === 'commit')
          .map(([sha]) => sha.toLowerCase())
      )
    },

    async commitDetails(shas) {
      if (shas.length === 0) return []
      // NUL-separated (-z): a subject cannot hold a NUL, so it cannot forge a field or a row.
      const r = await run(
        [
          'log',
          '-z',
          '--no-walk=unsorted',
          '--stdin',
          '--format=%H%x00%an%x00%s'
        ],
        { input: shas.join('\n') + '\n' }
      )
      return parseCommitDetails(r.stdout)
    }
  }
  return client
}

/** Feeds complete lines of a byte stream to `onLine`, however the chunks split them. */
export function lineSplitter(onLine: (line: string) => void): {
  push: (chunk: Buffer) => void
  end: () => void
} {
  let rest = ''
  const emit = (line: string): void => {
    const trimmed = line.trim()
    if (trimmed !== '') onLine(trimmed.toLowerCase())
  }
  return {
    push: (chunk) => {
      const text = rest + chunk.toString('latin1')
      const parts = text.split('\n')
      rest = parts.pop() ?? ''
      parts.forEach(emit)
    },
    end: () => {
      emit(rest)
      rest = ''
    }
  }
}

function parseLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
}

/** SHA-1 or SHA-256 object names, one a line, lowercased; anything else is ignored. */
export function parseShaLines(text: string): string[] {
  return parseLines(text)
    .map((l) => l.toLowerCase())
    .filter((l) => /^([0-9a-f]{40}|[0-9a-f]{64})$/.test(l))
}

/** Parses `git log -z --format=%H%x00%an%x00%s`: NUL between fields and between commits. */
export function parseCommitDetails(text: string): CommitDetails[] {
  const fields = text.split('\0')
  const commits: CommitDetails[] = []
  for (let i = 0; i + 2 < fields.length; i += 3) {
    const sha = fields[i].trim().toLowerCase()
    if (sha !== '')
      commits.push({
        sha,
        author: fields[i + 1],
        subject: fields[i + 2].trim()
      })
  }
  return commits
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`)
}
