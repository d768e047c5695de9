/** Head: from the checkout, from an input or CI variable, or fetched from origin when named. */
import { say } from '../untrusted.js'
import type { RunContext } from '../context.js'
import { GitError, GitNotFoundError, InputError } from '../errors.js'
import type { GitClient } from '../git/client.js'
import type { Inputs } from '../inputs.js'
import { CheckoutError } from './local-git.js'

/** Head, as the event or an input names it, is neither in the checkout nor on origin. */
export class HeadNotInCheckout extends CheckoutError {
  override name = 'HeadNotInCheckout'
}

export function headRevision(
  inputs: Pick<Inputs, 'head'>,
  ctx: RunContext
): string {
  const rev = inputs.head ?? ctx.eventHead ?? ctx.sha
  if (!rev) {
    throw new InputError(
      `Input 'head' is empty and the event names no commit. Expected a commit SHA or ref in 'head'.`
    )
  }
  return rev
}

/**
 * Head from the checkout. For events that name no commit (a manual dispatch, a schedule), the
 * checked-out commit is what was deployed: a rollback checks out the ref it deploys.
 */
export async function headFromGit(
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
export function headName(
  inputs: Pick<Inputs, 'head'>,
  ctx: Pick<RunContext, 'shaVariable'>
): string | undefined {
  return inputs.head !== undefined ? "'head'" : ctx.shaVariable
}

/** A head that was given and names no commit: bad input, never "check out the commit". */
export function unknownHead(
  rev: string,
  name: string,
  where: string
): InputError {
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
