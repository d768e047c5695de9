/**
 * Exactly once, through the bundles as users run them: the action (as the runner runs it) and the
 * CLI, against the local API, which counts every POST it receives. Each case runs a deployment
 * the way a real setup repeats it (a re-run, a second `success` status, a late answer) and
 * asserts how many POSTs reached the server and the `deployedAt` it keeps.
 */
import { afterAll, afterEach, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import path from 'node:path'
import { startFakeGitHub } from '../dev/fake-github-api.ts'
import {
  startMultitudesServer,
  type Fault,
  type MultitudesServer
} from '../dev/multitudes-server.ts'
import {
  ACTION_DIR,
  runLikeRunner,
  type RunnerOptions
} from '../dev/run-action.ts'
import { assertDistFresh } from '../dev/source-hash.ts'
import {
  deploymentStatusEvent,
  pushEvent,
  webhookExample
} from '../__fixtures__/events.js'
import { removeTestRepos, TestRepo } from '../__fixtures__/git-repo.js'

assertDistFresh()
afterAll(removeTestRepos)
const servers: { close(): Promise<void> }[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

const KEY = 'mtd_demo_key'
const repo = TestRepo.init()
const live = repo.commit('live in production')
repo.commits(3, 'shipped')
const head = repo.head()
const shipped = repo.revList(`${live}..${head}`)

async function api(faults: Fault[] = []): Promise<MultitudesServer> {
  const server = await startMultitudesServer({ faults })
  servers.push(server)
  return server
}

/** The bundled action on a push of live..head, against `server` and an empty fake GitHub. */
async function action(
  server: MultitudesServer,
  options: Partial<RunnerOptions> = {}
) {
  const github = await startFakeGitHub({})
  servers.push(github)
  return runLikeRunner({
    workspace: repo.dir,
    eventName: 'push',
    sha: head,
    event: pushEvent(live, head),
    ...options,
    inputs: {
      environment: 'production',
      'api-key': KEY,
      'api-url': server.url,
      ...options.inputs
    },
    env: {
      GITHUB_API_URL: github.url,
      GITHUB_RUN_ID: '4242',
      ...options.env
    }
  })
}

const attempt = (n: number) => ({ env: { GITHUB_RUN_ATTEMPT: String(n) } })

describe('the action sends one deployment once', () => {
  it('a re-run of the reporting job (any attempt) sends nothing and says when it was recorded', async () => {
    const server = await api()

    const first = await action(server, attempt(1))
    const rerun = await action(server, attempt(2))
    const third = await action(server, attempt(3))

    expect(first.outputs).toMatchObject({ reported: 'true', status: '201' })
    expect(server.posts()).toBe(1)
    expect(server.received[0].commitSha).toEqual(shipped)
    expect(server.received[0].deployedAt).toBe(first.outputs['deployed-at'])
    for (const again of [rerun, third]) {
      expect(again.exitCode).toBe(0)
      expect(again.outputs).toMatchObject({
        reported: 'false',
        status: '',
        skipped: `already recorded at ${first.outputs['deployed-at']}`,
        'commit-count': String(shipped.length)
      })
      expect(again.stdout).toMatch(
        /^::notice::Nothing sent: Multitudes' record already holds this deployment/m
      )
      expect(again.summary).toContain(
        `Nothing to report: already recorded at ${first.outputs['deployed-at']}`
      )
    }
    // Each re-run cost one GET, and no POST.
    expect(server.requests.map((r) => r.method)).toEqual([
      'GET',
      'POST',
      'GET',
      'GET'
    ])
  })

  it('a re-run whose base is the record itself still finds the first POST', async () => {
    const server = await api()
    // What was live, as another tool reported it: the record is the only base there is.
    server.deployments.push({
      id: 'seed',
      commitSha: [live],
      environmentName: 'Production',
      deployedAt: '2026-11-01T00:00:00.000Z',
      isTest: false,
      receivedAt: '2026-11-01T00:00:00.000Z'
    })
    const dispatch = {
      eventName: 'workflow_dispatch',
      event: webhookExample('workflow_dispatch')
    }

    const first = await action(server, { ...dispatch, ...attempt(1) })
    const rerun = await action(server, { ...dispatch, ...attempt(2) })

    expect(first.outputs).toMatchObject({
      reported: 'true',
      'base-source': 'multitudes',
      'base-sha': live,
      'range-status': 'ahead'
    })
    expect(JSON.parse(first.outputs['commit-shas'])).toEqual(shipped)
    expect(rerun.outputs.skipped).toBe(
      `already recorded at ${first.outputs['deployed-at']}`
    )
    expect(server.posts()).toBe(1)
  })

  it('a rollback below what the record says is live is behind: only head is sent', async () => {
    const server = await api()
    await action(server) // live..head is recorded

    const rollback = await action(server, {
      eventName: 'workflow_dispatch',
      event: webhookExample('workflow_dispatch'),
      inputs: { head: live }
    })

    expect(rollback.outputs).toMatchObject({
      reported: 'true',
      'base-source': 'multitudes',
      'base-sha': head,
      'range-status': 'behind',
      'commit-shas': JSON.stringify([live])
    })
    expect(server.posts()).toBe(2)
  })

  it('a second success status for one GitHub deployment sends nothing', async () => {
    const server = await api()
    const github = await startFakeGitHub({
      deployments: [
        {
          id: 40,
          sha: live,
          environment: 'production',
          statuses: [
            {
              state: 'success',
              log_url:
                'https://github.com/octo-org/octo-repo/actions/runs/1000/job/1'
            }
          ]
        }
      ]
    })
    servers.push(github)
    const run = (createdAt: string) =>
      action(server, {
        eventName: 'deployment_status',
        event: deploymentStatusEvent(head, 'success', 'production', createdAt),
        env: { GITHUB_API_URL: github.url }
      })

    const first = await run('2026-11-30T10:00:00Z')
    const second = await run('2026-11-30T10:05:00Z')

    expect(first.outputs).toMatchObject({
      reported: 'true',
      'base-source': 'previous-deployment',
      'deployed-at': '2026-11-30T10:00:00.000Z'
    })
    expect(second.outputs).toMatchObject({
      reported: 'false',
      skipped: 'already recorded at 2026-11-30T10:00:00.000Z'
    })
    expect(server.posts()).toBe(1)
    expect(server.deployments[0].deployedAt).toBe('2026-11-30T10:00:00.000Z')
  })

  it('a test run is not blocked by the real record, nor a real run by a test record', async () => {
    const server = await api()

    const trial = await action(server, { inputs: { 'is-test': 'true' } })
    const real = await action(server)
    const realAgain = await action(server)

    expect(trial.outputs.reported).toBe('true')
    expect(real.outputs.reported).toBe('true')
    expect(realAgain.outputs.skipped).toMatch(/^already recorded at /)
    expect(server.posts()).toBe(2)
    expect(server.received.map((d) => d.isTest)).toEqual([true, false])
  })

  it('record-check false sends no GET at all: a re-run POSTs again', async () => {
    const server = await api()
    const off = { inputs: { 'record-check': 'false' } }

    await action(server, off)
    const again = await action(server, off)

    expect(again.outputs.reported).toBe('true')
    expect(server.requests.map((r) => r.method)).toEqual(['POST', 'POST'])
  })

  it('a key that cannot read the record warns once and still reports', async () => {
    const server = await api([
      { on: 'get', kind: 'status', status: 403 },
      { on: 'get', kind: 'status', status: 403 }
    ])

    const { exitCode, outputs, stdout } = await action(server)

    expect(exitCode).toBe(0)
    expect(outputs.reported).toBe('true')
    expect(stdout.match(/Multitudes' record could not be read/g)).toHaveLength(
      1
    )
    expect(server.posts()).toBe(1)
  })
})

describe('an ambiguous failure is checked in the record, never sent blind', () => {
  it('a late answer whose record cannot be read is unknown, not "not recorded", and not sent again', async () => {
    const server = await api([
      { kind: 'delay', ms: 2500 },
      ...Array.from({ length: 10 }, (): Fault => ({
        on: 'get',
        kind: 'status',
        status: 503
      }))
    ])
    // The check before the POST reads nothing either: the first GET gets a 503.

    const { exitCode, outputs, stdout } = await action(server, {
      inputs: { 'timeout-seconds': '1', 'max-attempts': '2' }
    })

    expect(exitCode).toBe(1)
    expect(server.posts()).toBe(1)
    expect(outputs.reported).toBe('false')
    expect(stdout).toMatch(
      /^::error::Whether Multitudes recorded the deployment is unknown: attempt 1 failed \(no answer from .* within 1 s\)/m
    )
    expect(stdout).toContain('before re-running')
    expect(stdout).not.toContain('did not record')
  })

  it('a 5xx that the server had in fact recorded is found in the record: one POST, reported', async () => {
    // The first POST is stored, and answered 500 all the same.
    const server = await api([{ kind: 'status', status: 500, stored: true }])

    const { exitCode, outputs, stdout } = await action(server)

    expect(exitCode).toBe(0)
    expect(outputs).toMatchObject({ reported: 'true', status: '500' })
    expect(stdout).toMatch(
      /::warning::Attempt 1 failed \(127\.0\.0\.1:\d+ answered 500\), but Multitudes' record holds the deployment/
    )
    expect(server.posts()).toBe(1)
    expect(server.received[0].deployedAt).toBe(outputs['deployed-at'])
  })

  it('a 5xx that stored nothing is sent again once the record shows it absent', async () => {
    const server = await api([{ kind: 'status', status: 500 }])

    const { outputs } = await action(server)

    expect(outputs).toMatchObject({ reported: 'true', status: '201' })
    expect(server.requests.map((r) => r.method)).toEqual([
      'GET',
      'POST',
      'GET',
      'POST'
    ])
  })
})

/** The bundled CLI in the repository, with only the given environment (as another CI). */
async function cli(args: string[], env: Record<string, string>, cwd: string) {
  const child = spawn(
    process.execPath,
    [path.join(ACTION_DIR, 'dist/cli/index.js'), ...args],
    {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: repo.dir, ...env },
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  let stdout = ''
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
  const code = await new Promise<number | null>((resolve) =>
    child.on('close', resolve)
  )
  return { code, outputs: JSON.parse(stdout) as Record<string, unknown> }
}

describe('the CLI on GitLab', () => {
  it('after a pipeline that failed before deploying, the next one also sends the failed push’s commits', async () => {
    const gitlab = TestRepo.init()
    const deployed = gitlab.commit('deployed by pipeline 1')
    const failedPush = gitlab.commits(2, 'pushed, pipeline failed')
    const nextPush = gitlab.commits(2, 'pushed, pipeline passed')
    const server = await api()
    const report = (sha: string, before: string) =>
      cli(
        [
          'report',
          '--environment',
          'production',
          '--api-url',
          server.url,
          '--json'
        ],
        {
          MULTITUDES_API_KEY: KEY,
          GITLAB_CI: 'true',
          CI_COMMIT_SHA: sha,
          CI_COMMIT_BEFORE_SHA: before
        },
        gitlab.dir
      )

    const first = await report(deployed, '0'.repeat(40))
    // The pipeline of failedPush never reached its deploy job; the next push's did.
    const next = await report(nextPush.at(-1)!, failedPush.at(-1)!)
    const again = await report(nextPush.at(-1)!, failedPush.at(-1)!)

    expect(first.outputs).toMatchObject({
      reported: true,
      'range-status': 'first'
    })
    expect(next.outputs).toMatchObject({
      reported: true,
      'base-source': 'multitudes',
      'base-sha': deployed,
      'commit-count': 4
    })
    expect(server.received[1].commitSha).toEqual(
      gitlab.revList(`${deployed}..${nextPush.at(-1)}`)
    )
    expect(again.outputs).toMatchObject({ reported: false })
    expect(String(again.outputs.skipped)).toMatch(/^already recorded at /)
    expect(server.posts()).toBe(2)
  })
})
