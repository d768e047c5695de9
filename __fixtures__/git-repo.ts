import { execFileSync } from 'node:child_process'
import {
  mkdtempSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const roots: string[] = []

/** A git environment that ignores the machine's own configuration. */
export function gitEnv(home: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Ada Lovelace',
    GIT_AUTHOR_EMAIL: 'ada@example.com',
    GIT_COMMITTER_NAME: 'Ada Lovelace',
    GIT_COMMITTER_EMAIL: 'ada@example.com',
    GIT_TERMINAL_PROMPT: '0'
  }
}

/** A real repository in a temporary folder, driven by real git. */
export class TestRepo {
  readonly dir: string
  private readonly env: NodeJS.ProcessEnv
  private tick = 0

  constructor(dir: string, home: string) {
    this.dir = dir
    this.env = gitEnv(home)
  }

  static init(): TestRepo {
    const root = mkdtempSync(path.join(tmpdir(), 'repo-'))
    roots.push(root)
    const dir = path.join(root, 'work')
    mkdirSync(dir)
    const repo = new TestRepo(dir, root)
    repo.git('init', '-q', '-b', 'main')
    // As GitHub does: clones of this repository may fetch any commit by SHA, and filter.
    repo.git('config', 'uploadpack.allowAnySHA1InWant', 'true')
    repo.git('config', 'uploadpack.allowFilter', 'true')
    return repo
  }

  /** A clone of this repository through a file:// URL, so shallow options are honoured. */
  clone(...args: string[]): TestRepo {
    const root = mkdtempSync(path.join(tmpdir(), 'clone-'))
    roots.push(root)
    const dir = path.join(root, 'work')
    execFileSync('git', ['clone', '-q', ...args, `file://${this.dir}`, dir], {
      env: gitEnv(root)
    })
    return new TestRepo(dir, root)
  }

  git(...args: string[]): string {
    // Distinct, increasing dates keep git's date ordering deterministic.
    this.tick++
    return this.gitAt(`${1_700_000_000 + this.tick * 60} +0000`, ...args)
  }

  /** A git command dated `date` (git's format, e.g. `4070908800 +0000`): commits, tags. */
  gitAt(date: string, ...args: string[]): string {
    return execFileSync('git', args, {
      cwd: this.dir,
      env: { ...this.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024
    }).trim()
  }

  /** Commits a change to `file` (default: a file named after the message) and returns its SHA. */
  commit(
    message: string,
    file = `${message.replace(/\W+/g, '-')}.txt`
  ): string {
    const full = path.join(this.dir, file)
    mkdirSync(path.dirname(full), { recursive: true })
    writeFileSync(full, `${message}\n${this.tick}\n`)
    this.git('add', '--', file)
    this.git('commit', '-q', '-m', message)
    return this.head()
  }

  commits(n: number, prefix: string): string[] {
    return Array.from({ length: n }, (_, i) =>
      this.commit(`${prefix} ${i + 1}`)
    )
  }

  isShallow(): boolean {
    return this.git('rev-parse', '--is-shallow-repository') === 'true'
  }

  /** A one-commit branch merged into the current branch with --no-ff; returns the merge. */
  mergePullRequest(branch: string, message: string): string {
    const current = this.git('rev-parse', '--abbrev-ref', 'HEAD')
    this.git('checkout', '-q', '-b', branch)
    this.commit(`work on ${branch}`)
    this.git('checkout', '-q', current)
    this.git('merge', '-q', '--no-ff', '-m', message, branch)
    return this.head()
  }

  head(): string {
    return this.git('rev-parse', 'HEAD')
  }

  readFile(file: string): string {
    return readFileSync(path.join(this.dir, file), 'utf8')
  }

  writeFile(file: string, text: string): void {
    writeFileSync(path.join(this.dir, file), text)
  }

  /** `git rev-list` as the ground truth the action must match. */
  revList(...args: string[]): string[] {
    const out = this.git('rev-list', ...args)
    return out === '' ? [] : out.split('\n')
  }

  /** Appends `count` linear commits on `branch` with git fast-import, for large ranges. */
  fastImport(count: number, branch = 'main'): void {
    const parent = this.git('rev-parse', '--verify', '-q', branch)
    const lines: string[] = []
    for (let i = 1; i <= count; i++) {
      const message = `bulk ${i}`
      lines.push(
        `commit refs/heads/${branch}`,
        `mark :${i}`,
        `committer Ada Lovelace <ada@example.com> ${1_600_000_000 + i} +0000`,
        `data ${Buffer.byteLength(message)}`,
        message
      )
      if (i === 1 && parent) lines.push(`from ${parent}`)
      lines.push(
        `M 644 inline bulk.txt`,
        `data ${String(i).length}`,
        String(i),
        ''
      )
    }
    execFileSync('git', ['fast-import', '--quiet'], {
      cwd: this.dir,
      env: this.env,
      input: lines.join('\n') + '\n'
    })
    this.git('reset', '-q', '--hard', branch)
  }
}

/** Runs `body` with a PATH on which git cannot be found, as on a runner without git. */
export async function withoutGitOnPath<T>(body: () => Promise<T>): Promise<T> {
  const saved = process.env.PATH
  process.env.PATH = mkdtempSync(path.join(tmpdir(), 'no-bin-'))
  roots.push(process.env.PATH)
  try {
    return await body()
  } finally {
    process.env.PATH = saved
  }
}

export function removeTestRepos(): void {
  for (const root of roots.splice(0))
    rmSync(root, { recursive: true, force: true })
}
