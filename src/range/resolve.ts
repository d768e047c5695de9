import { say } from '../untrusted.js'
import type { RunContext } from '../context.js'
import {
  CommitRangeError,
  errorMessage,
  GitError,
  GitNotFoundError,
  InputError
} from '../errors.js'
import type { CommitDetails, GitClient } from '../git/client.js'
import type { GitHubApi } from '../github/api.js'
import type { Inputs } from '../inputs.js'
import type { MultitudesRecord } from '../record/reader.js'
import { rangeFromApi } from './compare-api.js'
import { CheckoutError, rangeFromGit } from './local-git.js'
import { chooseBase } from './select.js'
import { DESCRIBED, type BaseChoice, type CommitRange } from './types.js'

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

/** Head, as the event or an input names it, is neither in the checkout nor on origin. */
class HeadNotInCheckout extends CheckoutError {
  override name = 'HeadNotInCheckout'
}

export interface ResolvedRange {
  range: CommitRange
  /** Subjects and authors of the commits sent, for the summary. */
  commits: CommitDetails[]
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
    commits: await describeCommits(deps.git, range.shas.slice(0, DESCRIBED))
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
  return rangeFromApi(github, head, choice, inputs)
}

function headRevision(inputs: Pick<Inputs, 'head'>, ctx: RunContext): string {
  const rev = inputs.head ?? ctx.eventHead ?? ctx.sha
  if (!rev) {
    throw new InputError(
      `Input 'head' is empty and the event names no commit. Expected a commit SHA or ref in 'head'.`
    )
  }
  return rev
}

function checkFirstDeployment(
  inputs: Pick<Inputs, 'strategy' | 'firstDeployment'>,
  choice: BaseChoice
): void {
  if (
    choice.ref === undefined &&
    inputs.strategy !== 'head' &&
    inputs.firstDeployment === 'fail'
  ) {
    throw new CommitRangeError(
      `No base was found for strategy '${inputs.strategy}'${choice.unknown ? ` (${choice.unknown})` : ''} and 'first-deployment' is 'fail'.`,
      `Set 'base', or 'first-deployment: head' to send only head on a first deployment.`
    )
  }
}

/**
 * Head from the checkout. For events that name no commit (a manual dispatch, a schedule), the
 * checked-out commit is what was deployed: a rollback checks out the ref it deploys.
 */
async function headFromGit(
  inputs: Pick<Inputs, 'head'>,
  ctx: RunContext,
  git: GitClient
): Promise<string> {
  if (inputs.head === undefined && ctx.headFromCheckout) {
    const checkedOut = await commitInCheckout('HEAD', git)
    if (checkedOut !== undefined) {
      if (checkedOut !== ctx.sha.toLowerCase()) {
        say.info(
          `Head: the checkout is at ${checkedOut}, not at GITHUB_SHA ${ctx.sha || '(unset)'}; a ${ctx.eventName} run deploys what it checked out, so the checkout is head.`
        )
      }
      return checkedOut
    }
  }
  const rev = headRevision(inputs, ctx)
  const sha = await commitInCheckout(rev, git)
  if (sha !== undefined) return sha
  // A head that was given (an input, a CI variable) may be on origin without being fetched.
  const named = headName(inputs, ctx)
  const fetched =
    named && (await git.fetchRef(rev, { shallow: await git.isShallow() }))
  if (fetched) return fetched
  throw new HeadNotInCheckout(
    `Head ${rev} is not in the checkout.`,
    `Check out the deployed commit (actions/checkout with ref: ${rev} and fetch-depth: 0), or set 'head'.`
  )
}

/** The input or CI variable that named head, when one did (not the event's own commit). */
function headName(
  inputs: Pick<Inputs, 'head'>,
  ctx: Pick<RunContext, 'shaVariable'>
): string | undefined {
  return inputs.head !== undefined ? "'head'" : ctx.shaVariable
}

/** A head that was given and names no commit: bad input, never "check out the commit". */
function unknownHead(rev: string, name: string, where: string): InputError {
  return new InputError(
    `Invalid ${name}: ${JSON.stringify(rev)} names no commit ${where}. Expected an existing commit SHA, branch or tag (check for a typo).`
  )
}

async function commitInCheckout(
  rev: string,
  git: GitClient
): Promise<string | undefined> {
  try {
    return await git.resolveCommit(rev)
  } catch (error) {
    if (error instanceof GitNotFoundError) {
      throw new CheckoutError(
        error.message,
        'Install git on the runner, or set commit-source: api.'
      )
    }
    if (
      error instanceof GitError &&
      /not a git repository/i.test(error.stderr)
    ) {
      throw new CheckoutError(
        `There is no git checkout in ${git.dir}.`,
        `Add actions/checkout with fetch-depth: 0 before this step; if it checks out into a subfolder ('path:'), set 'working-directory' to that folder.`
      )
    }
    throw error
  }
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
