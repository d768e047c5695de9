import type * as github from '@actions/github'
import { FULL_SHA, parseDeployedAt } from './input-parsers.js'

/** The parts of github.context the action reads; tests pass plain objects. */
export type EventContext = Pick<
  typeof github.context,
  'payload' | 'eventName' | 'sha' | 'ref' | 'serverUrl' | 'runId' | 'repo'
>

const ZERO_SHA = /^0+$/

/** Events whose payload names no commit: the checkout is what gets deployed. */
const NO_COMMIT_EVENTS = new Set([
  'workflow_dispatch',
  'schedule',
  'repository_dispatch'
])

/** What the run needs from the event, as plain data (tests build it directly). */
export interface RunContext {
  eventName: string
  /** GITHUB_SHA */
  sha: string
  /** The CI variable `sha` came from, outside GitHub Actions (CI_COMMIT_SHA, …). */
  shaVariable?: string
  ref: string
  /** `owner/repo`, when known. */
  repository: string | undefined
  serverUrl: string
  runId: number
  /** Commit the event names as deployed, when the event carries one. */
  eventHead: string | undefined
  /** Why the event is a poor fit for production reporting, if it is. */
  eventWarning: string | undefined
  /** `before` of a push event; undefined when absent or all zeros (a new branch). */
  pushBefore: string | undefined
  /** A push that deleted its branch: nothing was deployed. */
  deletedRef: boolean
  /** The payload names no commit, so a checkout of another ref is what was deployed. */
  headFromCheckout: boolean
  /** Why the event says nothing was deployed (a failed run, a failed status), if it does. */
  notDeployed: string | undefined
  /** The environment a deployment event is about; only that environment is reported. */
  eventEnvironment: string | undefined
  /** The event's own deployment: never its own base, nor are deployments made after it. */
  eventDeploymentId: number | undefined
  /** Runs whose deployments are not base: this run, and the run a workflow_run reports on. */
  ownRunIds: number[]
  /** When the event says the deployment happened: the default deployedAt. */
  eventTime: string | undefined
}

type Payload = EventContext['payload']

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

function field(obj: unknown, key: string): unknown {
  return typeof obj === 'object' && obj !== null
    ? (obj as Record<string, unknown>)[key]
    : undefined
}

/** A commit SHA from a payload; anything else (an option, a ref name) is not trusted as one. */
function sha(value: unknown): string | undefined {
  const s = str(value)
  return s !== undefined && FULL_SHA.test(s) ? s.toLowerCase() : undefined
}

function id(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0
    ? value
    : undefined
}

/** A payload time as deployedAt, or undefined when it is not a valid ISO 8601 time. */
function time(value: unknown): string | undefined {
  const s = str(value)
  try {
    return s === undefined ? undefined : parseDeployedAt('event time', s)
  } catch {
    return undefined
  }
}

function eventHead(
  eventName: string,
  payload: Payload
): { head?: string; warning?: string } {
  switch (eventName) {
    case 'workflow_run':
      return { head: sha(field(payload.workflow_run, 'head_sha')) }
    case 'deployment':
    case 'deployment_status':
      return { head: sha(field(payload.deployment, 'sha')) }
    case 'merge_group':
      return {
        head: sha(field(payload.merge_group, 'head_sha')),
        warning:
          'This run was triggered by merge_group: the merge queue has not deployed anything to production yet.'
      }
  }
  if (eventName.startsWith('pull_request')) {
    return {
      head: sha(field(field(payload.pull_request, 'head'), 'sha')),
      warning: `This run was triggered by ${eventName}: pull requests are not production deployments. Report from the workflow that deploys.`
    }
  }
  return {}
}

/** What a deployment platform or an upstream workflow says about the deployment. */
function upstream(
  eventName: string,
  payload: Payload,
  repository: string | undefined
): Partial<
  Pick<
    RunContext,
    'notDeployed' | 'eventEnvironment' | 'eventDeploymentId' | 'eventTime'
  >
> & { runId?: number } {
  const deployment = payload.deployment as unknown
  switch (eventName) {
    case 'deployment_status': {
      const status = payload.deployment_status as unknown
      const state = str(field(status, 'state')) ?? 'unknown'
      return {
        notDeployed:
          state === 'success'
            ? undefined
            : `the deployment status is '${state}', not 'success'`,
        eventEnvironment:
          str(field(status, 'environment')) ??
          str(field(deployment, 'environment')),
        eventDeploymentId: id(field(deployment, 'id')),
        eventTime: time(field(status, 'created_at'))
      }
    }
    case 'deployment':
      return {
        eventEnvironment: str(field(deployment, 'environment')),
        eventDeploymentId: id(field(deployment, 'id'))
      }
    case 'workflow_run': {
      const run = payload.workflow_run as unknown
      const conclusion = str(field(run, 'conclusion')) ?? 'none yet'
      return {
        notDeployed:
          conclusion === 'success'
            ? notFromThisRepository(run, repository)
            : `the workflow run that triggered this one concluded '${conclusion}', not 'success'`,
        eventTime: time(field(run, 'updated_at')),
        runId: id(field(run, 'id'))
      }
    }
    default:
      return {}
  }
}

/** Events whose runs deploy nothing to production: a pull request's code, a merge queue's try. */
const UNDEPLOYED_EVENT = /^(pull_request.*|merge_group)$/

/**
 * Why a successful workflow_run is not a production deployment: it ran for a pull request or a
 * merge queue, or on another repository's code. `branches:` filters match head_branch, which a
 * fork names as it likes, so the branch alone proves nothing.
 */
function notFromThisRepository(
  run: unknown,
  repository: string | undefined
): string | undefined {
  const event = str(field(run, 'event')) ?? ''
  if (UNDEPLOYED_EVENT.test(event)) {
    return `the workflow run that triggered this one ran for a '${event}' event, which deploys nothing to production`
  }
  const from = str(field(field(run, 'head_repository'), 'full_name'))
  if (
    from === undefined ||
    repository === undefined ||
    from.toLowerCase() !== repository.toLowerCase()
  ) {
    return `the workflow run that triggered this one ran on ${from === undefined ? 'code from an unnamed repository' : `code from ${from}`}, not from ${repository ?? 'this repository'}`
  }
  return undefined
}

export function toRunContext(context: EventContext): RunContext {
  const payload = context.payload
  const { head, warning } = eventHead(context.eventName, payload)
  const repository = repositoryOf(context)
  const event = upstream(context.eventName, payload, repository)
  const isPush = context.eventName === 'push'
  const after = isPush ? str(payload.after) : undefined
  return {
    eventName: context.eventName,
    sha: context.sha,
    ref: context.ref,
    repository,
    serverUrl: context.serverUrl,
    runId: context.runId,
    eventHead: head,
    eventWarning: warning,
    pushBefore: isPush ? pushBase(payload.before) : undefined,
    deletedRef:
      isPush &&
      (payload.deleted === true ||
        (after !== undefined && ZERO_SHA.test(after))),
    headFromCheckout: NO_COMMIT_EVENTS.has(context.eventName),
    notDeployed: event.notDeployed,
    eventEnvironment: event.eventEnvironment,
    eventDeploymentId: event.eventDeploymentId,
    eventTime: event.eventTime,
    ownRunIds: [context.runId, event.runId].filter((n) => n !== undefined)
  }
}

/** `before` of a push: a SHA, or undefined for a created branch (all zeros) or a bad value. */
export function pushBase(before: unknown): string | undefined {
  const s = sha(before)
  return s && !ZERO_SHA.test(s) ? s : undefined
}

/** Why this run must not report to `environment`, or undefined when it should report. */
export function skipReason(
  ctx: RunContext,
  environment: string,
  headGiven: boolean
): string | undefined {
  if (ctx.deletedRef && !headGiven) {
    return `the push deleted ${ctx.ref}, so nothing was deployed`
  }
  if (ctx.notDeployed) return ctx.notDeployed
  const other = ctx.eventEnvironment
  if (
    other !== undefined &&
    other.toLowerCase() !== environment.toLowerCase()
  ) {
    return `the ${ctx.eventName} event is for environment '${other}', and this step reports '${environment}'`
  }
  return undefined
}

function repositoryOf(context: EventContext): string | undefined {
  try {
    const { owner, repo } = context.repo
    return `${owner}/${repo}`
  } catch {
    return undefined // neither GITHUB_REPOSITORY nor a payload repository: a local run
  }
}
