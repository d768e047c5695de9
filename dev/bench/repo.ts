/** Benchmark repositories, generated with git fast-import: a main line with merged side branches. */
import { execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import path from 'node:path'

export const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com'
}

export const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', args, {
    cwd,
    env: GIT_ENV,
    encoding: 'utf8',
    maxBuffer: 1 << 30
  }).trim()

/**
 * A repository of `commits` commits on main, one in ten a merge of a one-commit side branch,
 * so ranges cross merges as real ones do. Returns its folder.
 */
export function generateRepo(dir: string, commits: number): string {
  mkdirSync(dir, { recursive: true })
  git(dir, 'init', '-q', '-b', 'main')
  git(dir, 'config', 'uploadpack.allowAnySHA1InWant', 'true')
  execFileSync('git', ['fast-import', '--quiet'], {
    cwd: dir,
    env: GIT_ENV,
    input: history(commits).join('\n') + '\n',
    maxBuffer: 1 << 30
  })
  git(dir, 'reset', '-q', '--hard', 'main')
  git(dir, 'branch', '-q', '-D', 'side')
  return dir
}

/** generateRepo's history as a `git fast-import` stream, one line an item. */
function history(commits: number): string[] {
  const stream: Stream = { lines: [], marks: 0 }
  let previous = 0
  const commit = (
    ref: string,
    message: string,
    parents: number[],
    file: string
  ) => fastImportCommit(stream, ref, message, parents.filter(Boolean), file)
  let made = 0
  while (made < commits) {
    if (made % 10 === 9 && made + 2 <= commits) {
      const side = commit(
        'refs/heads/side',
        `side work ${made}`,
        [previous],
        'side.txt'
      )
      previous = commit(
        'refs/heads/main',
        `Merge pull request #${made} from bench/side`,
        [previous, side],
        'main.txt'
      )
      made += 2
    } else {
      previous = commit(
        'refs/heads/main',
        `change ${made} (#${made})`,
        [previous],
        'main.txt'
      )
      made++
    }
  }
  return stream.lines
}

interface Stream {
  lines: string[]
  /** Marks given so far: the next commit's is one more. */
  marks: number
}

/** One commit appended to a fast-import stream; returns its mark (1, 2, …). */
function fastImportCommit(
  stream: Stream,
  ref: string,
  message: string,
  parents: number[],
  file: string
): number {
  const mark = ++stream.marks
  const { lines } = stream
  lines.push(
    `commit ${ref}`,
    `mark :${mark}`,
    `committer Bench <bench@example.com> ${1_600_000_000 + mark * 60} +0000`,
    `data ${Buffer.byteLength(message)}`,
    message
  )
  if (parents[0]) lines.push(`from :${parents[0]}`)
  for (const p of parents.slice(1)) lines.push(`merge :${p}`)
  lines.push(
    `M 644 inline ${file}`,
    `data ${String(mark).length}`,
    String(mark),
    ''
  )
  return mark
}

/** The commit `n` commits below HEAD along first parents, and the true size of base..HEAD. */
export function baseBelow(
  dir: string,
  n: number
): { base: string; size: number } {
  const base = git(dir, 'rev-parse', `HEAD~${n}`)
  return {
    base,
    size: Number(git(dir, 'rev-list', '--count', `${base}..HEAD`))
  }
}

export const clonePath = (root: string, name: string): string =>
  path.join(root, name)
