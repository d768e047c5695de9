/**
 * The bundled action, run as the runner runs it, against the local Multitudes-compatible API on
 * loopback and real git repositories.
 */
import {
  afterAll,
  afterEach,
  beforeAll,
  describe,
  expect,
  it
} from '@jest/globals'
import { startMultitudesServer, type Fault } from '../dev/multitudes-server.ts'
import { runLikeRunner, type RunnerOptions } from '../dev/run-action.ts'
import { removeTestRepos, TestRepo } from '../__fixtures__/git-repo.js'
import { pushEvent, webhookExample } from '../__fixtures__/events.js'
import { startFakeGitHub } from '../dev/fake-github-api.ts'

const SECRET = 'mtd_live_9fQ2xR7vK3pL8sT1'

let repo: TestRepo
let before: string
let pushed: string[]

beforeAll(() => {
  repo = TestRepo.init()
  before = repo.commit('live in production')
  repo.git('checkout', '-q', '-b', 'feature')
  const branch = repo.commits(2, 'feature work')
  repo.git('checkout', '-q', 'main')
  const fix = repo.commit('hotfix')
  repo.git(
    'merge',
    '-q',
    '--no-ff',
    '-m',
    'Merge pull request #21 from octo/feature',
    'feature'
  )
  pushed = [repo.head(), fix, ...branch]
})
afterAll(removeTestRepos)

const servers: { close(): Promise<void> }[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

async function deploy(
  inputs: Record<string, string> = {},
  faults: Fault[] = [],
  options: Partial<RunnerOptions> = {}
) {
  const server = await startMultitudesServer({
    faults,
    keys: {
      [SECRET]: ['deployments:write'],
      mtd_read_only_key: ['deployments:read']
    }
  })
  servers.push(server)
  // GitHub, for `strategy: auto`: no deployments yet, so base comes from the push.
  const github = await startFakeGitHub()
  servers.push(github)
  const result = await runLikeRunner({
    workspace: repo.dir,
    eventName: 'push',
    sha: repo.head(),
    event: pushEvent(before, repo.head()),
    inputs: {
      environment: 'production',
      'api-key': SECRET,
      'api-url': server.url,
      ...inputs
    },
    ...options,
    env: { GITHUB_API_URL: github.url, ...options.env }
  })
  return { ...result, server }
}

const ALL_OUTPUTS = [
  'reported',
  'status',
  'response',
  'request-id',
  'payload',
  'commit-shas',
  'commit-count',
  'truncated',
  'head-sha',
  'base-sha',
  'base-source',
  'range-status',
  'deployed-at',
  'skipped',
  'payload-file'
]

describe('a push deployed to production', () => {
  it('posts exactly git rev-list before..head and sets every output', async () => {
    const { exitCode, outputs, summary, server, stdout } = await deploy()

    expect(exitCode).toBe(0)
    expect(Object.keys(outputs).sort()).toEqual([...ALL_OUTPUTS].sort())
    const expected = repo.revList(`${before}..HEAD`)
    expect(new Set(expected)).toEqual(new Set(pushed))
    expect(JSON.parse(outputs['commit-shas'])).toEqual(expected)
    expect(outputs).toMatchObject({
      reported: 'true',
      status: '201',
      'commit-count': '4',
      truncated: 'false',
      'head-sha': repo.head(),
      'base-sha': before,
      'base-source': 'push',
      'range-status': 'ahead'
    })
    expect(outputs['request-id']).toMatch(/^[0-9a-f-]{36}$/)
    expect(server.posts()).toBe(1)
    expect(server.deployments).toHaveLength(1)
    expect(server.posts()).toBe(1)
    expect(server.deployments[0]).toMatchObject({
      commitSha: expected,
      environmentName: 'production',
      deployedAt: outputs['deployed-at'],
      isTest: false
    })
    const post = server.requests.find((r) => r.method === 'POST')
    expect(JSON.parse(outputs.payload)).toEqual(JSON.parse(String(post?.body)))
    expect(stdout).toContain(
      `strategy=auto base=${before} base-source=push head=${repo.head()} status=ahead source=git commits=4 truncated=false`
    )
    expect(summary).toContain('<h2>Multitudes deployment: production</h2>')
    expect(summary).toContain('✅ Reported (HTTP 201)')
    expect(summary).toContain('/pull/21">#21</a>')
  })

  it('a test deployment with verify reads itself back', async () => {
    const { exitCode, outputs, summary, server } = await deploy({
      'is-test': 'true',
      verify: 'true'
    })

    expect(exitCode).toBe(0)
    expect(outputs.reported).toBe('true')
    // The record (test deployments included) before the POST, then verify's read.
    expect(server.requests.map((r) => [r.method, r.url])).toEqual([
      ['GET', '/deployment?page=1&pageSize=100&includeTests=true'],
      ['POST', '/deployment'],
      ['GET', '/deployment?page=1&pageSize=100&includeTests=true']
    ])
    expect(server.deployments[0].isTest).toBe(true)
    expect(summary).toContain('verified by reading it back')
  })

  it('strategy head sends only head', async () => {
    const { exitCode, outputs } = await deploy({ strategy: 'head' })

    expect(exitCode).toBe(0)
    expect(JSON.parse(outputs['commit-shas'])).toEqual([repo.head()])
    expect(outputs).toMatchObject({
      'base-source': 'none',
      'range-status': 'first'
    })
  })

  it('a dry run with a key computes everything and still sends nothing', async () => {
    const { exitCode, outputs, server, summary } = await deploy({
      'dry-run': 'true'
    })

    expect(exitCode).toBe(0)
    // Base may come from Multitudes' record, so a dry run reads it; it never POSTs.
    expect(server.posts()).toBe(0)
    expect(server.requests.every((r) => r.method === 'GET')).toBe(true)
    expect(outputs).toMatchObject({
      reported: 'false',
      status: '',
      'commit-count': '4'
    })
    expect(summary).toContain('Dry run: nothing was sent')
  })

  it('a dry run whose base needs no record reads none: the early read is for a POST', async () => {
    const { exitCode, server } = await deploy({
      'dry-run': 'true',
      strategy: 'head'
    })

    expect(exitCode).toBe(0)
    expect(server.requests).toHaveLength(0)
  })

  it('masks the GitHub token and the key before anything else is written', async () => {
    const token = 'ghs_e2eSecretToken0123456789'
    const { stdout } = await deploy({}, [], { githubToken: token })

    const lines = stdout.split('\n')
    expect(lines[0]).toBe(`::add-mask::${SECRET}`)
    expect(lines).toContain(`::add-mask::${token}`)
    expect(lines.findIndex((l) => l === `::add-mask::${token}`)).toBeLessThan(
      lines.findIndex((l) => !l.startsWith('::add-mask::'))
    )
  })

  it('a dry run without a key computes everything and sends nothing', async () => {
    const { exitCode, outputs, server, summary } = await deploy({
      'api-key': '',
      'dry-run': 'true',
      'deployed-at': '2026-11-30T22:15:00+13:00',
      tags: 'sev1,launch',
      'is-test': 'true'
    })

    expect(exitCode).toBe(0)
    expect(server.requests).toHaveLength(0)
    expect(outputs).toMatchObject({
      reported: 'false',
      status: '',
      'commit-count': '4',
      'deployed-at': '2026-11-30T09:15:00.000Z'
    })
    expect(JSON.parse(outputs.payload)).toMatchObject({
      environmentName: 'production',
      deployedAt: '2026-11-30T09:15:00.000Z',
      tags: ['sev1', 'launch'],
      isTest: true
    })
    expect(summary).toContain('Dry run: nothing was sent')
  })

  it('a push that deleted the branch reports nothing and says so', async () => {
    const event = webhookExample('push', {}, (e) => e.deleted === true)
    const { exitCode, stdout, outputs, server } = await deploy({}, [], {
      event
    })

    expect(exitCode).toBe(0)
    expect(stdout).toMatch(/::notice::Nothing to report: the push deleted/)
    expect(outputs.reported).toBe('false')
    expect(server.requests).toHaveLength(0)
  })
})

describe('with GitHub deployments', () => {
  it('a deploy job with environment: takes base from the previous successful deployment', async () => {
    const github = await startFakeGitHub({
      deployments: [
        {
          id: 3,
          sha: repo.head(),
          environment: 'production',
          statuses: [
            {
              state: 'in_progress',
              log_url: 'https://github.com/octo-org/octo-repo/actions/runs/4242'
            }
          ]
        },
        {
          id: 2,
          sha: pushed[1],
          environment: 'production',
          statuses: [{ state: 'failure' }]
        },
        {
          id: 1,
          sha: before,
          environment: 'Production',
          statuses: [{ state: 'inactive' }]
        }
      ]
    })
    try {
      const { exitCode, outputs } = await deploy(
        { strategy: 'previous-deployment' },
        [],
        {
          eventName: 'deployment',
          event: webhookExample('deployment', {
            deployment: { sha: repo.head(), environment: 'production' }
          }),
          env: { GITHUB_API_URL: github.url }
        }
      )

      expect(exitCode).toBe(0)
      expect(outputs).toMatchObject({
        'base-source': 'previous-deployment',
        'base-sha': before,
        'commit-count': '4'
      })
      expect(github.requests[0]).toMatch(
        /^GET \/repos\/octo-org\/octo-repo\/deployments\?per_page=100/
      )
    } finally {
      await github.close()
    }
  })
})

describe('bad input', () => {
  it('fails naming the input, sends nothing, and still sets every output', async () => {
    const { exitCode, stdout, outputs, server } = await deploy({
      'max-commits': '0'
    })

    expect(exitCode).toBe(1)
    expect(stdout).toContain(
      `::error::Invalid 'max-commits': "0". Expected a whole number from 1 to 100000.`
    )
    expect(server.requests).toHaveLength(0)
    expect(Object.keys(outputs).sort()).toEqual([...ALL_OUTPUTS].sort())
    expect(outputs.reported).toBe('false')
  })
})

describe('answers that fail the step', () => {
  it('400: one error annotation per field', async () => {
    const body = JSON.stringify({
      message: 'Invalid request',
      errors: [
        { field: 'commitSha', message: 'unknown repository' },
        { field: 'environmentName', message: 'too long' }
      ]
    })
    const { exitCode, stdout, outputs } = await deploy({}, [
      { kind: 'status', status: 400, body }
    ])

    expect(exitCode).toBe(1)
    expect(stdout).toContain(
      "::error title=Multitudes rejected a field::Field 'commitSha': unknown repository"
    )
    expect(stdout).toContain(
      "::error title=Multitudes rejected a field::Field 'environmentName': too long"
    )
    expect(outputs).toMatchObject({
      reported: 'false',
      status: '400',
      response: body
    })
  })

  it('401: says to check the key', async () => {
    const { exitCode, stdout, outputs } = await deploy({
      'api-key': 'mtd_wrong'
    })

    expect(exitCode).toBe(1)
    expect(stdout).toMatch(
      /::error::Multitudes rejected the API key \(401 Unauthorized\)/
    )
    expect(outputs.status).toBe('401')
  })

  it('403: says to check the scope and organisation', async () => {
    const { exitCode, stdout } = await deploy({
      'api-key': 'mtd_read_only_key'
    })

    expect(exitCode).toBe(1)
    expect(stdout).toMatch(
      /::error::The API key may not report deployments \(403 Forbidden\)/
    )
  })
})

describe('transient faults end with exactly one record and the original deployedAt', () => {
  // The faults store nothing, so the record (read in between) says absent and the body is sent
  // again: two POSTs of one body.
  it.each<[string, Fault[], Record<string, string>]>([
    ['5xx then 201', [{ kind: 'status', status: 503 }], {}],
    ['429 with Retry-After', [{ kind: 'retry-after', value: '1' }], {}],
    ['a dropped connection', [{ kind: 'drop' }], {}]
  ])('%s', async (_name, faults, inputs) => {
    const { exitCode, outputs, server, stdout } = await deploy(inputs, faults)

    expect(exitCode).toBe(0)
    expect(stdout).toMatch(/::warning::Attempt 1 of 4 failed/)
    expect(outputs).toMatchObject({ reported: 'true', status: '201' })
    expect(server.posts()).toBe(2)
    expect(server.deployments).toHaveLength(1)
    expect(server.deployments[0].deployedAt).toBe(outputs['deployed-at'])
    const posts = server.requests.filter((r) => r.method === 'POST')
    expect(new Set(posts.map((r) => r.body)).size).toBe(1)
  })

  it('a server that records the POST but answers after the timeout gets it once', async () => {
    const { exitCode, outputs, server, stdout } = await deploy(
      { 'timeout-seconds': '1' },
      [{ kind: 'delay', ms: 2500 }]
    )

    expect(exitCode).toBe(0)
    expect(server.posts()).toBe(1)
    expect(server.received).toHaveLength(1)
    expect(server.deployments[0].deployedAt).toBe(outputs['deployed-at'])
    expect(outputs).toMatchObject({ reported: 'true', status: '' })
    expect(stdout).toMatch(
      /::warning::Attempt 1 failed \(no answer from .* within 1 s\), but Multitudes' record holds the deployment/
    )
  })
})

describe('on-error', () => {
  const down: Fault[] = [
    { kind: 'status', status: 502 },
    { kind: 'status', status: 502 }
  ]

  it.each([
    ['fail', 1, 'error'],
    ['warn', 0, 'warning'],
    ['warn-on-outage', 0, 'warning']
  ])('%s with the API down: exit %i', async (mode, code, level) => {
    const { exitCode, stdout, outputs } = await deploy(
      { 'on-error': mode, 'max-attempts': '2' },
      down
    )

    expect(exitCode).toBe(code)
    expect(outputs).toMatchObject({ reported: 'false', status: '502' })
    expect(stdout).toContain('The Multitudes API answered 502 after 2 attempts')
    expect(stdout).toMatch(
      new RegExp(`::${level}::The Multitudes API answered 502`)
    )
  })

  it.each([
    ['warn-on-outage', 1],
    ['warn', 0]
  ])('%s with a rejected key: exit %i', async (mode, code) => {
    const { exitCode } = await deploy({
      'on-error': mode,
      'api-key': 'mtd_wrong'
    })

    expect(exitCode).toBe(code)
  })

  it('warn keeps bad input from failing the step, and still sends nothing', async () => {
    const { exitCode, stdout, server } = await deploy({
      'on-error': 'warn',
      strategy: 'nope'
    })

    expect(exitCode).toBe(0)
    expect(stdout).toMatch(/::warning::Invalid 'strategy'/)
    expect(server.requests).toHaveLength(0)
  })
})

describe('inputs travel as data', () => {
  it('an environment name with shell syntax is sent exactly as written', async () => {
    const environment = 'prod"; rm -rf ~ $(id) `id`'
    const { exitCode, outputs, server } = await deploy({
      environment,
      base: '--all'
    })

    expect(exitCode).toBe(1)
    expect(outputs.reported).toBe('false')
    const ok = await deploy({ environment })
    expect(ok.exitCode).toBe(0)
    expect(ok.server.deployments[0].environmentName).toBe(environment)
    expect(JSON.parse(ok.outputs.payload)).toMatchObject({
      environmentName: environment
    })
    expect(server.requests).toHaveLength(0)
  })
})

describe('the API key', () => {
  it('appears nowhere the action writes, in debug mode, on success and failure', async () => {
    const runs = [
      await deploy({}, [], { env: { RUNNER_DEBUG: '1' } }),
      await deploy(
        {},
        [
          { kind: 'status', status: 500 },
          { kind: 'status', status: 400 }
        ],
        {
          env: { RUNNER_DEBUG: '1' }
        }
      ),
      await deploy({ 'api-key': `Bearer ${SECRET}`, 'max-commits': 'x' }, [], {
        env: { RUNNER_DEBUG: '1' }
      }),
      await deploy({ 'api-key': '' }, [], {
        env: { RUNNER_DEBUG: '1', MULTITUDES_API_KEY: SECRET }
      })
    ]
    const parts = [
      SECRET,
      SECRET.slice(4),
      SECRET.slice(0, 12),
      SECRET.slice(-12)
    ]
    expect(runs[0].stdout).toContain('::debug::payload:')
    for (const run of runs) {
      const written = [
        run.stdout
          .split('\n')
          .filter((l) => !l.startsWith('::add-mask::'))
          .join('\n'),
        run.stderr,
        ...Object.values(run.files)
      ].join('\n')
      for (const part of parts) expect(written).not.toContain(part)
    }
    expect(runs[0].server.requests[0].headers.authorization).toBe(SECRET)
  })

  it('an answer that quotes it back leaves no output or summary holding it', async () => {
    const quote = `Authorization: ${SECRET}`
    const run = await deploy({ 'on-error': 'warn' }, [
      { kind: 'status', status: 400, body: JSON.stringify({ message: quote }) }
    ])

    expect(run.exitCode).toBe(0)
    expect(JSON.parse(run.outputs.response)).toEqual({
      message: 'Authorization: ***'
    })
    expect(run.summary).not.toContain(SECRET)
  })
})

describe('the GitHub token', () => {
  it('is checked like the key: a line break is an input error naming it, and nothing is sent', async () => {
    const run = await deploy({ 'github-token': 'ghs_first\nhalf_of_it' })

    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(
      /::error::Invalid 'github-token': character 10 \(U\+000A\) cannot be sent in an HTTP header/
    )
    expect(run.stdout).not.toMatch(/^::(?!add-mask).*half_of_it/m)
    expect(run.server.requests).toHaveLength(0)
  })
})
