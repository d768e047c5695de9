import { say } from '../untrusted.js'
import type { RunContext } from '../context.js'
import { CommitRangeError, errorMessage, InputError } from '../errors.js'
import type { GitClient } from '../git/client.js'
import { GitHubApiError, type GitHubApi } from '../github/api.js'
import type { Inputs } from '../inputs.js'
import { recordBase } from '../record/lookup.js'
import { membershipOf } from '../record/membership.js'
import type { MultitudesRecord } from '../record/reader.js'
import { previousDeploymentSha } from './previous-deployment.js'
import type { BaseChoice } from './types.js'

const NONE: BaseChoice = { ref: undefined, source: 'none' }

/**
 * What finds base: git for `parent` and `tag`, GitHub for `previous-deployment`, Multitudes'
 * record for `multitudes`.
 */
export interface BaseDeps {
  git: GitClient | undefined
  github: GitHubApi | undefined
  /** Undefined without a key, or with `record-check: false`. */
  record?: MultitudesRecord
}
type Options = Pick<Inputs, 'strategy' | 'base' | 'tagPattern' | 'environment'>

/** Finds base for the chosen strategy; `auto` takes the first that answers. */
export async function chooseBase(
  inputs: Options,
  ctx: RunContext,
  head: string,
  deps: BaseDeps
): Promise<BaseChoice> {
  switch (inputs.strategy) {
    case 'head':
      return NONE
    case 'base':
      return { ref: inputs.base, source: 'input' }
    case 'push':
      if (ctx.eventName !== 'push') {
        throw new InputError(
          `Invalid 'strategy': "push" needs a push event, but this run was triggered by '${ctx.eventName}'. Expected 'auto', 'previous-deployment', 'base' or another strategy.`
        )
      }
      return fromPush(ctx)
    case 'parent': {
      const parent = await needGit(deps, 'parent').resolveCommit(`${head}^1`)
      return parent ? { ref: parent, source: 'parent' } : NONE
    }
    case 'tag': {
      const git = needGit(deps, 'tag')
      const tag = await git.nearestTag(head, inputs.tagPattern ?? '*')
      return tag ? { ref: tag, source: 'tag' } : NONE
    }
    case 'previous-deployment':
      return fromDeployments(needGitHub(deps), inputs.environment, ctx)
    case 'multitudes':
      return fromRecord(deps, inputs.environment, head)
    case 'auto':
      return auto(inputs, ctx, head, deps)
  }
}

/**
 * Each source of base in turn: the input, GitHub deployments, Multitudes' record, the push. When
 * GitHub deployments could not be read off a push event, no base means "unknown", not "first".
 */
async function auto(
  inputs: Options,
  ctx: RunContext,
  head: string,
  deps: BaseDeps
): Promise<BaseChoice> {
  if (inputs.base !== undefined) return { ref: inputs.base, source: 'input' }
  let unknown: string | undefined
  if (deps.github) {
    const previous = await fromDeployments(
      deps.github,
      inputs.environment,
      ctx
    ).catch((error: unknown) => {
      unknown = `GitHub deployments could not be read (${errorMessage(error)})`
      const hint = error instanceof GitHubApiError ? ` ${error.hint}` : ''
      say.warning(
        `${unknown}; ${ctx.eventName === 'push' ? "the push event's before is base instead" : 'without them the previous deployment is unknown'}.${hint}`
      )
      return NONE
    })
    if (previous.ref !== undefined) return previous
  }
  const recorded = await fromRecord(deps, inputs.environment, head)
  if (recorded.ref !== undefined) return recorded
  if (ctx.eventName === 'push') return fromPush(ctx)
  return unknown === undefined ? NONE : { ...NONE, unknown }
}

/**
 * The newest deployment of this repository in Multitudes' record: what is live, whatever CI
 * sent it. Its newest commit in the repository is base.
 */
async function fromRecord(
  deps: BaseDeps,
  environment: string,
  head: string
): Promise<BaseChoice> {
  const membership = membershipOf(deps.git, deps.github)
  if (!deps.record || !membership) return NONE
  const found = await recordBase(deps.record, environment, head, membership)
  if (found === undefined) return NONE
  say.info(
    `Base: the deployment Multitudes recorded at ${found.deployedAt} for this repository; its newest commit is ${found.sha}.`
  )
  return { ref: found.sha, source: 'multitudes' }
}

async function fromDeployments(
  github: GitHubApi,
  environment: string,
  ctx: RunContext
): Promise<BaseChoice> {
  const sha = await previousDeploymentSha(github, environment, {
    ownRunIds: ctx.ownRunIds,
    eventDeploymentId: ctx.eventDeploymentId
  })
  return sha ? { ref: sha, source: 'previous-deployment' } : NONE
}

function fromPush(ctx: RunContext): BaseChoice {
  // A created branch has `before` all zeros: no base.
  return ctx.pushBefore ? { ref: ctx.pushBefore, source: 'push' } : NONE
}

function needGit(deps: BaseDeps, strategy: string): GitClient {
  if (deps.git) return deps.git
  throw new InputError(
    `Invalid 'strategy': "${strategy}" needs a git checkout, and commit-source is 'api'. Expected a checkout with 'commit-source: git' or 'auto'.`
  )
}

function needGitHub(deps: BaseDeps): GitHubApi {
  if (deps.github) return deps.github
  throw new InputError(
    `Invalid 'strategy': "previous-deployment" reads GitHub deployments, but there is no 'github-token' or repository. Expected 'github-token: \${{ github.token }}' (the default).`
  )
}

/** No base, and `first-deployment: fail`: the run stops instead of sending head alone. */
export function checkFirstDeployment(
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
