import { readFile } from 'node:fs/promises'
import * as path from 'node:path'
import { parseLines, parseShaLines } from './lines.js'
import { readCommits, type CommitDetails } from './objects.js'
import { createGitRunner } from './run.js'
import { nearestTag, tags, type TagRef } from './tags.js'
import { revList, type RevListOptions, type RevListResult } from './walk.js'

export type { CommitDetails } from './objects.js'
export type { TagRef } from './tags.js'
export type { RevListOptions, RevListResult } from './walk.js'

/** Every git command the action runs. Argument arrays only: no shell ever sees an input. */
export interface GitClient {
  /** The folder git runs in: the checkout, if there is one. */
  readonly dir: string
  /** Full SHA of the commit a revision names (tags peeled), or undefined when unknown. */
  resolveCommit(rev: string): Promise<string | undefined>
  /**
   * Several revisions at once, in one git call (undefined where one names no commit). Their
   * details are kept, so commitDetails for them costs no call of its own.
   */
  resolveCommits(revs: readonly string[]): Promise<(string | undefined)[]>
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
  /** Author and subject of each known commit, in the order asked. */
  commitDetails(shas: readonly string[]): Promise<CommitDetails[]>
  /** Tags matching a glob (`refs/tags/<pattern>`), with the dates a backfill needs. */
  tags(pattern: string): Promise<TagRef[]>
  /** Which of these full SHAs name commits in the repository: one git call for them all. */
  presentCommits(shas: readonly string[]): Promise<Set<string>>
}

const FETCH = ['fetch', '--quiet', '--no-tags', '--no-recurse-submodules']

/**
 * The repository operations. Whether the clone is shallow is read in the same call as every
 * resolveCommit and kept until a fetch changes it; commit details read once are kept. Longer than
 * 40 lines as a whole, short in its parts: one closure holds what the operations share (the runner,
 * the shallow flag, the details read), and each operation is a few lines.
 */
export function createGitClient(cwd: string = process.cwd()): GitClient {
  const run = createGitRunner(cwd)
  let shallow: boolean | undefined
  const details = new Map<string, CommitDetails>()

  const client: GitClient = {
    dir: cwd,

    async resolveCommit(rev) {
      const r = await run(
        [
          'rev-parse',
          '--is-shallow-repository',
          '--verify',
          '--quiet',
          '--end-of-options',
          `${rev}^{commit}`
        ],
        { ok: [0, 1] }
      )
      const [isShallow, sha] = parseLines(r.stdout)
      shallow = isShallow === 'true'
      return r.exitCode === 0 ? sha.toLowerCase() : undefined
    },

    async resolveCommits(revs) {
      const found = await readCommits(run, revs)
      for (const commit of found) if (commit) details.set(commit.sha, commit)
      return found.map((commit) => commit?.sha)
    },

    async isShallow() {
      if (shallow === undefined) {
        const r = await run(['rev-parse', '--is-shallow-repository'])
        shallow = r.stdout.trim() === 'true'
      }
      return shallow
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

    revList: (base, head, options) => revList(run, base, head, options),

    async fetchRef(ref, options) {
      const depth = options.shallow ? ['--depth=1'] : []
      shallow = undefined
      const r = await run(
        [...FETCH, ...depth, '--end-of-options', 'origin', ref],
        { ok: [0, 1, 128] }
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
      shallow = undefined
      const r = await run([...args, ...revs], { ok: [0, 1, 128] })
      // A server that refuses SHA wants still deepens the configured refs.
      if (r.exitCode !== 0) await run(args)
    },

    nearestTag: (head, pattern) => nearestTag(run, head, pattern),

    async commitDetails(shas) {
      const unknown = shas.filter((sha) => !details.has(sha))
      if (unknown.length > 0) await client.resolveCommits(unknown)
      return shas.flatMap((sha) => details.get(sha) ?? [])
    },

    tags: (pattern) => tags(run, pattern),

    async presentCommits(shas) {
      if (shas.length === 0) return new Set()
      const r = await run(
        ['cat-file', '--buffer', '--batch-check=%(objectname) %(objecttype)'],
        { input: shas.join('\n') + '\n' }
      )
      return new Set(
        parseLines(r.stdout)
          .map((line) => line.split(' '))
          .filter(([, type]) => type === 'commit')
          .map(([sha]) => sha.toLowerCase())
      )
    }
  }
  return client
}
