import type * as github from '@actions/github'
import { eventHead, sha, str, upstream } from './event-payload.js'

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
