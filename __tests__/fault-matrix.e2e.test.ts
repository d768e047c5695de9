/**
 * The fault matrix: the bundled action, run like the runner, against the local Multitudes API
 * and a fake GitHub API that misbehave in scripted ways, under each `on-error` mode.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import {
  startFakeGitHub,
  type FakeGitHubOptions
} from '../dev/fake-github-api.ts'
import { startMultitudesServer, type Fault } from '../dev/multitudes-server.ts'
import { runLikeRunner, type RunnerOptions } from '../dev/run-action.ts'
import { pushEvent } from '../__fixtures__/events.js'
import { removeTestRepos, TestRepo } from '../__fixtures__/git-repo.js'

afterAll(removeTestRepos)

const repo = TestRepo.init()
const before = repo.commit('live')
repo.commits(2, 'shipped')
const MODES = ['fail', 'warn', 'warn-on-outage'] as const

/** What a fault means for the step: fine after retries, an outage, or a mistake to fix. */
type Kind = 'recovers' | 'outage' | 'user-error'
const HEADLINE: Record<Kind, string> = {
  recovers: '✅ Reported',
  outage: '❌ Not reported',
  'user-error': '❌ Not reported'
}
/** A failed step annotates its failure as an error; one that passes, as a warning. */
const LEVEL: Record<string, string> = { 0: 'warning', 1: 'error' }
const EXIT: Record<Kind, Record<(typeof MODES)[number], number>> = {
  recovers: { fail: 0, warn: 0, 'warn-on-outage': 0 },
  outage: { fail: 1, warn: 0, 'warn-on-outage': 0 },
  'user-error': { fail: 1, warn: 0, 'warn-on-outage': 1 }
}

const html = '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>'
const always = (fault: Fault): Fault[] => [fault, fault]

/** A fault, what it means for the step, the status output, and the POSTs the server receives. */
const MULTITUDES: [string, Fault[], Kind, string, number][] = [
  [
    '5xx on every attempt',
    always({ kind: 'status', status: 503 }),
    'outage',
    '503',
    2
  ],
  ['5xx then 201', [{ kind: 'status', status: 500 }], 'recovers', '201', 2],
  [
    '429 with Retry-After in seconds',
    [{ kind: 'retry-after', value: '1' }],
    'recovers',
    '201',
    2
  ],
  [
    '429 with Retry-After as an HTTP date',
    [{ kind: 'retry-after', value: new Date(Date.now() + 1000).toUTCString() }],
    'recovers',
    '201',
    2
  ],
  // A 201 is the answer even when its body breaks or stalls: recorded, never POSTed again.
  [
    'a 201 whose body breaks mid-response',
    [{ kind: 'reset-mid-body' }],
    'recovers',
    '201',
    1
  ],
  ['a 201 whose body trickles', [{ kind: 'trickle' }], 'recovers', '201', 1],
  // Nothing stored: the record says so, and the same body goes again.
  [
    'a dropped connection on every attempt',
    always({ kind: 'drop' }),
    'outage',
    '',
    2
  ],
  // The server stores the POST and answers late: the record shows it, so it is not sent again.
  [
    'a response slower than timeout-seconds',
    [{ kind: 'delay', ms: 2500 }],
    'recovers',
    '',
    1
  ],
  [
    'a response always slower than timeout-seconds',
    always({ kind: 'delay', ms: 2500 }),
    'recovers',
    '',
    1
  ],
  [
    'a 201 whose body is not JSON',
    [{ kind: 'status', status: 201, body: 'Created successfully' }],
    'recovers',
    '201',
    1
  ],
  [
    'an HTML error page',
    always({
      kind: 'status',
      status: 502,
      body: html,
      headers: { 'Content-Type': 'text/html' }
    }),
    'outage',
    '502',
    2
  ],
  [
    'a huge body',
    always({ kind: 'status', status: 500, body: 'x'.repeat(5_000_000) }),
    'outage',
    '500',
    2
  ],
  [
    '400',
    [
      {
        kind: 'status',
        status: 400,
        body: '{"errors":[{"field":"commitSha","message":"bad"}]}'
      }
    ],
    'user-error',
    '400',
    1
  ],
  ['401', [{ kind: 'status', status: 401 }], 'user-error', '401', 1],
  ['403', [{ kind: 'status', status: 403 }], 'user-error', '403', 1],
  ['404', [{ kind: 'status', status: 404 }], 'user-error', '404', 1],
  ['413', [{ kind: 'status', status: 413 }], 'user-error', '413', 1]
]

async function run(
  mode: string,
  faults: Fault[],
  github: FakeGitHubOptions = {},
  inputs: Record<string, string> = {},
  runner: Pick<RunnerOptions, 'env' | 'nodeArgs'> = {}
) {
  const api = await startMultitudesServer({ faults })
  const gh = await startFakeGitHub(github)
  try {
    const result = await runLikeRunner({
      workspace: repo.dir,
      eventName: 'push',
      sha: repo.head(),
      event: pushEvent(before, repo.head()),
      inputs: {
        environment: 'production',
        'api-key': 'mtd_demo_key',
        'api-url': api.url,
        'on-error': mode,
        'max-attempts': '2',
        'timeout-seconds': '1',
        ...inputs
      },
      env: { GITHUB_API_URL: gh.url, ...runner.env },
      nodeArgs: runner.nodeArgs
    })
    return { ...result, api, gh }
  } finally {
    await Promise.all([api.close(), gh.close()])
  }
}

const cases = MULTITUDES.flatMap(([name, faults, kind, status, posts]) =>
  MODES.map((mode) => [name, mode, faults, kind, status, posts] as const)
)

describe('Multitudes API faults', () => {
  it.concurrent.each(cases)(
    '%s, on-error %s',
    async (_name, mode, faults, kind, status, posts) => {
      const { exitCode, outputs, summary, stdout, api } = await run(
        mode,
        faults
      )

      expect(exitCode).toBe(EXIT[kind][mode])
      expect(outputs.reported).toBe(String(kind === 'recovers'))
      expect(outputs.status).toBe(status)
      expect(outputs['response'].length).toBeLessThanOrEqual(64 * 1024)
      // Sent again only when the record showed it absent; never a shifted deployedAt.
      expect(api.posts()).toBe(posts)
      expect(api.received.length).toBe(Number(kind === 'recovers'))
      for (const d of api.deployments)
        expect(d.deployedAt).toBe(outputs['deployed-at'])
      const level = LEVEL[String(exitCode)]
      expect(summary).toContain(HEADLINE[kind])
      // The failure itself is annotated; a recovered run only warns of retries or of a body
      // that did not arrive whole.
      const failure = new RegExp(
        `^::${level}::(?!Attempt|The 201 answer's body)`,
        'm'
      )
      expect(failure.test(stdout)).toBe(kind !== 'recovers')
    }
  )

  it.concurrent('connection refused, on every mode', async () => {
    for (const mode of MODES) {
      const { exitCode, outputs } = await run(
        mode,
        [],
        {},
        { 'api-url': 'http://127.0.0.1:9/deployment' }
      )
      expect([mode, exitCode]).toEqual([mode, EXIT.outage[mode]])
      expect(outputs).toMatchObject({ reported: 'false', status: '' })
    }
  })
})

describe('GitHub API faults (strategy previous-deployment)', () => {
  const live = {
    id: 1,
    sha: before,
    environment: 'production',
    statuses: [{ state: 'success' }]
  }

  it.concurrent('a 5xx is retried', async () => {
    const { exitCode, outputs } = await run(
      'fail',
      [],
      {
        deployments: [live],
        faults: [{ path: /deployments$/, status: 502 }]
      },
      { strategy: 'previous-deployment' }
    )

    expect(exitCode).toBe(0)
    expect(outputs).toMatchObject({
      'base-source': 'previous-deployment',
      'commit-count': '2'
    })
  })

  it.concurrent('a secondary rate limit is waited out once', async () => {
    const { exitCode, outputs, gh } = await run(
      'fail',
      [],
      {
        deployments: [live],
        faults: [
          {
            path: /deployments$/,
            status: 403,
            body: {
              message:
                'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.'
            },
            headers: { 'retry-after': '1' }
          }
        ]
      },
      { strategy: 'previous-deployment' }
    )

    expect(exitCode).toBe(0)
    expect(outputs['base-source']).toBe('previous-deployment')
    // The exact-name listing is retried once; the case-variant scan of every
    // environment follows it once.
    const listings = gh.requests.filter((r) => r.includes('/deployments?'))
    expect(listings.filter((r) => r.includes('environment='))).toHaveLength(2)
    expect(listings.filter((r) => !r.includes('environment='))).toHaveLength(1)
  })

  it.concurrent.each(MODES)(
    'a 403 for a missing permission names it (on-error %s)',
    async (mode) => {
      const { exitCode, stdout, api } = await run(
        mode,
        [],
        {
          faults: [
            {
              path: /deployments$/,
              status: 403,
              body: { message: 'Resource not accessible by integration' }
            }
          ]
        },
        { strategy: 'previous-deployment' }
      )

      expect(exitCode).toBe(EXIT['user-error'][mode])
      expect(stdout).toContain('deployments: read')
      expect(api.posts()).toBe(0)
    }
  )

  it.concurrent.each(MODES)(
    'a GitHub answer that trickles times out on every attempt, and on-error %s judges the outage',
    async (mode) => {
      const trickle = {
        path: /deployments$/,
        status: 200,
        stream: 'trickle' as const
      }
      const { exitCode, stdout, api, gh } = await run(
        mode,
        [],
        { deployments: [live], faults: [trickle, trickle] },
        { strategy: 'previous-deployment' }
      )

      expect(exitCode).toBe(EXIT.outage[mode])
      expect(stdout).toContain('GitHub API list deployments failed: 127.0.0.1:')
      expect(stdout).toContain('answer did not finish within 1 s (2 attempts)')
      expect(
        gh.requests.filter((r) => r.includes('/deployments?'))
      ).toHaveLength(2)
      expect(api.posts()).toBe(0)
    }
  )

  it.concurrent(
    'a 200 MB GitHub page is not read past the body cap',
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'peak-'))
      const peakFile = path.join(dir, 'peak')
      const { exitCode, stdout, api, gh } = await run(
        'fail',
        [],
        {
          deployments: [live],
          faults: [{ path: /deployments$/, status: 200, stream: 'huge' }]
        },
        { strategy: 'previous-deployment' },
        {
          nodeArgs: ['--import', path.resolve('dev/peak-rss.mjs')],
          env: { PEAK_RSS_FILE: peakFile }
        }
      )

      expect(exitCode).toBe(1)
      expect(stdout).toContain('sent an answer larger than 16 MiB')
      // Not retried: the same request gets the same answer.
      expect(
        gh.requests.filter((r) => r.includes('/deployments?'))
      ).toHaveLength(1)
      expect(gh.streamed()).toBeLessThan(64 * 1024 * 1024)
      expect(Number(readFileSync(peakFile, 'utf8')) / 1024).toBeLessThan(300)
      expect(api.posts()).toBe(0)
    }
  )

  it.concurrent(
    'a 404 from compare (no common history) sends head only, as unavailable',
    async () => {
      const { exitCode, outputs } = await run(
        'fail',
        [],
        // The base exists, but GitHub cannot compare it with head.
        { compare: () => undefined, commits: ['e'.repeat(40)] },
        {
          'commit-source': 'api',
          base: 'e'.repeat(40)
        }
      )

      expect(exitCode).toBe(0)
      expect(outputs).toMatchObject({
        'range-status': 'unavailable',
        'commit-count': '1',
        reported: 'true'
      })
    }
  )
})
