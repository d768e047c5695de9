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
