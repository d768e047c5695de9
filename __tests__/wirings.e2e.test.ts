/**
 * Every way a deployment is wired, run through the bundled action as the runner runs it: a
 * platform's deployment_status, a deployment event, a workflow_run after the deploy workflow, a
 * manual rollback, a checkout in a subfolder, and the runs that must send nothing and say why.
 * Events are GitHub's published webhook examples; GitHub is a fake API on loopback.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  compareFromGit,
  startFakeGitHub,
  type FakeDeployment,
  type FakeGitHubOptions
} from '../dev/fake-github-api.ts'
import { startedBy } from '../dev/git-trace.ts'
import { startMultitudesServer } from '../dev/multitudes-server.ts'
import { runLikeRunner, type RunnerOptions } from '../dev/run-action.ts'
import { summaryAsText } from '../dev/runner/summary-text.ts'
import {
  deploymentStatusEvent,
  pushEvent,
  webhookExample
} from '../__fixtures__/events.js'
import { removeTestRepos, TestRepo } from '../__fixtures__/git-repo.js'
import { actionInputs, readWorkflow } from '../__fixtures__/workflows.js'

afterAll(removeTestRepos)

const KEY = 'mtd_demo_key'
const OTHER_RUN =
  'https://github.com/octo-org/octo-repo/actions/runs/1000/job/1'
const THIS_RUN = 'https://github.com/octo-org/octo-repo/actions/runs/4242/job/9'

const repo = TestRepo.init()
const live = repo.commit('live in production')
repo.git('checkout', '-q', '-b', 'feature')
repo.commits(2, 'feature work')
repo.git('checkout', '-q', 'main')
repo.commit('hotfix')
repo.git('merge', '-q', '--no-ff', '-m', 'Merge pull request #7', 'feature')
const head = repo.head()
const shipped = repo.revList(`${live}..${head}`)

const deployment = (
  id: number,
  sha: string,
  state: string,
  environment = 'production',
  url = OTHER_RUN
): FakeDeployment => ({
  id,
  sha,
  environment,
  statuses: [{ state, log_url: url }]
})

async function report(
  options: Partial<RunnerOptions> & { github?: FakeGitHubOptions } = {}
) {
  const api = await startMultitudesServer()
  const github = await startFakeGitHub(options.github)
  try {
    const result = await runLikeRunner({
      workspace: repo.dir,
      eventName: 'push',
      sha: head,
      event: pushEvent(live, head),
      ...options,
      inputs: {
        environment: 'production',
        'api-key': KEY,
        'api-url': api.url,
        ...options.inputs
      },
      env: { GITHUB_API_URL: github.url, ...options.env }
    })
    return { ...result, api, github }
  } finally {
    await Promise.all([api.close(), github.close()])
  }
}

function workflowRunEvent(
  conclusion: string | null,
  run: Record<string, unknown> = {}
): Record<string, unknown> {
  const example = webhookExample(
    'workflow_run',
    {},
    (e) => (e.workflow_run as { conclusion: unknown }).conclusion === 'success'
  )
  return {
    ...example,
    workflow_run: {
      ...(example.workflow_run as object),
      id: 777,
      head_sha: head,
      conclusion,
      updated_at: '2026-11-29T11:30:00Z',
      ...run
    }
  }
}

/** Deployments as a platform leaves them: the event's own, one made after it, previews. */
const platformDeployments = [
  deployment(60, head, 'success'), // a redeploy after the event's: not earlier, never base
  deployment(50, head, 'success'), // the event's own deployment
  deployment(45, head, 'success', 'preview-7'),
  deployment(40, live, 'success')
]

function expectNothingSent(
  result: Awaited<ReturnType<typeof report>>,
  reason: RegExp
): void {
  expect(result.exitCode).toBe(0)
  expect(result.api.requests).toHaveLength(0)
  expect(result.outputs.reported).toBe('false')
  expect(result.outputs.skipped).toMatch(reason)
  expect(result.outputs['commit-count']).toBe('0')
  expect(result.stdout).toMatch(/^::notice::Nothing to report: /m)
  const summary = summaryAsText(result.summary)
  expect(summary).toContain('Nothing to report')
  expect(summary).toMatch(reason)
}

describe('deployment_status from a deployment platform', () => {
  it('reports a success with the commits since the previous production deployment, at the status time', async () => {
    const result = await report({
      eventName: 'deployment_status',
      event: deploymentStatusEvent(head, 'success', 'production'),
      github: { deployments: platformDeployments }
    })

    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({
      reported: 'true',
      skipped: '',
      'base-sha': live,
      'base-source': 'previous-deployment',
      'head-sha': head,
      'deployed-at': '2026-11-29T09:00:00.000Z'
    })
    expect(JSON.parse(result.outputs['commit-shas'])).toEqual(shipped)
    expect(result.api.deployments[0].deployedAt).toBe(
      '2026-11-29T09:00:00.000Z'
    )
  })

  it('matches the environment without case (Vercel says Production)', async () => {
    const result = await report({
      eventName: 'deployment_status',
      event: deploymentStatusEvent(head, 'success', 'Production'),
      github: { deployments: platformDeployments }
    })

    expect(result.outputs).toMatchObject({ reported: 'true', skipped: '' })
  })

  it.each(['failure', 'error', 'in_progress'])(
    'sends nothing for a %s status, and says why',
    async (state) => {
      const result = await report({
        eventName: 'deployment_status',
        event: deploymentStatusEvent(head, state, 'production'),
        github: { deployments: platformDeployments }
      })

      expectNothingSent(
        result,
        new RegExp(`deployment status is '${state}', not 'success'`)
      )
      expect(result.github.requests).toHaveLength(0)
    }
  )

  it('sends nothing for a preview environment, naming both environments', async () => {
    const result = await report({
      eventName: 'deployment_status',
      event: deploymentStatusEvent(head, 'success', 'preview-7'),
      github: { deployments: platformDeployments }
    })

    expectNothingSent(
      result,
      /event is for environment 'preview-7', and this step reports 'production'/
    )
  })

  it('an explicit deployed-at still wins over the status time', async () => {
    const result = await report({
      eventName: 'deployment_status',
      event: deploymentStatusEvent(head, 'success', 'production'),
      inputs: { 'deployed-at': '2026-11-29T08:00:00Z' },
      github: { deployments: platformDeployments }
    })

    expect(result.outputs['deployed-at']).toBe('2026-11-29T08:00:00.000Z')
  })
})

describe('deployments the token may not read (no deployments: read)', () => {
  const refused = {
    faults: [
      {
        path: /\/deployments$/,
        status: 403,
        body: { message: 'Resource not accessible by integration' }
      }
    ]
  }

  it('deployment_status: warns naming the permission and sends head as unavailable, not as a first deployment', async () => {
    const result = await report({
      eventName: 'deployment_status',
      event: deploymentStatusEvent(head, 'success', 'production'),
      github: refused
    })

    expect(result.exitCode).toBe(0)
    expect(result.stdout).toMatch(
      /^::warning::GitHub deployments could not be read \(GitHub API list deployments failed \(403\).*without them the previous deployment is unknown\..*deployments: read/m
    )
    expect(result.outputs).toMatchObject({
      'range-status': 'unavailable',
      'commit-shas': JSON.stringify([head])
    })
  })

  it('workflow_run under first-deployment: fail: fails and sends nothing', async () => {
    const result = await report({
      eventName: 'workflow_run',
      event: workflowRunEvent('success'),
      inputs: { 'first-deployment': 'fail' },
      github: refused
    })

    expect(result.exitCode).toBe(1)
    expect(result.api.posts()).toBe(0)
    expect(result.stdout).toMatch(
      /::error::No base was found for strategy 'auto' \(GitHub deployments could not be read .*403.*\) and 'first-deployment' is 'fail'/
    )
  })
})

describe('deployment (the workflow is the deployer)', () => {
  it('never takes the event’s own deployment as base', async () => {
    const example = webhookExample('deployment')
    const result = await report({
      eventName: 'deployment',
      event: {
        ...example,
        deployment: {
          ...(example.deployment as object),
          id: 50,
          sha: head,
          environment: 'production'
        }
      },
      github: { deployments: platformDeployments }
    })

    expect(result.outputs).toMatchObject({
      reported: 'true',
      'base-sha': live
    })
    expect(JSON.parse(result.outputs['commit-shas'])).toEqual(shipped)
  })
})

describe('workflow_run after the deploy workflow', () => {
  const deployments = [
    deployment(52, head, 'success', 'production', THIS_RUN),
    deployment(
      51,
      head,
      'success',
      'production',
      'https://github.com/octo-org/octo-repo/actions/runs/777/job/3'
    ),
    deployment(40, live, 'success')
  ]

  it('reports a successful run, excluding its own deployment, at its updated_at', async () => {
    const result = await report({
      eventName: 'workflow_run',
      event: workflowRunEvent('success'),
      github: { deployments }
    })

    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({
      reported: 'true',
      'head-sha': head,
      'base-sha': live,
      'deployed-at': '2026-11-29T11:30:00.000Z'
    })
    expect(JSON.parse(result.outputs['commit-shas'])).toEqual(shipped)
  })

  describe('a status URL in the older /runs/<job id>?check_suite_focus=true form', () => {
    // As @octokit/webhooks-examples' deployment_status carries it.
    const oldForm = (
      webhookExample('deployment_status', {}, (e) =>
        /check_suite_focus/.test(
          String((e.deployment_status as { log_url?: string }).log_url)
        )
      ).deployment_status as { log_url: string }
    ).log_url.replace(
      /^https:\/\/github\.com\/[^/]+\/[^/]+\/runs\/\d+/,
      'https://github.com/octo-org/octo-repo/runs/555'
    )
    const withOldForm = [
      deployment(51, head, 'success', 'production', oldForm),
      deployment(40, live, 'success')
    ]

    it('maps the job to its run with one request, and excludes the run’s own deployment', async () => {
      const result = await report({
        eventName: 'workflow_run',
        event: workflowRunEvent('success'),
        github: { deployments: withOldForm, jobs: { 555: 777 } }
      })

      expect(result.outputs).toMatchObject({ 'base-sha': live })
      expect(JSON.parse(result.outputs['commit-shas'])).toEqual(shipped)
      expect(
        result.github.requests.filter((r) => r.includes('/actions/jobs/'))
      ).toEqual(['GET /repos/octo-org/octo-repo/actions/jobs/555'])
    })

    it('warns, naming the permission, when the job cannot be looked up', async () => {
      const result = await report({
        eventName: 'workflow_run',
        event: workflowRunEvent('success'),
        github: {
          deployments: withOldForm,
          faults: [{ path: /\/actions\/jobs\//, status: 403 }]
        }
      })

      expect(result.stdout).toMatch(
        /^::warning::Could not tell which run set the status of deployment #51 \(job 555\).*actions: read/m
      )
      expect(result.outputs).toMatchObject({ 'base-sha': head })
    })
  })

  it.each([
    ['failure', 'failure'],
    ['cancelled', 'cancelled'],
    [null, 'none yet']
  ])('sends nothing when the run concluded %s', async (conclusion, said) => {
    const result = await report({
      eventName: 'workflow_run',
      event: workflowRunEvent(conclusion),
      github: { deployments }
    })

    expectNothingSent(result, new RegExp(`concluded '${said}', not 'success'`))
  })

  it.each(['pull_request', 'pull_request_target', 'merge_group'])(
    'sends nothing for a successful run triggered by %s, even on a branch named main',
    async (event) => {
      const result = await report({
        eventName: 'workflow_run',
        event: workflowRunEvent('success', { event, head_branch: 'main' }),
        github: { deployments }
      })

      expectNothingSent(
        result,
        new RegExp(`ran for a '${event}' event, which deploys nothing`)
      )
    }
  )

  it('sends nothing for a successful push run on a fork whose branch is named main', async () => {
    const example = workflowRunEvent('success').workflow_run as {
      head_repository: object
    }
    const result = await report({
      eventName: 'workflow_run',
      event: workflowRunEvent('success', {
        event: 'push',
        head_branch: 'main',
        head_repository: {
          ...example.head_repository,
          full_name: 'mallory/octo-repo'
        }
      }),
      github: { deployments }
    })

    expectNothingSent(
      result,
      /ran on code from mallory\/octo-repo, not from octo-org\/octo-repo/
    )
  })
})

describe('the previous production deployment behind many previews', () => {
  const previews = Array.from({ length: 650 }, (_, i) =>
    deployment(10_000 - i, head, 'success', `preview-${i}`)
  )
  const failed = Array.from({ length: 20 }, (_, i) =>
    deployment(5_000 - i, head, 'failure')
  )

  it('asks GitHub for the environment by name, then reads all deployments only down to the base found', async () => {
    const result = await report({
      inputs: { strategy: 'previous-deployment' },
      github: {
        deployments: [...previews, ...failed, deployment(100, live, 'success')]
      }
    })

    expect(result.outputs).toMatchObject({ 'base-sha': live, reported: 'true' })
    const listings = result.github.requests.filter((r) =>
      /\/deployments\?/.test(r)
    )
    expect(listings[0]).toBe(
      'GET /repos/octo-org/octo-repo/deployments?per_page=100&page=1&environment=production'
    )
    // 670 newer deployments: 7 pages of all of them reach #100, and no status of theirs is read.
    expect(listings.slice(1)).toEqual(
      [1, 2, 3, 4, 5, 6, 7].map(
        (page) =>
          `GET /repos/octo-org/octo-repo/deployments?per_page=100&page=${page}`
      )
    )
    expect(result.github.requests).toHaveLength(1 + 21 + 7)
  })

  it('a newer deployment to another case of the name beats an old exact one', async () => {
    const result = await report({
      inputs: { strategy: 'previous-deployment' },
      github: {
        deployments: [
          deployment(300, shipped[1], 'success', 'Production'),
          deployment(200, shipped[2], 'failure', 'PRODUCTION'),
          deployment(100, live, 'success', 'production')
        ]
      }
    })

    expect(result.outputs).toMatchObject({
      'base-sha': shipped[1],
      'commit-shas': JSON.stringify(repo.revList(`${shipped[1]}..${head}`))
    })
  })

  it('scans without case when the exact name finds nothing', async () => {
    const result = await report({
      inputs: { strategy: 'previous-deployment' },
      github: {
        deployments: [
          ...previews,
          deployment(100, live, 'success', 'Production')
        ]
      }
    })

    expect(result.outputs).toMatchObject({ 'base-sha': live })
    // 1 exact listing, 7 pages of all deployments, 1 status.
    expect(result.github.requests).toHaveLength(1 + 7 + 1)
  })

  it('warns with what it scanned when the budget runs out, then uses the push', async () => {
    const many = Array.from({ length: 1100 }, (_, i) =>
      deployment(20_000 - i, head, 'success', `preview-${i}`)
    )
    const result = await report({ github: { deployments: many } })

    expect(result.stdout).toMatch(
      /::warning::No earlier successful deployment to 'production' was found in the 0 deployments named exactly so and the newest 900 of all deployments \(0 of them to that environment in any case, 0 statuses looked up\)/
    )
    expect(result.outputs).toMatchObject({
      'base-source': 'push',
      'base-sha': live
    })
  })
})

describe('a manual rollback (docs/examples/rollback.yml as written)', () => {
  it('reports the checked-out ref as head, behind what was live', async () => {
    const rollback = TestRepo.init()
    const old = rollback.commit('v1')
    const current = rollback.commit('v2, live')
    const tip = rollback.commit('v3, on main, not deployed')
    rollback.git('checkout', '-q', '--detach', old) // actions/checkout with ref: inputs.ref
    const wf = readWorkflow('docs/examples/rollback.yml')
    const api = await startMultitudesServer()
    const github = await startFakeGitHub({
      deployments: [
        // The job's `environment: production` records this run's deployment at GITHUB_SHA.
        deployment(71, tip, 'in_progress', 'production', THIS_RUN),
        deployment(70, current, 'success')
      ]
    })
    try {
      const result = await runLikeRunner({
        workspace: rollback.dir,
        eventName: 'workflow_dispatch',
        sha: tip,
        event: { ...webhookExample('workflow_dispatch'), inputs: { ref: old } },
        inputs: {
          ...actionInputs(wf, { 'secrets.MULTITUDES_API_KEY': KEY }),
          'api-url': api.url
        },
        env: { GITHUB_API_URL: github.url }
      })

      expect(result.exitCode).toBe(0)
      expect(result.stdout).toContain(
        `Head: the checkout is at ${old}, not at GITHUB_SHA ${tip}`
      )
      expect(result.outputs).toMatchObject({
        'head-sha': old,
        'base-sha': current,
        'range-status': 'behind',
        'commit-shas': JSON.stringify([old])
      })
      expect(api.deployments[0]).toMatchObject({
        commitSha: [old],
        tags: ['rollback']
      })
    } finally {
      await Promise.all([api.close(), github.close()])
    }
  })

  it('a head input still wins over the checkout', async () => {
    const result = await report({
      eventName: 'workflow_dispatch',
      event: webhookExample('workflow_dispatch'),
      sha: live,
      inputs: { head: shipped[1], base: live }
    })

    expect(result.outputs['head-sha']).toBe(shipped[1])
  })
})

describe('says "I don’t know" instead of guessing', () => {
  it('a base input that names nothing is an input error: nothing sent', async () => {
    const result = await report({ inputs: { base: 'v9.9.9' } })

    expect(result.exitCode).toBe(1)
    expect(result.api.posts()).toBe(0)
    expect(result.stdout).toMatch(
      /::error::Invalid 'base': "v9.9.9" names no commit in the checkout or on origin/
    )
    expect(result.outputs.reported).toBe('false')
  })

  describe('a valid base in a shallow clone with no origin is not a typo', () => {
    const shallow = repo.clone('--depth=1', '--branch', 'main')
    shallow.git('remote', 'remove', 'origin')

    it('with commit-source git: fails, saying to fetch it or use the API', async () => {
      const result = await report({
        workspace: shallow.dir,
        inputs: { base: live, 'commit-source': 'git' }
      })

      expect(result.exitCode).toBe(1)
      expect(result.api.posts()).toBe(0)
      expect(result.stdout).not.toMatch(/Invalid 'base'|typo/)
      expect(result.stdout).toMatch(
        new RegExp(
          `::error::Base ${live} \\(input\\) is not in this shallow clone, and there is no origin to fetch it from\\..*commit-source: api`
        )
      )
    })

    it('with commit-source auto: the compare API sends the whole range', async () => {
      const result = await report({
        workspace: shallow.dir,
        inputs: { base: live },
        github: { compare: compareFromRepo() }
      })

      expect(result.exitCode).toBe(0)
      expect(result.stdout).toContain('Using the GitHub compare API instead.')
      const sent = JSON.parse(result.outputs['commit-shas']) as string[]
      expect(new Set(sent)).toEqual(new Set(shipped))
    })
  })

  it('paths without a checkout fails instead of sending the unfiltered range', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'no-checkout-'))
    const result = await report({
      workspace: empty,
      inputs: { paths: 'services/api' },
      github: { compare: compareFromRepo() }
    })

    expect(result.exitCode).toBe(1)
    expect(result.api.posts()).toBe(0)
    expect(result.stdout).toMatch(
      /::error::There is no git checkout in .*'paths' is set, and the GitHub compare API cannot filter commits by path, so nothing is sent\./
    )
  })

  it('without git on PATH, auto uses the compare API', async () => {
    const noGit = mkdtempSync(path.join(tmpdir(), 'no-git-'))
    const result = await report({
      env: { PATH: noGit },
      github: { compare: compareFromRepo() }
    })

    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain(
      '::warning::git is not installed on this runner (not found on PATH). Using the GitHub compare API instead.'
    )
    const sent = JSON.parse(result.outputs['commit-shas']) as string[]
    expect(new Set(sent)).toEqual(new Set(shipped))
    expect(result.summary).toContain('from the compare API')
  })
})

describe('working-directory', () => {
  const workspace = path.dirname(repo.dir) // the checkout is <workspace>/work

  it('finds the checkout in a subfolder of the workspace', async () => {
    const result = await report({
      workspace,
      inputs: { 'working-directory': 'work', 'commit-source': 'git' }
    })

    expect(result.exitCode).toBe(0)
    expect(JSON.parse(result.outputs['commit-shas'])).toEqual(shipped)
  })

  it('names the input when the checkout is not where the step looks', async () => {
    const result = await report({
      workspace,
      inputs: { 'commit-source': 'git' }
    })

    expect(result.exitCode).toBe(1)
    expect(result.stdout).toMatch(
      /There is no git checkout in .*set 'working-directory' to that folder/
    )
  })

  it('refuses a folder that does not exist, naming the input', async () => {
    mkdirSync(path.join(workspace, 'empty'), { recursive: true })
    const result = await report({
      workspace,
      inputs: { 'working-directory': 'missing' }
    })

    expect(result.exitCode).toBe(1)
    expect(result.api.requests).toHaveLength(0)
    expect(result.stdout).toMatch(
      /::error::Invalid 'working-directory': "missing"/
    )
  })
})

describe('the compare API costs what it sends', () => {
  it('a 20,000-commit range with max-commits 1000 costs 11 compare requests', async () => {
    const hex = (i: number): string => i.toString(16).padStart(40, 'a')
    const commits = Array.from({ length: 20_000 }, (_, i) => ({
      sha: hex(i + 1),
      date: new Date(1_700_000_000_000 + i * 1000).toISOString(),
      message: `commit ${i}`
    }))
    const top = hex(20_000)
    const empty = mkdtempSync(path.join(tmpdir(), 'no-checkout-'))
    const result = await report({
      workspace: empty,
      sha: top,
      event: pushEvent(hex(0), top),
      inputs: { 'commit-source': 'api' },
      github: {
        compare: () => ({ status: 'ahead', baseSha: hex(0), commits })
      }
    })

    expect(result.stderr + result.stdout).not.toContain('::error::')
    expect(result.exitCode).toBe(0)
    const compares = result.github.requests.filter((r) =>
      r.includes('/compare/')
    )
    expect(compares).toHaveLength(11)
    expect(result.outputs).toMatchObject({
      'commit-count': '1000',
      truncated: 'true'
    })
    expect(JSON.parse(result.outputs['commit-shas'])).toEqual(
      commits
        .slice(-1000)
        .map((c) => c.sha)
        .reverse()
    )
  })
})

function compareFromRepo(): NonNullable<FakeGitHubOptions['compare']> {
  return compareFromGit(
    (...args) => repo.revList(...args),
    (a, b) => repo.revList(`${b}..${a}`).length === 0
  )
}

describe('git processes of a push', () => {
  it('three with the default configuration, a merged pull request included, and the summary names every commit', async () => {
    const trace = path.join(
      mkdtempSync(path.join(tmpdir(), 'trace-')),
      'trace2.json'
    )

    const result = await report({
      env: { GIT_TRACE2_EVENT: trace },
      github: { deployments: [deployment(40, live, 'success')] }
    })

    expect(result.outputs).toMatchObject({
      'base-sha': live,
      'base-source': 'previous-deployment',
      reported: 'true',
      'commit-count': String(shipped.length)
    })
    expect(startedBy(readFileSync(trace, 'utf8'))).toEqual([
      'rev-parse --is-shallow-repository',
      'cat-file --batch',
      'rev-list --boundary'
    ])
    const summary = summaryAsText(result.summary)
    for (const subject of [
      'Merge pull request #7',
      'hotfix',
      'feature work 1',
      'feature work 2'
    ])
      expect(summary).toContain(subject)
  })
})
