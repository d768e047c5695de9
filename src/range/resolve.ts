import { say } from '../untrusted.js'
import type { RunContext } from '../context.js'
import { CommitRangeError, errorMessage, InputError } from '../errors.js'
import type { CommitDetails, GitClient } from '../git/client.js'
import type { GitHubApi } from '../github/api.js'
import type { Inputs } from '../inputs.js'
import type { MultitudesRecord } from '../record/reader.js'
import { rangeFromApi } from './compare-api.js'
import {
  headFromGit,
  headName,
  headRevision,
  HeadNotInCheckout,
  unknownHead
} from './head.js'
import { CheckoutError, rangeFromGit } from './local-git.js'
import { checkFirstDeployment, chooseBase } from './select.js'
import { DESCRIBED, type CommitRange } from './types.js'

export interface RangeDeps {
  git: GitClient
  /** Undefined without a token or a repository: no deployments, no compare API. */
  github: GitHubApi | undefined
  /** Multitudes' record; undefined without a key or with `record-check: false`. */
  record?: MultitudesRecord
}

/** Head and base as far as resolving got, filled in as it goes (for a failure's summary). */
export interface Resolved {
  head?: string
  base?: string
  baseSource?: string
}

export interface ResolvedRange {
  range: CommitRange
  /**
   * Subjects and authors of the commits sent, for the summary, read when called: the action
   * calls it as the POST leaves, so the read (1,000 commits cost one `git cat-file` process)
   * overlaps it. It never rejects.
   */
  commits: () => Promise<CommitDetails[]>
}

/**
 * Head, base and the commits between them, from the checkout or from the compare API, with one
 * log line that explains the decision. `auto` uses the checkout when it holds (or can be
 * deepened to hold) the range, and the API otherwise.
 */
export async function resolveRange(
  inputs: Inputs,
  ctx: RunContext,
  deps: RangeDeps,
  resolved: Resolved = {}
): Promise<ResolvedRange> {
  const result = await (inputs.commitSource === 'api'
    ? fromApi(inputs, ctx, deps, resolved)
    : fromGitOrApi(inputs, ctx, deps, resolved))
  const { range } = result
  if (range.truncated) {
    say.warning(
      `The range holds ${range.total} commits; 'max-commits' is ${inputs.maxCommits}, so only the newest ${range.shas.length} are sent.`
    )
  }
  say.info(explain(inputs, range))
  return result
}

/** The checkout; with `auto`, the compare API when the checkout cannot hold the range. */
async function fromGitOrApi(
  inputs: Inputs,
  ctx: RunContext,
  deps: RangeDeps,
  resolved: Resolved
): Promise<ResolvedRange> {
  let head: string | undefined
  try {
    head = await headFromGit(inputs, ctx, deps.git)
    resolved.head = head
    return await fromGit(inputs, ctx, deps, head, resolved)
  } catch (error) {
    const fallback =
      inputs.commitSource === 'auto' &&
      error instanceof CheckoutError &&
      deps.github !== undefined
    const named = headName(inputs, ctx)
    if (!fallback && named && error instanceof HeadNotInCheckout)
      throw unknownHead(
        headRevision(inputs, ctx),
        named,
        'in the checkout or on origin'
      )
    if (!fallback) throw error
    if (inputs.paths.length > 0) {
      // The compare API cannot filter by path: the whole range would be wrong for this service.
      throw new CommitRangeError(
        `${error.message} 'paths' is set, and the GitHub compare API cannot filter commits by path, so nothing is sent.`,
        `Check out the repository before this step (actions/checkout with fetch-depth: 0, or filter: tree:0), and set 'working-directory' if it is not in the workspace root.`
      )
    }
    say.warning(`${error.message} Using the GitHub compare API instead.`)
    return fromApi(inputs, ctx, deps, resolved, head)
  }
}

function explain(inputs: Pick<Inputs, 'strategy'>, range: CommitRange): string {
  return [
    `strategy=${inputs.strategy}`,
    `base=${range.base ?? range.baseRef ?? 'none'}`,
    `base-source=${range.baseSource}`,
    `head=${range.head}`,
    `status=${range.status}`,
    `source=${range.source}`,
    `commits=${range.shas.length}`,
    `truncated=${range.truncated}`
  ].join(' ')
}

async function fromGit(
  inputs: Inputs,
  ctx: RunContext,
  deps: RangeDeps,
  head: string,
  resolved: Resolved
): Promise<ResolvedRange> {
  const choice = await chooseBase(inputs, ctx, head, deps)
  Object.assign(resolved, { base: choice.ref, baseSource: choice.source })
  checkFirstDeployment(inputs, choice)
  const range = await rangeFromGit(deps.git, head, choice, inputs)
  return {
    range,
    commits: () => describeCommits(deps.git, range.shas.slice(0, DESCRIBED))
  }
}

async function fromApi(
  inputs: Inputs,
  ctx: RunContext,
  deps: RangeDeps,
  resolved: Resolved,
  knownHead?: string
): Promise<ResolvedRange> {
  const { github } = deps
  if (!github) {
    throw new InputError(
      `Invalid 'commit-source': "api" needs 'github-token' and a repository (GITHUB_REPOSITORY). Expected the default token, or 'commit-source: git' with a checkout.`
    )
  }
  const rev = knownHead ?? headRevision(inputs, ctx)
  const head = /^[0-9a-f]{40}$/i.test(rev)
    ? rev.toLowerCase()
    : await github.resolveCommit(rev)
  if (head === undefined) {
    const named = headName(inputs, ctx)
    if (named) throw unknownHead(rev, named, 'that GitHub knows')
    throw new CommitRangeError(
      `Head ${rev} is not a commit GitHub knows.`,
      `Set 'head' to a pushed commit or ref.`
    )
  }
  resolved.head = head
  const choice = await chooseBase(inputs, ctx, head, {
    git: undefined,
    github,
    record: deps.record
  })
  Object.assign(resolved, { base: choice.ref, baseSource: choice.source })
  checkFirstDeployment(inputs, choice)
  const { range, commits } = await rangeFromApi(github, head, choice, inputs)
  return { range, commits: () => Promise.resolve(commits) }
}

/** Subjects and authors for the summary; a failure here warns and never stops the report. */
async function describeCommits(
  git: GitClient,
  shas: readonly string[]
): Promise<CommitDetails[]> {
  try {
    return await git.commitDetails(shas)
  } catch (error) {
    say.warning(
      `Could not read commit subjects for the summary: ${errorMessage(error)}`
    )
    return []
  }
}
