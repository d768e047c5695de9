import { TextDecoder } from 'node:util'
import type { GitRunner } from './run.js'

export interface CommitDetails {
  sha: string
  author: string
  subject: string
  /** How many parents the commit has, where git read it (the compare API's commits leave it out). */
  parents?: number
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
  // --buffer: without it git flushes after every object, and 1,000 commits cost ≈ 10 ms more.
  await run(['cat-file', '--batch', '--buffer'], {
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
  // One latin1 string of the whole output (a character per byte, so its offsets are byte
  // offsets): searching it is several times faster than a Buffer call per line and object.
  const text = out.toString('latin1')
  const objects: (CommitDetails | undefined)[] = []
  let at = 0
  while (at < text.length) {
    const eol = text.indexOf('\n', at)
    const header = text.slice(at, eol < 0 ? text.length : eol)
    at = eol < 0 ? text.length : eol + 1
    const [oid, type, size] = header.split(' ')
    if (!/^\d+$/.test(size ?? '')) {
      objects.push(undefined)
      continue
    }
    const end = Math.min(at + Number(size), text.length)
    objects.push(
      type === 'commit'
        ? commitAt(oid.toLowerCase(), { bytes: out, text, start: at, end })
        : undefined
    )
    at += Number(size) + 1
  }
  return objects
}

/**
 * A raw commit object as `git log --format=%an%x00%s` shows it: the author's name, and the first
 * paragraph of the message on one line, in UTF-8 whatever the commit's `encoding` header says.
 */
export function parseCommitObject(sha: string, raw: Buffer): CommitDetails {
  return commitAt(sha, {
    bytes: raw,
    text: raw.toString('latin1'),
    start: 0,
    end: raw.length
  })
}

/** An object's bytes within a batch, with the same bytes as a latin1 string. */
interface Span {
  bytes: Buffer
  text: string
  start: number
  end: number
}

function commitAt(
  sha: string,
  { bytes, text, start, end }: Span
): CommitDetails {
  const blank = text.indexOf('\n\n', start)
  const split = blank >= 0 && blank + 2 <= end ? blank : -1
  const headers = text.slice(start, split < 0 ? end : split).split('\n')
  const header = (name: string): string | undefined =>
    headers.find((line) => line.startsWith(`${name} `))?.slice(name.length + 1)
  const decode = decoder(header('encoding'))
  const ident = decode(Buffer.from(header('author') ?? '', 'latin1'))
  const message = split < 0 ? '' : decode(bytes.subarray(split + 2, end))
  return {
    sha,
    author: ident.replace(/\s*<.*$/, ''),
    subject: subjectOf(message),
    parents: headers.filter((line) => line.startsWith('parent ')).length
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
  let decode = decoders.get(encoding)
  if (decode === undefined) {
    let textDecoder: TextDecoder
    try {
      textDecoder = new TextDecoder(encoding)
    } catch {
      // An encoding Node does not know: read it as UTF-8, as git does for a commit without one.
      textDecoder = new TextDecoder('utf-8')
    }
    decode = (bytes) => textDecoder.decode(bytes)
    decoders.set(encoding, decode)
  }
  return decode
}

/** One decoder per encoding: making one per commit cost more than the decoding. */
const decoders = new Map<string, (bytes: Buffer) => string>()
