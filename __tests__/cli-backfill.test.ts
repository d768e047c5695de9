/**
 * The backfill command in process (`backfillCommand`, `readSource`, `nothingSelected`): what it
 * prints and returns for each way a run ends, against the local API, a fake GitHub and real git.
 * backfill.e2e.test.ts holds the sources' rules through the bundle; these cases are small enough
 * for mutation testing to run them per mutant.
 */
import { afterAll, afterEach, describe, expect, it, jest } from '@jest/globals'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  startFakeGitHub,
  type FakeGitHubOptions
} from '../dev/fake-github-api.ts'
import {
  startMultitudesServer,
  type ServerOptions
} from '../dev/multitudes-server.ts'
import { withEnv } from '../__fixtures__/action-env.js'
import { removeTestRepos, TestRepo } from '../__fixtures__/git-repo.js'
import { readCommandLine } from '../src/cli/args.js'
import { backfillCommand } from '../src/cli/backfill.js'
import { parseOptions } from '../src/cli/backfill-options.js'
import { nothingSelected } from '../src/cli/backfill-read.js'
import { ACTION_NAME } from '../src/version.js'

afterAll(removeTestRepos)
const servers: { close(): Promise<void> }[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

/** Three releases, a week apart: v1, v2 and v3, each one commit after the last. */
const repo = TestRepo.init()
const heads = ['v1', 'v2', 'v3'].map((tag, i) => {
  const sha = repo.commit(`change ${i + 1}`)
  repo.git('tag', tag)
  return sha
})
const TAGS = ['--source', 'tags', '--tag-pattern', 'v*']
const KEY = { MULTITUDES_API_KEY: 'mtd_demo_key' }
const WEEKS = ['2026-01-05', '2026-01-12', '2026-01-19'].map(
  (day) => `${day}T10:00:00.000Z`
)

interface Run {
  code: number
  out: string[]
  err: string[]
  log: string[]
}

interface BackfillPlace {
  /** Sees each log line as it is written (to interrupt a run at a known point). */
  onLog?: (line: string) => void
  /** The clone; the test repository unless given. */
  dir?: string
  /** The state file; a new one in a temporary folder unless given. */
  state?: string
}

/** `backfill` on the test repository with its own state file. */
async function backfill(
  argv: string[],
  env: NodeJS.ProcessEnv = {},
  {
    onLog = () => undefined,
    dir = repo.dir,
    state = path.join(mkdtempSync(path.join(tmpdir(), 'state-')), 'state')
  }: BackfillPlace = {}
): Promise<Run & { state: string }> {
  const run: Run = { code: -1, out: [], err: [], log: [] }
  run.code = await backfillCommand(
    [
      '--environment',
      'production',
      '--working-directory',
      dir,
      '--state-file',
      state,
      ...argv
    ],
    env,
    { out: (t) => run.out.push(t), err: (t) => run.err.push(t) },
    (line) => {
      run.log.push(line)
      onLog(line)
    }
  )
  return { ...run, state }
}

/** A backfill of the tags, with the key, to a local API of its own. */
async function posting(
  argv: string[] = [],
  options: ServerOptions = {},
  place: BackfillPlace = {}
) {
  const server = await api(options)
  const run = await backfill(
    [...TAGS, '--api-url', server.url, ...argv],
    KEY,
    place
  )
  return { ...run, server }
}

async function api(options: ServerOptions = {}) {
  const server = await startMultitudesServer(options)
  servers.push(server)
  return server
}

async function github(options: FakeGitHubOptions) {
  const fake = await startFakeGitHub(options)
  servers.push(fake)
  return {
    fake,
    flags: [
      '--dry-run',
      '--repository',
      'octo-org/octo-repo',
      '--github-token',
      'ghs_test',
      '--github-api-url',
      fake.url
    ]
  }
}

/** The transport reads the proxy variables from the process's environment on each request. */
const PROXY = { HTTPS_PROXY: 'socks5://proxy.example:1080' }

/** Sends `signal` to this process once `server` has a POST; returns what stops the watch. */
function signalOnFirstPost(
  server: { posts(): number },
  signal: NodeJS.Signals,
  times = 1
): () => void {
  const poll = setInterval(() => {
    if (server.posts() === 0) return
    clearInterval(poll)
    for (let i = 0; i < times; i++) process.emit(signal, signal)
  }, 5)
  return () => clearInterval(poll)
}

const getUrls = (server: { requests: { method: string; url: string }[] }) =>
  server.requests.filter((r) => r.method === 'GET').map((r) => r.url)

/** The one line a run refused for PROXY writes, with what to do. */
const proxyRefused = (host: string) =>
  `Backfill failed: HTTPS_PROXY names a socks5 proxy (socks5://proxy.example:1080); only http:// and https:// proxies are supported, so ${host} cannot be reached through it. Set HTTPS_PROXY to an HTTP proxy (http://host:port), or add ${host} to NO_PROXY; nothing was sent.`

describe('backfill: the command line', () => {
  it('--help prints the backfill help and exits 0', async () => {
    const r = await backfill(['--help'])

    expect(r.code).toBe(0)
    expect(r.out.join('\n')).toMatch(
      new RegExp(`^Usage: ${ACTION_NAME} backfill`)
    )
    expect(r.log).toEqual([])
  })

  it('a word without a flag is a usage error naming it: exit 2, nothing read', async () => {
    const r = await backfill([...TAGS, 'now', 'please'])

    expect(r.code).toBe(2)
    expect(r.err.join('\n')).toContain(
      `'backfill' takes flags only, but "now" "please" was given.`
    )
    expect(r.err.join('\n')).toContain(`Run '${ACTION_NAME} backfill --help'`)
    expect(r.out).toEqual([])
  })
})

describe('backfill: a run', () => {
  it('--dry-run without a key plans: the table and the tally, exit 0', async () => {
    const r = await backfill([...TAGS, '--dry-run'])

    expect(r.code).toBe(0)
    expect(r.out).toHaveLength(2)
    expect(r.out[0]).toContain('tag v3')
    expect(r.out[1]).toBe('backfill: 3 planned, 0 posted, 0 skipped, 0 failed')
  })

  it('posts each deployment once, oldest first, and --json prints only the result', async () => {
    const r = await posting(['--json'])

    expect(r.code).toBe(0)
    expect(r.out).toHaveLength(1)
    const json = JSON.parse(r.out[0]) as Record<string, unknown>
    expect(json).toMatchObject({ planned: 3, posted: 3, failed: 0 })
    expect(json).not.toHaveProperty('stopped')
    expect(r.server.posts()).toBe(3)
    expect(r.server.received.map((d) => d.commitSha[0])).toEqual(heads)
    expect(getUrls(r.server)).not.toEqual([])
    expect(getUrls(r.server)).toEqual(
      getUrls(r.server).map(() => expect.stringContaining('includeTests=false'))
    )
    expect(r.log.filter((line) => line.startsWith('Backfill'))).toEqual([])
    expect(readFileSync(r.state, 'utf8').trim().split('\n')).toHaveLength(3)
  })

  it('--is-test reads the record with the test deployments, and marks what it sends', async () => {
    const r = await posting(['--is-test'])

    expect(r.code).toBe(0)
    expect(r.server.received.map((d) => d.isTest)).toEqual([true, true, true])
    expect(getUrls(r.server)).toEqual(
      getUrls(r.server).map(() => expect.stringContaining('includeTests=true'))
    )
  })

  it('a record it cannot read is a warning in its log, and the run goes on', async () => {
    const r = await posting([], {
      faults: [{ on: 'get', kind: 'status', status: 403, body: '{}' }]
    })

    expect(r.code).toBe(0)
    expect(r.server.posts()).toBe(3)
    expect(r.log).toContainEqual(
      expect.stringMatching(/^Multitudes' record could not be read/)
    )
  })

  it('spaces its POSTs by --rate', async () => {
    const started = Date.now()

    // Three POSTs at 4 a second: two waits of 250 ms at least between them.
    const r = await posting(['--rate', '4', '--record-check', 'false'])

    expect(r.server.posts()).toBe(3)
    expect(Date.now() - started).toBeGreaterThanOrEqual(500)
  })

  it('--record-check false reads no record: POSTs only', async () => {
    const r = await posting(['--record-check', 'false'])

    expect(r.code).toBe(0)
    expect(r.server.posts()).toBe(3)
    expect(getUrls(r.server)).toEqual([])
  })

  it('--dry-run with a key reads and sends nothing', async () => {
    const r = await posting(['--dry-run'])

    expect(r.code).toBe(0)
    expect(r.out.at(-1)).toBe(
      'backfill: 3 planned, 0 posted, 0 skipped, 0 failed'
    )
    expect(r.server.requests).toEqual([])
  })

  it.each([['fail'], ['warn']])(
    'stops at an answer a user must fix (--on-error %s): exit 1, the stop named, nothing after it sent',
    async (onError) => {
      const r = await posting(['--on-error', onError], {
        faults: [{ kind: 'status', status: 400, body: '{"message":"bad"}' }]
      })

      expect(r.code).toBe(1)
      expect(r.server.posts()).toBe(1)
      expect(r.out.at(-1)).toBe(
        'backfill: 3 planned, 0 posted, 0 skipped, 1 failed'
      )
      expect(r.log.at(-1)).toMatch(/^Backfill stopped at tag v1 \(/)
    }
  )

  it('a state file it cannot write stops the run before any POST, with what to do', async () => {
    const r = await posting([], {}, { state: '/dev/null/state' })

    expect(r.code).toBe(1)
    expect(r.log).toEqual([
      expect.stringMatching(
        /^Backfill failed: The state file \/dev\/null\/state cannot be written: .* Nothing was sent\. Pass --state-file with a path in a writable folder\.$/
      )
    ])
    expect(r.server.posts()).toBe(0)
  })

  it('a folder that is no git clone is said, with what to do, before GitHub is read', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'no-clone-'))
    const { fake, flags } = await github({
      releases: [{ tag_name: 'v1', published_at: WEEKS[0] }]
    })
    const expected = [
      `Backfill failed: There is no git clone in ${folder}. Nothing was sent. Run the backfill in a clone of the repository, or point --working-directory at one.`
    ]

    const tags = await backfill(['--dry-run', ...TAGS], {}, { dir: folder })
    const releases = await backfill(
      ['--source', 'releases', ...flags],
      {},
      {
        dir: folder
      }
    )

    expect(tags).toMatchObject({ code: 1, log: expected, out: [] })
    expect(releases).toMatchObject({ code: 1, log: expected, out: [] })
    expect(fake.requests).toEqual([])
  })

  it('without git on PATH says so, not that the folder is no clone', async () => {
    const r = await withEnv(
      { PATH: mkdtempSync(path.join(tmpdir(), 'no-git-')) },
      () => backfill(['--dry-run', ...TAGS])
    )

    expect(r).toMatchObject({
      code: 1,
      log: [
        'Backfill failed: git is not installed on this runner (not found on PATH).'
      ]
    })
  })

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143]
  ] as const)(
    '%s during the run: the POST in flight settles, the rest waits for the next run, exit %d',
    async (signal, exit) => {
      // The first POST is stored at once and answered 300 ms later: the signal comes meanwhile.
      const server = await api({ faults: [{ kind: 'delay', ms: 300 }] })
      const listening = process.listenerCount(signal)
      const stop = signalOnFirstPost(server, signal)

      const r = await backfill(
        [...TAGS, '--api-url', server.url, '--record-check', 'false'],
        KEY
      ).finally(stop)

      expect(r.code).toBe(exit)
      expect(server.posts()).toBe(1)
      expect(r.out.at(-1)).toBe(
        'backfill: 3 planned, 1 posted, 0 skipped, 0 failed'
      )
      expect(r.log).toContain(`Backfill interrupted by ${signal} before tag v2`)
      expect(r.log).toContain(
        `${signal}: stopping once the request in flight is settled and recorded in the state file.`
      )
      expect(r.log.at(-1)).toBe(
        "Run the same command again to resume: what was recorded is skipped (state file and Multitudes' record)."
      )
      expect(process.listenerCount(signal)).toBe(listening)
    }
  )

  it('a second signal does not wait: the process exits at once, 130', async () => {
    const server = await api({ faults: [{ kind: 'delay', ms: 300 }] })
    const exit = jest
      .spyOn(process, 'exit')
      .mockImplementation(() => undefined as never)
    const stop = signalOnFirstPost(server, 'SIGINT', 2)

    try {
      await backfill([...TAGS, '--api-url', server.url], KEY).finally(stop)
      expect(exit.mock.calls).toEqual([[130]])
    } finally {
      exit.mockRestore()
    }
  })

  it('a proxy it cannot use stops a run that would send, before any request', async () => {
    // Not on loopback, so the proxy applies; the check refuses it before any connection.
    const url = ['--api-url', 'https://multitudes.example']

    const [sending, planning] = await withEnv(PROXY, () =>
      Promise.all([
        backfill([...TAGS, ...url], KEY),
        backfill([...TAGS, ...url, '--dry-run'])
      ])
    )

    expect(sending.code).toBe(1)
    expect(sending.log).toEqual([proxyRefused('multitudes.example')])
    expect(sending.out).toEqual([])
    expect(planning.code).toBe(0)
  })

  it('names what selected nothing: the tag pattern, or the window', async () => {
    const none = await backfill([
      '--source',
      'tags',
      '--tag-pattern',
      'x*',
      '--dry-run'
    ])
    const window = await backfill([
      ...TAGS,
      '--since',
      '1999-01-01',
      '--until',
      '2000-01-01',
      '--dry-run'
    ])

    expect(none.code).toBe(1)
    expect(none.log).toEqual([
      'Backfill failed: --tag-pattern "x*" matches no tag in the clone. Nothing was sent.'
    ])
    expect(window.code).toBe(1)
    expect(window.log).toEqual([
      'Backfill failed: --since 1999-01-01T00:00:00.000Z --until 2000-01-01T23:59:59.999Z selects none of the 3 deployments found. Nothing was sent.'
    ])
  })
})

describe('backfill: the GitHub sources', () => {
  it('releases: read from GitHub, planned against the clone', async () => {
    const { flags } = await github({
      releases: [
        { tag_name: 'v3', published_at: WEEKS[2] },
        { tag_name: 'v2', published_at: WEEKS[1], prerelease: true },
        { tag_name: 'v1', published_at: WEEKS[0] }
      ]
    })

    const plain = await backfill(['--source', 'releases', '--json', ...flags])
    const all = await backfill([
      '--source',
      'releases',
      '--include-prereleases',
      '--json',
      ...flags
    ])

    expect(JSON.parse(plain.out[0])).toMatchObject({ planned: 2 })
    expect(JSON.parse(all.out[0])).toMatchObject({ planned: 3 })
  })

  it('deployments: the successful ones to the environment', async () => {
    const { flags } = await github({
      deployments: heads.map((sha, i) => ({
        id: i + 1,
        sha,
        environment: ['production', 'staging', 'production'][i],
        created_at: WEEKS[i],
        statuses: [{ state: 'success', created_at: WEEKS[i] }]
      }))
    })

    const r = await backfill(['--source', 'deployments', '--json', ...flags])
    const before = await backfill([
      '--source',
      'deployments',
      '--until',
      '2026-01-18',
      '--json',
      ...flags
    ])

    const heads_ = (run: Run) =>
      (
        JSON.parse(run.out[0]) as { deployments: { head: string }[] }
      ).deployments.map((d) => d.head)
    expect(heads_(r)).toEqual([heads[0], heads[2]])
    expect(heads_(before)).toEqual([heads[0]])
  })

  it('a token GitHub refuses stops the run, naming --github-token', async () => {
    const { flags } = await github({
      faults: [
        {
          path: /\/releases$/,
          status: 401,
          body: { message: 'Bad credentials' }
        }
      ]
    })

    const r = await backfill(['--source', 'releases', ...flags])

    expect(r.code).toBe(1)
    expect(r.log.at(-1)).toMatch(/^Backfill failed: .*--github-token/)
  })

  it("workflow-runs: the repository's default branch unless --branch says", async () => {
    const run = (id: number, branch: string) => ({
      id,
      workflow: 'deploy.yml',
      head_sha: heads[id - 1],
      head_branch: branch,
      conclusion: 'success',
      created_at: WEEKS[id - 1],
      updated_at: WEEKS[id - 1]
    })
    const { fake, flags } = await github({
      defaultBranch: 'trunk',
      workflowRuns: [run(1, 'trunk'), run(2, 'trunk'), run(3, 'feature')]
    })
    const runs = ['--source', 'workflow-runs', '--workflow', 'deploy.yml']

    const trunk = await backfill([...runs, '--json', ...flags])
    const feature = await backfill([
      ...runs,
      '--branch',
      'feature',
      '--json',
      ...flags
    ])

    expect(JSON.parse(trunk.out[0])).toMatchObject({ planned: 2 })
    expect(JSON.parse(feature.out[0])).toMatchObject({ planned: 1 })
    expect(fake.requests.filter((r) => r.includes('/runs?'))).toEqual([
      expect.stringContaining('branch=trunk&'),
      expect.stringContaining('branch=feature&')
    ])
  })

  it('a proxy it cannot use for GitHub stops the run before any request', async () => {
    // Not on loopback, so the proxy applies; the check refuses it before any connection.
    const r = await withEnv(PROXY, () =>
      backfill([
        '--source',
        'releases',
        '--dry-run',
        '--repository',
        'octo-org/octo-repo',
        '--github-token',
        'ghs_test',
        '--github-api-url',
        'https://github.example/api/v3'
      ])
    )

    expect(r.code).toBe(1)
    expect(r.log).toEqual([proxyRefused('github.example')])
  })
})

describe('nothingSelected', () => {
  const GITHUB = { GITHUB_REPOSITORY: 'octo-org/octo-repo', GITHUB_TOKEN: 't' }
  const options = (argv: string[]) =>
    parseOptions(
      readCommandLine(
        ['--environment', 'production', '--dry-run', ...argv],
        'backfill'
      ).values,
      GITHUB
    )

  it.each([
    [
      ['--source', 'releases'],
      'octo-org/octo-repo has no published release (prereleases are left out without --include-prereleases). Nothing was sent.'
    ],
    [
      ['--source', 'releases', '--include-prereleases'],
      'octo-org/octo-repo has no published release. Nothing was sent.'
    ],
    [
      ['--source', 'deployments'],
      'octo-org/octo-repo has no successful GitHub deployment to "production". Nothing was sent.'
    ],
    [
      ['--source', 'workflow-runs', '--workflow', 'deploy.yml'],
      '--workflow "deploy.yml" has no successful run. Nothing was sent.'
    ],
    [
      ['--source', 'workflow-runs', '--workflow', 'd.yml', '--branch', 'b'],
      '--workflow "d.yml" has no successful run on --branch "b". Nothing was sent.'
    ]
  ])('%j with nothing found: %s', (argv, text) => {
    expect(nothingSelected(options(argv), 0)).toBe(text)
  })

  it('counts what the window left out, naming only the bounds given', () => {
    expect(
      nothingSelected(options([...TAGS, '--until', '2000-01-01']), 1)
    ).toBe(
      '--until 2000-01-01T23:59:59.999Z selects none of the 1 deployment found. Nothing was sent.'
    )
    expect(
      nothingSelected(options([...TAGS, '--since', '2100-01-01']), 2)
    ).toBe(
      '--since 2100-01-01T00:00:00.000Z selects none of the 2 deployments found. Nothing was sent.'
    )
  })
})
