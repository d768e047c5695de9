import type * as github from '@actions/github'

/** The parts of github.context the action reads; tests pass plain objects. */
export type EventContext = Pick<
  typeof github.context,
  'payload' | 'eventName' | 'sha' | 'ref' | 'serverUrl' | 'runId' | 'repo'
>

const ZERO_SHA = /^0+$/

/** What the run needs from the event, as plain data (tests build it directly). */
export interface RunContext {
  eventName: string
  /** GITHUB_SHA */
  sha: string
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

function eventHead(
  eventName: string,
  payload: Payload
): { head?: string; warning?: string } {
  switch (eventName) {
    case 'workflow_run':
      return { head: str(field(payload.workflow_run, 'head_sha')) }
    case 'deployment':
    case 'deployment_status':
      return { head: str(field(payload.deployment, 'sha')) }
    case 'merge_group':
      return {
        head: str(field(payload.merge_group, 'head_sha')),
        warning:
          'This run was triggered by merge_group: the merge queue has not deployed anything to production yet.'
      }
  }
  if (eventName.startsWith('pull_request')) {
    return {
      head: str(field(field(payload.pull_request, 'head'), 'sha')),
      warning: `This run was triggered by ${eventName}: pull requests are not production deployments. Report from the workflow that deploys.`
    }
  }
  return {}
}

export function toRunContext(context: EventContext): RunContext {
  const payload = context.payload
  const { head, warning } = eventHead(context.eventName, payload)
  const isPush = context.eventName === 'push'
  const before = isPush ? str(payload.before) : undefined
  const after = isPush ? str(payload.after) : undefined
  return {
    eventName: context.eventName,
    sha: context.sha,
    ref: context.ref,
    repository: repositoryOf(context),
    serverUrl: context.serverUrl,
    runId: context.runId,
    eventHead: head,
    eventWarning: warning,
    pushBefore: before && !ZERO_SHA.test(before) ? before : undefined,
    deletedRef:
      isPush &&
      (payload.deleted === true ||
        (after !== undefined && ZERO_SHA.test(after)))
  }
}

function repositoryOf(context: EventContext): string | undefined {
  try {
    const { owner, repo } = context.repo
    return `${owner}/${repo}`
  } catch {
    return undefined // neither GITHUB_REPOSITORY nor a payload repository: a local run
  }
}
