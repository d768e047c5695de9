import { describe, expect, it } from '@jest/globals'
import { skipReason, toRunContext, type EventContext } from '../src/context.js'
import { pushEvent, webhookExample } from '../__fixtures__/events.js'

const SHA = '6113728f27ae82c7b1a177c8d03f9e96e0adf246'
const BEFORE = '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c'

function context(
  eventName: string,
  payload: Record<string, unknown>,
  repo = { owner: 'Codertocat', repo: 'Hello-World' }
): EventContext {
  return {
    eventName,
    payload,
    sha: SHA,
    ref: 'refs/heads/main',
    serverUrl: 'https://github.com',
    runId: 1,
    repo
  }
}

describe('toRunContext on published webhook examples', () => {
  it('push: before is the base, GITHUB_SHA the head', () => {
    const ctx = toRunContext(context('push', pushEvent(BEFORE, SHA)))

    expect(ctx).toMatchObject({
      eventName: 'push',
      pushBefore: BEFORE,
      eventHead: undefined,
      deletedRef: false,
      repository: 'Codertocat/Hello-World'
    })
  })

  it('push that created a branch: before is all zeros, so no base', () => {
    const event = webhookExample('push', {}, (e) => e.created === true)

    expect(toRunContext(context('push', event)).pushBefore).toBeUndefined()
  })

  it('push that deleted a branch or tag: nothing was deployed', () => {
    const event = webhookExample('push', {}, (e) => e.deleted === true)

    expect(toRunContext(context('push', event)).deletedRef).toBe(true)
  })

  it('workflow_run: the head_sha of the run that finished', () => {
    const event = webhookExample(
      'workflow_run',
      {},
      (e) => e.action === 'completed'
    )
    const run = event.workflow_run as { head_sha: string }

    expect(toRunContext(context('workflow_run', event)).eventHead).toBe(
      run.head_sha
    )
  })

  it.each(['deployment', 'deployment_status'])(
    '%s: the deployment sha',
    (name) => {
      const event = webhookExample(name)
      const deployment = event.deployment as { sha: string }

      expect(toRunContext(context(name, event)).eventHead).toBe(deployment.sha)
    }
  )

  it('pull_request: the PR head, with a warning', () => {
    const event = webhookExample(
      'pull_request',
      {},
      (e) => e.action === 'closed'
    )
    const pr = event.pull_request as { head: { sha: string } }

    const ctx = toRunContext(context('pull_request', event))

    expect(ctx.eventHead).toBe(pr.head.sha)
    expect(ctx.eventWarning).toMatch(
      /pull requests are not production deployments/
    )
  })

  it('merge_group: the queue head, with a warning', () => {
    const event = webhookExample('merge_group')
    const group = event.merge_group as { head_sha: string }

    const ctx = toRunContext(context('merge_group', event))

    expect(ctx.eventHead).toBe(group.head_sha)
    expect(ctx.eventWarning).toMatch(/merge queue/)
  })

  it('workflow_dispatch: no event head, GITHUB_SHA is used', () => {
    const ctx = toRunContext(context('workflow_dispatch', { inputs: {} }))

    expect(ctx).toMatchObject({
      eventHead: undefined,
      sha: SHA,
      pushBefore: undefined
    })
  })

  it('deployment_status: the event deployment, its environment, state and time', () => {
    const event = webhookExample(
      'deployment_status',
      {},
      (e) => (e.deployment_status as { state: string }).state === 'success'
    )
    const ctx = toRunContext(context('deployment_status', event))

    expect(ctx).toMatchObject({
      eventDeploymentId: 145988746,
      eventEnvironment: 'production',
      notDeployed: undefined,
      eventTime: '2019-05-15T15:20:55.000Z',
      ownRunIds: [1],
      headFromCheckout: false
    })
    expect(skipReason(ctx, 'Production', false)).toBeUndefined()
    expect(skipReason(ctx, 'staging', false)).toBe(
      "the deployment_status event is for environment 'production', and this step reports 'staging'"
    )
  })

  it('deployment_status that is not success: nothing was deployed', () => {
    const event = webhookExample(
      'deployment_status',
      {},
      (e) => (e.deployment_status as { state: string }).state === 'in_progress'
    )
    const ctx = toRunContext(context('deployment_status', event))

    expect(skipReason(ctx, 'github-pages', false)).toBe(
      "the deployment status is 'in_progress', not 'success'"
    )
  })

  it('workflow_run: the triggering run is excluded, its updated_at is the time', () => {
    const event = webhookExample(
      'workflow_run',
      {},
      (e) =>
        (e.workflow_run as { conclusion: unknown }).conclusion === 'success'
    )
    const ctx = toRunContext(
      context('workflow_run', event, { owner: 'octo-org', repo: 'octo-repo' })
    )

    expect(ctx).toMatchObject({
      ownRunIds: [1, 289782451],
      eventTime: '2020-10-05T16:33:49.000Z',
      notDeployed: undefined,
      eventEnvironment: undefined
    })
  })

  it('workflow_run still running or failed: nothing was deployed', () => {
    const event = webhookExample(
      'workflow_run',
      {},
      (e) => (e.workflow_run as { conclusion: unknown }).conclusion === null
    )

    expect(
      skipReason(
        toRunContext(context('workflow_run', event)),
        'production',
        false
      )
    ).toBe(
      "the workflow run that triggered this one concluded 'none yet', not 'success'"
    )
  })

  it.each(['workflow_dispatch', 'schedule', 'repository_dispatch'])(
    '%s names no commit: the checkout is head',
    (name) => {
      expect(toRunContext(context(name, {})).headFromCheckout).toBe(true)
    }
  )

  it('never trusts a payload value that is not a SHA as a revision', () => {
    const ctx = toRunContext(
      context('push', pushEvent('--upload-pack=touch /tmp/pwned', SHA))
    )

    expect(ctx.pushBefore).toBeUndefined()
  })

  it('a bad event time is ignored, not sent', () => {
    const event = webhookExample('deployment_status')
    const status = event.deployment_status as Record<string, unknown>
    status.created_at = 'yesterday'

    expect(toRunContext(context('deployment_status', event)).eventTime).toBe(
      undefined
    )
  })

  it('a local run without a repository still works', () => {
    const local = {
      ...context('workflow_dispatch', {}),
      get repo(): never {
        throw new Error(
          'context.repo requires a GITHUB_REPOSITORY environment variable'
        )
      }
    }

    expect(toRunContext(local).repository).toBeUndefined()
  })
})

describe('what an event says, at its edges', () => {
  /** The published successful workflow_run, its run changed by `change`. */
  function workflowRun(change: (run: Record<string, unknown>) => void) {
    const event = webhookExample(
      'workflow_run',
      {},
      (e) =>
        (e.workflow_run as { conclusion: unknown }).conclusion === 'success'
    )
    change(event.workflow_run as Record<string, unknown>)
    return event
  }
  const ours = { owner: 'octo-org', repo: 'octo-repo' }
  const reason = (event: Record<string, unknown>, repo = ours) =>
    skipReason(
      toRunContext(context('workflow_run', event, repo)),
      'production',
      false
    )

  it('a deleted ref is nothing to report, unless the step names its head', () => {
    const ctx = toRunContext(context('push', pushEvent(BEFORE, '0'.repeat(40))))

    expect(ctx.deletedRef).toBe(true)
    expect(skipReason(ctx, 'production', false)).toBe(
      'the push deleted refs/heads/main, so nothing was deployed'
    )
    expect(skipReason(ctx, 'production', true)).toBeUndefined()
  })

  it('only a push deletes a ref; an after of zeros in another event means nothing', () => {
    const event = { ...pushEvent(BEFORE, '0'.repeat(40)), deleted: true }

    expect(toRunContext(context('workflow_dispatch', event)).deletedRef).toBe(
      false
    )
    expect(
      toRunContext(context('push', pushEvent(BEFORE, `1${'0'.repeat(39)}`)))
        .deletedRef
    ).toBe(false)
  })

  it('a workflow_run for a pull request or a merge queue deployed nothing', () => {
    for (const event of ['pull_request_target', 'merge_group'])
      expect(reason(workflowRun((run) => (run.event = event)))).toBe(
        `the workflow run that triggered this one ran for a '${event}' event, which deploys nothing to production`
      )
  })

  it("a workflow_run on another repository's code deployed nothing of this one", () => {
    const fork = workflowRun(
      (run) => (run.head_repository = { full_name: 'someone/fork' })
    )
    const unnamed = workflowRun((run) => delete run.head_repository)
    const same = workflowRun(
      (run) => (run.head_repository = { full_name: 'Octo-Org/Octo-Repo' })
    )

    expect(reason(fork)).toBe(
      'the workflow run that triggered this one ran on code from someone/fork, not from octo-org/octo-repo'
    )
    expect(reason(unnamed)).toBe(
      'the workflow run that triggered this one ran on code from an unnamed repository, not from octo-org/octo-repo'
    )
    expect(reason(same)).toBeUndefined()
  })

  it("a workflow_run without the run's id excludes only this run", () => {
    const event = workflowRun((run) => delete run.id)

    expect(
      toRunContext(context('workflow_run', event)).ownRunIds
    ).toStrictEqual([1])
  })

  it.each([0, -3, 1.5, '7'])('a deployment id of %p is no id', (bad) => {
    const event = webhookExample('deployment')
    ;(event.deployment as Record<string, unknown>).id = bad

    expect(
      toRunContext(context('deployment', event)).eventDeploymentId
    ).toBeUndefined()
  })

  it('a deployment event names its environment and id', () => {
    const event = webhookExample('deployment')
    const deployment = event.deployment as { id: number; environment: string }

    expect(toRunContext(context('deployment', event))).toMatchObject({
      eventEnvironment: deployment.environment,
      eventDeploymentId: deployment.id
    })
  })

  it("a deployment status without a state or its own environment takes 'unknown' and the deployment's environment", () => {
    const event = webhookExample('deployment_status')
    const status = event.deployment_status as Record<string, unknown>
    delete status.state
    status.environment = ''
    ;(event.deployment as Record<string, unknown>).environment = 'staging'
    const ctx = toRunContext(context('deployment_status', event))

    expect(ctx).toMatchObject({
      notDeployed: "the deployment status is 'unknown', not 'success'",
      eventEnvironment: 'staging'
    })
  })

  it('a status without a time has none', () => {
    const event = webhookExample('deployment_status')
    delete (event.deployment_status as Record<string, unknown>).created_at

    expect(
      toRunContext(context('deployment_status', event)).eventTime
    ).toBeUndefined()
  })

  it('pull_request_target: the PR head, and the warning names the event', () => {
    const event = webhookExample(
      'pull_request',
      {},
      (e) => e.action === 'closed'
    )

    expect(
      toRunContext(context('pull_request_target', event)).eventWarning
    ).toBe(
      'This run was triggered by pull_request_target: pull requests are not production deployments. Report from the workflow that deploys.'
    )
    expect(toRunContext(context('my_pull_request', event)).eventWarning).toBe(
      undefined
    )
  })
})
