import * as core from '@actions/core'
import type { RunContext } from '../context.js'
import {
  CommitRangeError,
  errorMessage,
  GitError,
  InputError
} from '../errors.js'
import type { CommitDetails, GitClient } from '../git.js'
import type { Inputs } from '../inputs.js'
import { rangeFromGit } from './local-git.js'
import { chooseBase } from './select.js'
import type { CommitRange } from './types.js'

/** Head, base and the commits between them, with one log line that explains the decision. */
export async function resolveRange(
  inputs: Inputs,
  ctx: RunContext,
  deps: { git: GitClient }
): Promise<CommitRange> {
  if (inputs.commitSource === 'api') {
    throw new InputError(
      `Invalid 'commit-source': "api" is not available in this version. Expected 'git' or 'auto' with a checkout (actions/checkout with fetch-depth: 0).`
    )
  }
  const head = await resolveHead(inputs, ctx, deps.git)
  const choice = await chooseBase(inputs, ctx, head, deps)
  if (
    choice.ref === undefined &&
    inputs.strategy !== 'head' &&
    inputs.firstDeployment === 'fail'
  ) {
    throw new CommitRangeError(
      `No base was found for strategy '${inputs.strategy}' and 'first-deployment' is 'fail'.`,
      `Set 'base', or 'first-deployment: head' to send only head on a first deployment.`
    )
  }
  const range = await rangeFromGit(deps.git, head, choice, inputs)
  if (range.truncated) {
    core.warning(
      `The range holds ${range.total} commits; 'max-commits' is ${inputs.maxCommits}, so only the newest ${range.shas.length} are sent.`
    )
  }
  core.info(explain(inputs, range))
  return range
}

export function explain(
  inputs: Pick<Inputs, 'strategy'>,
  range: CommitRange
): string {
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

async function resolveHead(
  inputs: Pick<Inputs, 'head'>,
  ctx: RunContext,
  git: GitClient
): Promise<string> {
  const rev = inputs.head ?? ctx.eventHead ?? ctx.sha
  if (!rev) {
    throw new InputError(
      `Input 'head' is empty and the event names no commit. Expected a commit SHA or ref in 'head'.`
    )
  }
  let sha: string | undefined
  try {
    sha = await git.resolveCommit(rev)
  } catch (error) {
    if (
      error instanceof GitError &&
      /not a git repository/i.test(error.stderr)
    ) {
      throw new CommitRangeError(
        `There is no git checkout in ${process.cwd()}.`,
        'Add actions/checkout with fetch-depth: 0 before this step.'
      )
    }
    throw error
  }
  if (sha === undefined) {
    throw new CommitRangeError(
      `Head ${rev} is not in the checkout.`,
      `Check out the deployed commit (actions/checkout with ref: ${rev} and fetch-depth: 0), or set 'head'.`
    )
  }
  return sha
}

/** Subjects and authors for the summary; a failure here warns and never stops the report. */
export async function describeCommits(
  git: GitClient,
  shas: readonly string[]
): Promise<CommitDetails[]> {
  try {
    return await git.commitDetails(shas)
  } catch (error) {
    core.warning(
      `Could not read commit subjects for the summary: ${errorMessage(error)}`
    )
    return []
  }
}
