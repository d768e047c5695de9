/**
 * What an event's payload says, read without trusting its shape: the commit it names, and what a
 * deployment platform or an upstream workflow says about the deployment.
 */
import { FULL_SHA, parseDeployedAt } from './input-parsers.js'
import type { EventContext, RunContext } from './context.js'

type Payload = EventContext['payload']

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

function field(obj: unknown, key: string): unknown {
  return typeof obj === 'object' && obj !== null
    ? (obj as Record<string, unknown>)[key]
    : undefined
}

/** A commit SHA from a payload; anything else (an option, a ref name) is not trusted as one. */
export function sha(value: unknown): string | undefined {
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

export function eventHead(
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

type Upstream = Partial<
  Pick<
    RunContext,
    'notDeployed' | 'eventEnvironment' | 'eventDeploymentId' | 'eventTime'
  >
> & { runId?: number }

/** What a deployment platform or an upstream workflow says about the deployment. */
export function upstream(
  eventName: string,
  payload: Payload,
  repository: string | undefined
): Upstream {
  const deployment = payload.deployment as unknown
  switch (eventName) {
    case 'deployment_status':
      return fromDeploymentStatus(payload.deployment_status, deployment)
    case 'deployment':
      return {
        eventEnvironment: str(field(deployment, 'environment')),
        eventDeploymentId: id(field(deployment, 'id'))
      }
    case 'workflow_run':
      return fromWorkflowRun(payload.workflow_run, repository)
    default:
      return {}
  }
}

/** A platform's status: deployed only on `success`, to the status's environment if it names one. */
function fromDeploymentStatus(status: unknown, deployment: unknown): Upstream {
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

/** An upstream workflow: deployed only when it succeeded, on this repository's own code. */
function fromWorkflowRun(
  run: unknown,
  repository: string | undefined
): Upstream {
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
