import { TextDecoder } from 'node:util'
import type { GitRunner } from './run.js'

export interface CommitDetails {
  sha: string
  author: string
  subject: string
}

/** A revision must be one line of cat-file's input: one with a line break names nothing. */
const ONE_LINE = /^[^\n\r\0]+$/

/**
 * Looks revisions up in one `git cat-file --batch`: each one's commit (tags peeled) with its
 * details, or undefined where it names no commit. Unlike rev-parse or log, an unknown revision
 * never fails the call, so any number of them cost one process.
 */
export async function readCommits(
  run: GitRunner,
  revs: readonly string[]
): Promise<(CommitDetails | undefined)[]> {
  const asked = revs.filter((rev) => ONE_LINE.test(rev))
  if (asked.length === 0) return revs.map(() => undefined)
  const chunks: Buffer[] = []
  await run(['cat-file', '--batch'], {
    input: asked.map((rev) => `${rev}^{commit}\n`).join(''),
    onStdout: (chunk) => chunks.push(chunk)
  })
  const found = parseBatch(Buffer.concat(chunks))
  const byRev = new Map(asked.map((rev, i) => [rev, found[i]]))
  return revs.map((rev) => byRev.get(rev))
}

/**
 * Parses `git cat-file --batch` output: per object `<oid> <type> <size>`, then exactly size bytes
 * and a newline; `<name> missing` (or `ambiguous`) for a name that found none.
 */
export function parseBatch(out: Buffer): (CommitDetails | undefined)[] {
  const objects: (CommitDetails | undefined)[] = []
  let at = 0
  while (at < out.length) {
    const eol = out.indexOf(10, at)
    const header = out.toString('latin1', at, eol < 0 ? out.length : eol)
    at = eol < 0 ? out.length : eol + 1
    const [oid, type, size] = header.split(' ')
    if (!/^\d+$/.test(size ?? '')) {
      objects.push(undefined)
      continue
    }
    const content = out.subarray(at, at + Number(size))
    at += Number(size) + 1
    objects.push(
      type === 'commit'
        ? parseCommitObject(oid.toLowerCase(), content)
        : undefined
    )
  }
  return objects
}

/**
 * A raw commit object as `git log --format=%an%x00%s` shows it: the author's name, and the first
 * paragraph of the message on one line, in UTF-8 whatever the commit's `encoding` header says.
 */
export function parseCommitObject(sha: string, raw: Buffer): CommitDetails {
  const split = raw.indexOf('\n\n')
  const headers = raw.toString('latin1', 0, split < 0 ? raw.length : split)
  const header = (name: string): string | undefined =>
    headers
      .split('\n')
      .find((line) => line.startsWith(`${name} `))
      ?.slice(name.length + 1)
  const decode = decoder(header('encoding'))
  const ident = decode(Buffer.from(header('author') ?? '', 'latin1'))
  const message = split < 0 ? '' : decode(raw.subarray(split + 2))
  return {
    sha,
    author: ident.replace(/\s*<.*$/, ''),
    subject: subjectOf(message)
  }
}

/** git's %s: leading blank lines skipped, then the lines up to a blank one, joined by spaces. */
function subjectOf(message: string): string {
  const lines = message.split('\n').map((line) => line.trimEnd())
  const start = lines.findIndex((line) => line !== '')
  if (start < 0) return ''
  const end = lines.indexOf('', start)
  return lines
    .slice(start, end < 0 ? undefined : end)
    .join(' ')
    .trim()
}

function decoder(encoding = 'utf-8'): (bytes: Buffer) => string {
  let textDecoder: TextDecoder
  try {
    textDecoder = new TextDecoder(encoding)
  } catch {
    // An encoding Node does not know: read it as UTF-8, as git does for a commit without one.
    textDecoder = new TextDecoder('utf-8')
  }
  return (bytes) => textDecoder.decode(bytes)
}
