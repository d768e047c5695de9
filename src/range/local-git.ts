import { say } from '../untrusted.js'
import { CommitRangeError, InputError } from '../errors.js'
import type { GitClient, RevListResult } from '../git/client.js'
import { headOnly, noBase } from './head-only.js'
import type { BaseChoice, CommitRange, RangeStatus } from './types.js'

export interface RangeOptions {
  maxCommits: number
  paths: readonly string[]
}

/** Commits fetched per deepening round: growing, so a far base costs few round trips. */
export const DEEPEN_STEPS = [50, 250, 1000, 4000, 16000]

/**
 * Head's newest commits along its first and second parents: what a push or a merged pull request
 * usually sends. Read in the same git call as base, so the summary needs no call of its own.
 */
const NEWEST = 20
const newest = (head: string): string[] =>
  Array.from({ length: NEWEST }, (_, i) => [
    `${head}~${i}`,
    `${head}^2~${i}`
  ]).flat()

/** The checkout cannot hold the range (shallow beyond the deepening bound, or no checkout). */
export class CheckoutError extends CommitRangeError {
  override name = 'CheckoutError'
}

const SHALLOW_FIX =
  'Check out the full history: actions/checkout with fetch-depth: 0 (or filter: tree:0 for a large repository), or use commit-source: api.'

/** A `base` input that names no commit: a typo must not be reported as "base unavailable". */
export function unknownBaseInput(ref: string, where: string): InputError {
  return new InputError(
    `Invalid 'base': ${JSON.stringify(ref)} names no commit ${where}. Expected an existing commit SHA, branch or tag (check for a typo).`
  )
}

/**
 * The commits of `git rev-list base..head` from the checkout, classified. A shallow checkout is
 * deepened until the range is whole; a range that still reaches past the shallow boundary is an
 * error, never a silently short list (git itself exits 0 with one).
 */
export async function rangeFromGit(
  git: GitClient,
  head: string,
  choice: BaseChoice,
  options: RangeOptions
): Promise<CommitRange> {
  if (choice.ref === undefined) return noBase(head, choice)
  const shallow = await git.isShallow()
  const named = `${choice.ref} (${choice.source})`
  const [found, ...read] = await git.resolveCommits([
    choice.ref,
    ...newest(head)
  ])
  const base = found ?? (await git.fetchRef(choice.ref, { shallow }))
  if (base === undefined)
    return missingBase(git, head, choice, choice.ref, shallow)
  const only = (status: RangeStatus): CommitRange =>
    headOnly(head, choice, status, base)
  if (base === head) return only('identical')

  const firstParents = read.filter((_, i) => i % 2 === 0)
  const list =
    (!shallow && (await straightLine(git, base, firstParents, options))) ||
    (await completeList(git, base, head, options, named, shallow))
  const status = await relation(git, base, head, list, named)
  if (status !== 'ahead' && status !== 'diverged') return only(status)
  // With paths, head may touch none of them: it is sent all the same.
  // rev-list lists head first whenever it lists it at all.
  const extra = list.shas[0] === head ? 0 : 1
  const shas = (extra ? [head, ...list.shas] : list.shas).slice(
    0,
    options.maxCommits
  )
  const total = list.total + extra
  return { ...only(status), shas, total, truncated: total > shas.length }
}

/**
 * base..head without a rev-list, when the commits read with base already hold it: base is on
 * head's first-parent line among the newest read, and every commit above it has one parent, so
 * nothing else can be in the range (a push of a few commits). Undefined otherwise, and with
 * paths, which only git can apply.
 */
async function straightLine(
  git: GitClient,
  base: string,
  firstParents: readonly (string | undefined)[],
  options: RangeOptions
): Promise<RevListResult | undefined> {
  const at = firstParents.indexOf(base)
  if (at < 1 || options.paths.length > 0) return undefined
  const above = firstParents.slice(0, at) as string[]
  // Read with base, so this costs no git call; any failure leaves the walk to rev-list.
  const details = await git.commitDetails(above).catch(() => [])
  if (details.length !== at || details.some((d) => d.parents !== 1))
    return undefined
  return {
    shas: above.slice(0, options.maxCommits),
    total: at,
    crossesShallowBoundary: false,
    reachesBase: true
  }
}

/** How head stands to base: from the list where it says, else from git. */
async function relation(
  git: GitClient,
  base: string,
  head: string,
  list: RevListResult,
  named: string
): Promise<RangeStatus> {
  // Nothing of head outside base: head is an ancestor of base (with paths, git must say).
  const behind =
    list.total === 0 &&
    (list.reachesBase !== undefined || (await git.isAncestor(head, base)))
  if (behind) return 'behind'
  if (list.reachesBase ?? (await git.isAncestor(base, head))) return 'ahead'
  if ((await git.mergeBase(base, head)) !== undefined) return 'diverged'
  say.warning(
    `Base ${named} shares no history with head ${head}: only head is sent.`
  )
  return 'unavailable'
}

/** A base neither the checkout nor origin has: an error to fix, or only head when it is gone. */
async function missingBase(
  git: GitClient,
  head: string,
  choice: BaseChoice,
  ref: string,
  shallow: boolean
): Promise<CommitRange> {
  const named = `${ref} (${choice.source})`
  // Without origin, a shallow clone cannot say whether base exists at all: not a typo.
  if (shallow && !(await git.hasOrigin())) {
    throw new CheckoutError(
      `Base ${named} is not in this shallow clone, and there is no origin to fetch it from.`,
      `Fetch it (git fetch --unshallow) before this step, or use the API (commit-source: api).`
    )
  }
  if (choice.source === 'input')
    throw unknownBaseInput(ref, 'in the checkout or on origin')
  if (shallow) {
    throw new CheckoutError(
      `Base ${named} is not in the checkout, and origin would not give it: the checkout is shallow; use fetch-depth: 0.`,
      SHALLOW_FIX
    )
  }
  say.warning(
    `Base ${named} is not in the checkout or on origin (a force push may have removed it): only head is sent.`
  )
  return headOnly(head, choice, 'unavailable')
}

/** rev-list base..head, deepening a shallow clone until no listed commit is a boundary. */
async function completeList(
  git: GitClient,
  base: string,
  head: string,
  options: RangeOptions,
  named: string,
  shallow: boolean
): Promise<RevListResult> {
  for (let round = 0; ; round++) {
    const boundary = shallow ? await git.shallowCommits() : undefined
    const list = await git.revList(base, head, {
      limit: options.maxCommits,
      paths: options.paths,
      shallow: boundary
    })
    if (!list.crossesShallowBoundary && !boundary?.has(base)) return list
    const step = DEEPEN_STEPS[round]
    if (step === undefined) {
      throw new CheckoutError(
        `The range from base ${named} to head reaches past the shallow boundary even after deepening by ${DEEPEN_STEPS.reduce((a, b) => a + b)} commits: the checkout is shallow; use fetch-depth: 0.`,
        SHALLOW_FIX
      )
    }
    say.info(`The checkout is shallow: deepening it by ${step} commits.`)
    await git.deepen(step, [head, base])
    shallow = await git.isShallow()
  }
}
