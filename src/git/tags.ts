import { parseLines } from './lines.js'
import type { GitRunner } from './run.js'

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

const FORMAT = [
  '%(refname:strip=2)',
  '%(objectname)',
  '%(*objectname)',
  '%(taggerdate:iso-strict)',
  '%(committerdate:iso-strict)',
  '%(*committerdate:iso-strict)',
  '%(objecttype)',
  '%(*objecttype)'
].join('%00')

/** Tags matching a glob (`refs/tags/<pattern>`), with the dates a backfill needs. */
export async function tags(run: GitRunner, pattern: string): Promise<TagRef[]> {
  const r = await run([
    'for-each-ref',
    `--format=${FORMAT}`,
    '--end-of-options',
    `refs/tags/${pattern}`
  ])
  const refs = parseLines(r.stdout).map(tagOf)
  await peelNested(
    run,
    refs.filter((t) => t.commitType === 'tag')
  )
  return refs
}

/** One line of FORMAT. */
function tagOf(line: string): TagRef {
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
}

/** for-each-ref peels one level (before git 2.44): a tag of a tag is peeled here, in one call. */
async function peelNested(run: GitRunner, nested: TagRef[]): Promise<void> {
  if (nested.length === 0) return
  const peeled = await run(
    ['cat-file', '--buffer', '--batch-check=%(objectname) %(objecttype)'],
    { input: nested.map((t) => `refs/tags/${t.name}^{commit}\n`).join('') }
  )
  for (const [i, line] of parseLines(peeled.stdout).entries()) {
    const [sha, type] = line.split(' ')
    if (type === 'commit' && nested[i]) {
      nested[i].peeled = sha.toLowerCase()
      nested[i].commitType = 'commit'
    }
  }
}

/** The nearest tag matching `pattern` that is an ancestor of head and not on head itself. */
export async function nearestTag(
  run: GitRunner,
  head: string,
  pattern: string
): Promise<string | undefined> {
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
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`)
}
