/**
 * The repository's own workflows: the reusable report workflow and the one-click test workflow
 * pass the action the inputs they say, and those inputs work through the bundled action.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { startFakeGitHub } from '../dev/fake-github-api.ts'
import { startMultitudesServer } from '../dev/multitudes-server.ts'
import { runLikeRunner } from '../dev/run-action.ts'
import { actionYml } from '../__fixtures__/action-env.js'
import { removeTestRepos, TestRepo } from '../__fixtures__/git-repo.js'
import {
  actionInputs,
  readWorkflow,
  type Workflow
} from '../__fixtures__/workflows.js'

afterAll(removeTestRepos)

const workflow = (name: string): Workflow =>
  readWorkflow(`.github/workflows/${name}`)

const repo = TestRepo.init()
const live = repo.commit('live')
repo.commits(2, 'new')

async function runAction(inputs: Record<string, string>) {
  const api = await startMultitudesServer()
  const github = await startFakeGitHub({
    deployments: [
      {
        id: 1,
        sha: live,
        environment: 'production',
        statuses: [{ state: 'success' }]
      }
    ]
  })
  try {
    const result = await runLikeRunner({
      workspace: repo.dir,
      inputs: { ...inputs, 'api-url': api.url },
      env: { GITHUB_API_URL: github.url }
    })
    return { ...result, api }
  } finally {
    await Promise.all([api.close(), github.close()])
  }
}

/** An input's default as text; none is the empty string, as the runner gives it. */
const defaultOf = (input: { default?: string | number | boolean }): string =>
  input.default === undefined ? '' : String(input.default)

describe('report-deployment.yml (workflow_call)', () => {
  const wf = workflow('report-deployment.yml')
  const declared = wf.on.workflow_call.inputs ?? {}
  const defaults = Object.fromEntries(
    Object.entries(declared).map(([name, input]) => [
      `inputs.${name}`,
      input.default === undefined
        ? ''
        : String(input.default as string | boolean)
    ])
  )

  it('passes every declared input to the action, under the same name', () => {
    const inputs = actionInputs(
      wf,
      {
        ...defaults,
        'inputs.environment': 'production',
        'secrets.multitudes-api-key': 'k',
        'secrets.github-token || github.token': 't'
      },
      'report'
    )
    expect(Object.keys(inputs).sort()).toEqual(
      ['api-key', 'github-token', ...Object.keys(declared)].sort()
    )
  })

  it('declares every input of action.yml with the same default (on-error on purpose not)', () => {
    const secrets = ['api-key', 'github-token']
    const expected = {
      ...Object.fromEntries(
        Object.entries(actionYml.inputs)
          .filter(([name]) => !secrets.includes(name))
          .map(([name, input]) => [name, defaultOf(input)])
      ),
      'on-error': 'warn-on-outage'
    }
    const declaredDefaults = Object.fromEntries(
      Object.entries(declared).map(([name, input]) => [name, defaultOf(input)])
    )

    expect(declaredDefaults).toEqual(expected)
  })

  it('exposes every output of action.yml, from the job and from the workflow', () => {
    const names = Object.keys(actionYml.outputs).sort()
    const job = wf.jobs.report as unknown as { outputs: Record<string, string> }
    const outputs = (
      wf.on.workflow_call as unknown as { outputs: Record<string, unknown> }
    ).outputs

    expect(Object.keys(outputs).sort()).toEqual(names)
    expect(Object.keys(job.outputs).sort()).toEqual(names)
    for (const name of names)
      expect(job.outputs[name]).toBe(`\${{ steps.report.outputs.${name} }}`)
  })

  it('with its defaults, reports the commits since the previous deployment', async () => {
    const inputs = actionInputs(
      wf,
      {
        ...defaults,
        'inputs.environment': 'production',
        'secrets.multitudes-api-key': 'mtd_demo_key',
        'secrets.github-token || github.token': 'ghs_runner_token'
      },
      'report'
    )

    const { exitCode, outputs, api } = await runAction(inputs)

    expect(exitCode).toBe(0)
    expect(outputs).toMatchObject({
      reported: 'true',
      'base-source': 'previous-deployment',
      'commit-count': '2'
    })
    expect(api.deployments).toHaveLength(1)
    expect(api.posts()).toBe(1)
  })
})

describe('test-deployment.yml (workflow_dispatch)', () => {
  it('sends a test deployment and reads it back', async () => {
    const wf = workflow('test-deployment.yml')
    const inputs = actionInputs(
      wf,
      {
        'inputs.environment': String(
          wf.on.workflow_dispatch.inputs?.environment.default
        ),
        'secrets.MULTITUDES_API_KEY': 'mtd_demo_key',
        'github.repository': 'octo-org/octo-repo'
      },
      'report'
    )

    const { exitCode, outputs, api, summary } = await runAction(inputs)

    expect(exitCode).toBe(0)
    expect(outputs).toMatchObject({ reported: 'true', 'commit-count': '1' })
    expect(api.deployments[0]).toMatchObject({
      isTest: true,
      title: 'Test deployment from octo-org/octo-repo'
    })
    // The record is read before the POST, and again by verify.
    expect(api.requests.map((r) => r.method)).toEqual(['GET', 'POST', 'GET'])
    expect(api.posts()).toBe(1)
    expect(summary).toContain('verified by reading it back')
  })
})
