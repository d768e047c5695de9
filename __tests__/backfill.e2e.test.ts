/**
 * `multitudes-deployment-action backfill`, the bundled CLI, against the local API, a fake GitHub
 * API serving published example payloads, and real git. Every source is held to the same rules:
 * the plan, the window, the first-deployment rule, rollbacks, idempotent re-runs, a run killed
 * half-way, a dry run that sends nothing and the --json shape.
 */
import { afterAll, afterEach, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import {
  chmodSync,
  mkdirSync,
  readdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { assertDistFresh } from '../dev/source-hash.ts'
import {
  startFakeGitHub,
  type FakeGitHub,
  type FakeGitHubOptions
} from '../dev/fake-github-api.ts'
import {
  startMultitudesServer,
  type MultitudesServer,
  type ServerOptions
} from '../dev/multitudes-server.ts'
import { ACTION_DIR } from '../dev/run-action.ts'
import { removeTestRepos, TestRepo } from '../__fixtures__/git-repo.js'
import { cliMode, runCli } from '../__fixtures__/run-cli.js'
import { evaluate, readWorkflow } from '../__fixtures__/workflows.js'

// In process, the source runs, not the bundle (and Stryker's sandbox has mutated the source).
if (!cliMode.inProcess) assertDistFresh()
afterAll(removeTestRepos)
const servers: { close(): Promise<void> }[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

/**
 * v1 (lightweight), v2 and v3 (annotated), then v2.1: a rollback to below v3. rc3 sits between
 * v2 and v3, and `failed` is a commit whose deployment failed.
 */
function history() {
  const repo = TestRepo.init()
  const c1 = repo.commit('one')
  repo.git('tag', 'v1')
  repo.commits(2, 'two')
  const c2 = repo.head()
  repo.git('tag', '-a', 'v2', '-m', 'release 2')
  const failed = repo.commit('three 1')
  repo.git('tag', 'rc3')
  repo.commits(2, 'three more')
  const c3 = repo.head()
  repo.git('tag', '-a', 'v3', '-m', 'release 3')
  repo.git('tag', '-a', 'v2.1', '-m', 'rollback', c2)
  const tagTimes = ['v1', 'v2', 'v3', 'v2.1'].map((tag) =>
    new Date(
      repo.git(
        'for-each-ref',
        '--format=%(if)%(taggerdate)%(then)%(taggerdate:iso-strict)%(else)%(committerdate:iso-strict)%(end)',
        `refs/tags/${tag}`
      )
    ).toISOString()
  )
  return { repo, c1, c2, c3, failed, tagTimes }
}
type History = ReturnType<typeof history>

/** When the GitHub sources say the four deployments happened: a week apart. */
const T = [5, 12, 19, 26].map((day) =>
  new Date(Date.UTC(2026, 0, day, 10)).toISOString()
)
const shift = (time: string, minutes: number): string =>
  new Date(Date.parse(time) + minutes * 60_000).toISOString()

/** A source: its flags, the GitHub it reads, and the four deployments it yields, oldest first. */
interface Scenario {
  source: string
  flags: string[]
  github?: (h: History) => FakeGitHubOptions
  times: (h: History) => string[]
  labels: string[]
}

const SCENARIOS: Scenario[] = [
  {
    source: 'tags',
    flags: ['--tag-pattern', 'v*'],
    times: (h) => h.tagTimes,
    labels: ['tag v1', 'tag v2', 'tag v3', 'tag v2.1']
  },
  {
    source: 'releases',
    flags: [],
    // Newest first, as GitHub lists them; a prerelease and a draft are not deployments.
    github: () => ({
      releases: [
        { tag_name: 'v2.1', published_at: T[3] },
        { tag_name: 'v4', published_at: null, draft: true },
        { tag_name: 'v3', published_at: T[2] },
        {
          tag_name: 'rc3',
          published_at: shift(T[2], -600),
          prerelease: true
        },
        { tag_name: 'v2', published_at: T[1] },
        { tag_name: 'v1', published_at: T[0] }
      ]
    }),
    times: () => T,
    labels: ['release v1', 'release v2', 'release v3', 'release v2.1']
  },
  {
    source: 'deployments',
    flags: [],
    // A staging deployment and a failed one are not production deployments that went live.
    github: (h) => ({
      deployments: [
        deployment(6, h.c2, 'production', T[3], [
          'inactive',
          'success',
          'in_progress'
        ]),
        deployment(5, h.c3, 'production', T[2], ['inactive', 'success']),
        deployment(4, h.c3, 'staging', shift(T[2], -60), ['success']),
        deployment(3, h.failed, 'production', shift(T[1], 600), ['failure']),
        deployment(2, h.c2, 'production', T[1], ['inactive', 'success']),
        deployment(1, h.c1, 'production', T[0], [
          'inactive',
          'success',
          'queued'
        ])
      ]
    }),
    times: () => T,
    labels: ['deployment #1', 'deployment #2', 'deployment #5', 'deployment #6']
  },
  {
    source: 'workflow-runs',
    flags: ['--workflow', 'deploy.yml'],
    // A failed run, a run on another branch and a run of another workflow do not count.
    github: (h) => ({
      defaultBranch: 'main',
      workflowRuns: [
        run(101, h.c1, T[0]),
        run(102, h.c2, T[1]),
        { ...run(103, h.failed, shift(T[1], 600)), conclusion: 'failure' },
        { ...run(104, h.failed, shift(T[1], 700)), head_branch: 'feature' },
        { ...run(105, h.failed, shift(T[1], 800)), workflow: 'test.yml' },
        run(106, h.c3, T[2]),
        run(107, h.c2, T[3])
      ]
    }),
    times: () => T,
    labels: [
      'run #101 (101)',
      'run #102 (102)',
      'run #106 (106)',
      'run #107 (107)'
    ]
  }
]

/** A deployment whose statuses (newest first) are a minute apart; the success is at `time`. */
function deployment(
  id: number,
  sha: string,
  environment: string,
  time: string,
  states: string[]
): NonNullable<FakeGitHubOptions['deployments']>[number] {
  const at = states.indexOf('success')
  return {
    id,
    sha,
    environment,
    created_at: shift(time, -states.length - 1),
    statuses: states.map((state, i) => ({
      state,
      created_at: shift(time, (at < 0 ? 0 : at) - i)
    }))
  }
}

function run(id: number, sha: string, updatedAt: string) {
  return {
    id,
    workflow: 'deploy.yml',
    head_sha: sha,
    head_branch: 'main',
    conclusion: 'success',
    created_at: shift(updatedAt, -5),
    updated_at: updatedAt
  }
}

function cli(dir: string, args: string[], env: Record<string, string> = {}) {
  if (cliMode.inProcess)
    return {
      child: undefined,
      done: runCli(['backfill', ...args], dir, { HOME: dir, ...env })
    }
  const child = spawn(
    process.execPath,
    [path.join(ACTION_DIR, 'dist/cli/index.js'), 'backfill', ...args],
    {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: dir, ...env },
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
  const done = new Promise<number | null>((resolve) =>
    child.on('close', resolve)
  )
  return { child, done: done.then((code) => ({ code, stdout, stderr })) }
}

/** One source's backfill, wired to its fake GitHub and the local API. */
interface Setup {
  h: History
  server: MultitudesServer
  github: FakeGitHub | undefined
  times: string[]
  /** Starts the CLI with the source's flags, a state file beside the clone, and `args`. */
  start: (
    args?: string[],
    env?: Record<string, string>
  ) => ReturnType<typeof cli>
  backfill: (
    args?: string[],
    env?: Record<string, string>
  ) => ReturnType<typeof cli>['done']
}

/** `args` without the flags (and their values) that `given` names. */
function without(args: string[], given: string[]): string[] {
  const names = new Set(given.filter((a) => a.startsWith('--')))
  return args.filter(
    (a, i) => !names.has(a) && !(names.has(args[i - 1]) && !a.startsWith('--'))
  )
}

async function setup(
  scenario: Scenario,
  h = history(),
  api: ServerOptions | MultitudesServer = {}
): Promise<Setup> {
  let server: MultitudesServer
  if ('url' in api) server = api
  else {
    server = await startMultitudesServer(api)
    servers.push(server)
  }
  let github: FakeGitHub | undefined
  if (scenario.github) {
    github = await startFakeGitHub(scenario.github(h))
    servers.push(github)
  }
  const base = [
    '--environment',
    'production',
    '--source',
    scenario.source,
    ...scenario.flags,
    '--state-file',
    path.join(h.repo.dir, '..', 'state.jsonl'),
    '--api-url',
    server.url,
    ...(github ? ['--github-api-url', github.url] : [])
  ]
  const env = {
    MULTITUDES_API_KEY: 'mtd_demo_key',
    GITHUB_TOKEN: 'ghs_fake_token',
    GITHUB_REPOSITORY: 'octo-org/octo-repo'
  }
  // A flag the test gives replaces the setup's own: a flag given twice is a usage error.
  const start = (args: string[] = [], more: Record<string, string> = {}) =>
    cli(h.repo.dir, [...without(base, args), ...args], { ...env, ...more })
  return {
    h,
    server,
    github,
    times: scenario.times(h),
    start,
    backfill: (args, more) => start(args, more).done
  }
}

interface Json {
  planned: number
  posted: number
  skipped: number
  failed: number
  deployments: Record<string, unknown>[]
}

describe.each(SCENARIOS)('backfill --source $source', (scenario) => {
  it('--dry-run prints the plan as a table and sends nothing', async () => {
    const { h, server, github, backfill } = await setup(scenario)

    const { code, stdout } = await backfill(['--dry-run'])

    expect(code).toBe(0)
    const lines = stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^date\s+head\s+base\s+commits\s+range\s+source$/)
    const row = (
      head: string,
      base: string,
      n: number,
      range: string,
      i: number
    ) =>
      new RegExp(
        `${head.slice(0, 12)}\\s+${base}\\s+${n}\\s+${range}\\s+${scenario.labels[i].replace(/[.()#]/g, '\\$&')}$`
      )
    expect(lines[1]).toMatch(row(h.c1, '\\(none\\)', 1, 'first', 0))
    expect(lines[2]).toMatch(row(h.c2, h.c1.slice(0, 12), 2, 'ahead', 1))
    expect(lines[3]).toMatch(row(h.c3, h.c2.slice(0, 12), 3, 'ahead', 2))
    expect(lines[4]).toMatch(row(h.c2, h.c3.slice(0, 12), 1, 'behind', 3))
    expect(lines[5]).toBe('backfill: 4 planned, 0 posted, 0 skipped, 0 failed')
    expect(server.requests).toHaveLength(0)
    // The GitHub sources read GitHub; only the Multitudes API must see nothing.
    expect(github?.requests.length).not.toBe(0)
  })

  it('posts oldest first, each with its own commits and time; a re-run posts nothing', async () => {
    const { h, server, times, backfill } = await setup(scenario)

    const first = await backfill()
    const requestsAfterFirst = server.requests.length
    const again = await backfill()

    expect(first.code).toBe(0)
    expect(first.stdout).toContain(
      'backfill: 4 planned, 4 posted, 0 skipped, 0 failed'
    )
    expect(server.deployments.map((d) => [d.commitSha, d.deployedAt])).toEqual([
      [[h.c1], times[0]],
      [h.repo.revList(`${h.c1}..${h.c2}`), times[1]],
      [h.repo.revList(`${h.c2}..${h.c3}`), times[2]],
      [[h.c2], times[3]]
    ])
    expect(again.code).toBe(0)
    expect(again.stdout).toContain(
      'backfill: 4 planned, 0 posted, 4 skipped, 0 failed'
    )
    // The re-run sent nothing at all: the state file held every one.
    expect(server.posts()).toBe(4)
    expect(server.requests).toHaveLength(requestsAfterFirst)
    expect(server.deployments).toHaveLength(4)
  })

  it('--since: the first deployment in the window takes the one before it as base (--json)', async () => {
    const { h, times, server, backfill } = await setup(scenario)

    const { code, stdout } = await backfill([
      '--dry-run',
      '--json',
      '--since',
      times[1]
    ])

    expect(code).toBe(0)
    const json = JSON.parse(stdout) as Json
    expect(Object.keys(json)).toEqual([
      'planned',
      'posted',
      'skipped',
      'failed',
      'deployments'
    ])
    expect(json).toMatchObject({ planned: 3, posted: 0, skipped: 0, failed: 0 })
    expect(json.deployments[0]).toEqual({
      head: h.c2,
      base: h.c1,
      commitCount: 2,
      rangeStatus: 'ahead',
      deployedAt: times[1],
      source: scenario.labels[1],
      status: 'planned'
    })
    expect(json.deployments.map((d) => d.source)).toEqual(
      scenario.labels.slice(1)
    )
    expect(server.requests).toHaveLength(0)
  })

  it('--until leaves later deployments out; the first ever has no base', async () => {
    const { h, times, backfill } = await setup(scenario)

    const { stdout } = await backfill([
      '--dry-run',
      '--json',
      '--until',
      times[1]
    ])

    const json = JSON.parse(stdout) as Json
    expect(json.planned).toBe(2)
    expect(json.deployments[0]).toMatchObject({
      head: h.c1,
      base: null,
      commitCount: 1,
      rangeStatus: 'first'
    })
  })

  it('a bare --until date takes in that whole day; a bare --since date starts at its midnight', async () => {
    const { times, backfill } = await setup(scenario)
    const day = times[1].slice(0, 10)
    const onOrBefore = times.filter((t) => t.slice(0, 10) <= day).length

    const until = await backfill(['--dry-run', '--json', '--until', day])
    const since = await backfill(['--dry-run', '--json', '--since', day])

    expect((JSON.parse(until.stdout) as Json).planned).toBe(onOrBefore)
    expect((JSON.parse(since.stdout) as Json).planned).toBe(
      times.filter((t) => t.slice(0, 10) >= day).length
    )
  })

  // A signal to the CLI's process: the bundle's run only (in process, the CLI is this process).
  if (!cliMode.inProcess) {
    it('a run killed half-way and started again ends with each deployment posted once', async () => {
      const { h, server, times, start, backfill } = await setup(scenario)

      const run = start(['--rate', '1'])
      while (server.deployments.length < 2)
        await new Promise((r) => setTimeout(r, 20))
      run.child?.kill('SIGKILL')
      await run.done
      const before = server.posts()
      const resumed = await backfill()

      expect(before).toBeLessThan(4)
      expect(resumed.code).toBe(0)
      expect(server.deployments).toHaveLength(4)
      expect(server.posts()).toBe(4)
      const state = path.join(h.repo.dir, '..', 'state.jsonl')
      expect(readFileSync(state, 'utf8').trim().split('\n')).toHaveLength(4)
      // What the state file or the record held was skipped without a POST: a deployment whose
      // state line the kill cut off is found in Multitudes' record, and never sent twice.
      const [, posted, skipped] =
        /4 planned, (\d) posted, (\d) skipped, 0 failed/
          .exec(resumed.stdout)!
          .map(Number)
      expect(posted + skipped).toBe(4)
      expect(skipped).toBe(before)
      expect(server.posts()).toBe(4)
      expect(server.received.map((d) => d.deployedAt)).toEqual(times)
    })
  }
})

describe.each(SCENARIOS)(
  'backfill --source $source: exactly once',
  (scenario) => {
    const stateOf = (h: History): string =>
      path.join(h.repo.dir, '..', 'state.jsonl')
    const keysIn = (file: string): string[] =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line) => {
          try {
            return [(JSON.parse(line) as { key: string }).key]
          } catch {
            return [] // a cut line
          }
        })

    it('a try-out against another API, or an --is-test run, leaves the real run everything to send', async () => {
      const h = history()
      const trial = await startMultitudesServer()
      servers.push(trial)
      const tryOut = await setup(scenario, h, trial)
      const real = await setup(scenario, h, {})

      expect((await tryOut.backfill()).code).toBe(0)
      expect((await real.backfill(['--is-test'])).code).toBe(0)
      const run = await real.backfill()

      expect(run.code).toBe(0)
      expect(run.stdout).toContain('4 planned, 4 posted, 0 skipped, 0 failed')
      expect(trial.posts()).toBe(4)
      expect(real.server.posts()).toBe(8)
      expect(real.server.received.map((d) => d.isTest)).toEqual([
        ...Array<boolean>(4).fill(true),
        ...Array<boolean>(4).fill(false)
      ])
    })

    it('a lost state file re-posts nothing: Multitudes’ record holds every deployment', async () => {
      const { h, server, times, backfill } = await setup(scenario)
      await backfill()
      rmSync(stateOf(h))

      const again = await backfill()

      expect(again.code).toBe(0)
      expect(again.stdout).toContain('4 planned, 0 posted, 4 skipped, 0 failed')
      expect(server.posts()).toBe(4)
      expect(server.received.map((d) => d.deployedAt)).toEqual(times)
      // The state file is rebuilt from the record, so the next run needs no request at all.
      expect(keysIn(stateOf(h))).toHaveLength(4)
      const requests = server.requests.length
      await backfill()
      expect(server.requests).toHaveLength(requests)
    })

    it('a cut state line costs only itself, and the line after it is kept', async () => {
      const { h, server, backfill } = await setup(scenario)
      await backfill()
      const lines = readFileSync(stateOf(h), 'utf8').trim().split('\n')
      // A kill mid-write: the second line is cut, with no newline after it.
      writeFileSync(stateOf(h), `${lines[0]}\n${lines[1].slice(0, 20)}`)

      const again = await backfill()
      const third = await backfill()

      expect(again.stdout).toContain('4 planned, 0 posted, 4 skipped, 0 failed')
      expect(third.stdout).toContain('4 planned, 0 posted, 4 skipped, 0 failed')
      expect(server.posts()).toBe(4)
      // The cut line is passed over; every deployment has a whole line again.
      expect(new Set(keysIn(stateOf(h)))).toEqual(
        new Set(lines.map((l) => (JSON.parse(l) as { key: string }).key))
      )
    })

    it('a state file that cannot be written stops before the first POST', async () => {
      const { h, server, backfill } = await setup(scenario)
      const blocker = path.join(h.repo.dir, '..', 'not-a-folder')
      writeFileSync(blocker, '')

      const run = await backfill([
        '--state-file',
        path.join(blocker, 'state.jsonl')
      ])

      expect(run.code).toBe(1)
      expect(run.stderr).toMatch(
        /The state file .*not-a-folder.* cannot be written/
      )
      expect(run.stderr).toContain('Nothing was sent.')
      expect(server.posts()).toBe(0)
    })

    it('two backfills on one state file at once post each deployment once', async () => {
      const { server, times, start, backfill } = await setup(scenario)

      const [a, b] = await Promise.all([start().done, start().done])
      const after = await backfill()

      // Whichever came second either found the lock taken (exit 1, nothing sent) or, when the
      // first had finished, the state holding everything.
      expect([a.code, b.code]).toContain(0)
      const refused = [a, b].filter((x) => x.code !== 0)
      expect(
        refused.every((r) =>
          /Another backfill \(process \d+\) is using this state file/.test(
            r.stderr
          )
        )
      ).toBe(true)
      expect(after.stdout).toContain('0 posted')
      expect(server.posts()).toBe(4)
      expect(server.received.map((d) => d.deployedAt)).toEqual(times)
    })

    // A signal to the CLI's process: the bundle's run only (in process, the CLI is this process).
    if (!cliMode.inProcess) {
      it('Ctrl-C during a POST: the POST is settled and recorded, a tally, exit 130; the same command resumes', async () => {
        // The second POST is stored at once and answered 1.5 s later: the signal lands mid-request.
        const h = history()
        const { server, times, start, backfill } = await setup(scenario, h, {
          faults: [
            { kind: 'delay', ms: 0 },
            { kind: 'delay', ms: 1500 }
          ]
        })

        const run = start(['--rate', '100'])
        while (server.posts() < 2) await new Promise((r) => setTimeout(r, 10))
        run.child?.kill('SIGINT')
        const stopped = await run.done
        const recorded = keysIn(stateOf(h))
        const resumed = await backfill()

        expect(stopped.code).toBe(130)
        expect(stopped.stdout).toContain(
          '4 planned, 2 posted, 0 skipped, 0 failed'
        )
        expect(stopped.stderr).toContain('Run the same command again to resume')
        expect(recorded).toHaveLength(2)
        expect(resumed.code).toBe(0)
        expect(resumed.stdout).toContain(
          '4 planned, 2 posted, 2 skipped, 0 failed'
        )
        expect(server.posts()).toBe(4)
        expect(server.received.map((d) => d.deployedAt)).toEqual(times)
      })
    }

    it('--record-check false sends no GET: the state file alone decides', async () => {
      const { h, server, backfill } = await setup(scenario)

      const first = await backfill(['--record-check', 'false'])
      rmSync(stateOf(h))
      const again = await backfill(['--record-check', 'false'])

      expect(first.code).toBe(0)
      expect(again.stdout).toContain('4 planned, 4 posted, 0 skipped, 0 failed')
      expect(server.requests.every((r) => r.method === 'POST')).toBe(true)
      expect(server.posts()).toBe(8)
    })

    if (scenario.source === 'workflow-runs') {
      it('a run touched later (a re-run of one job: a new attempt, a new updated_at) is not posted again', async () => {
        const h = history()
        const { server, backfill } = await setup(scenario, h)
        await backfill()
        const touched: Scenario = {
          ...scenario,
          github: (hh) => {
            const options = scenario.github!(hh)
            return {
              ...options,
              workflowRuns: options.workflowRuns?.map((r) => ({
                ...r,
                updated_at: shift(r.updated_at, 30),
                run_attempt: 2
              }))
            }
          }
        }
        const later = await setup(touched, h, server)

        const again = await later.backfill()

        expect(again.code).toBe(0)
        expect(again.stdout).toContain('0 posted, 4 skipped')
        expect(server.posts()).toBe(4)
      })
    }
  }
)

/** A deployment to production from id 5 on names it "Production". */
const capitalFrom5 = <T extends { environment: string; id: number }>(
  d: T
): T =>
  d.environment === 'production' && d.id >= 5
    ? { ...d, environment: 'Production' }
    : d

describe('backfill stops', () => {
  const [tags, releases] = SCENARIOS

  it('keeps its default state file outside the clone, and a re-run resumes from it', async () => {
    const h = history()
    const server = await startMultitudesServer()
    servers.push(server)
    const stateHome = mkdtempSync(path.join(tmpdir(), 'xdg-state-'))
    const args = [
      '--environment',
      'production',
      '--source',
      'tags',
      '--tag-pattern',
      'v*',
      '--api-url',
      server.url
    ]
    const env = {
      MULTITUDES_API_KEY: 'mtd_demo_key',
      GITHUB_REPOSITORY: 'octo-org/octo-repo',
      XDG_STATE_HOME: stateHome
    }

    const first = await cli(h.repo.dir, args, env).done
    const posted = server.posts()
    // No Multitudes record read: only the state file can tell the re-run what was sent.
    const again = await cli(
      h.repo.dir,
      [...args, '--record-check', 'false'],
      env
    ).done

    expect(first.code).toBe(0)
    expect(posted).toBeGreaterThan(1)
    expect(h.repo.git('status', '--porcelain', '--ignored')).toBe('')
    expect(
      readdirSync(path.join(stateHome, 'multitudes-deployment-action'))
    ).toEqual([
      expect.stringMatching(
        /^backfill-octo-org_octo-repo-production-[0-9a-f]{8}\.jsonl$/
      )
    ])
    expect(again.code).toBe(0)
    expect(again.stdout).toContain(`0 posted, ${posted} skipped`)
    expect(server.posts()).toBe(posted)
  })

  it('when the tag pattern or the window selects nothing, and names it', async () => {
    const { backfill, server } = await setup(tags)

    const none = await backfill(['--tag-pattern', 'release-*'])
    const outside = await backfill([
      '--since',
      '2001-01-01',
      '--until',
      '2001-12-31'
    ])

    expect(none.code).toBe(1)
    expect(none.stderr).toContain(
      'Backfill failed: --tag-pattern "release-*" matches no tag in the clone. Nothing was sent.'
    )
    expect(outside.code).toBe(1)
    expect(outside.stderr).toMatch(
      /Backfill failed: --since 2001-01-01T00:00:00\.000Z --until 2001-12-31T23:59:59\.999Z selects none of the \d+ deployments found\. Nothing was sent\./
    )
    expect(server.posts()).toBe(0)
  })

  it('at the first error a user must fix, and says where', async () => {
    const { backfill, server } = await setup(tags, history(), {
      keys: { mtd_read_only_key: ['deployments:read'] }
    })

    const { code, stdout, stderr } = await backfill([], {
      MULTITUDES_API_KEY: 'mtd_read_only_key'
    })

    expect(code).toBe(1)
    expect(stdout).toContain(
      'backfill: 4 planned, 0 posted, 0 skipped, 1 failed'
    )
    expect(stderr).toMatch(
      /Backfill stopped at tag v1 \(.*\): The API key may not report deployments \(403 Forbidden\)/
    )
    expect(server.posts()).toBe(1)
  })

  it('at an answer that quotes the key back, which is redacted in every line and in --json', async () => {
    const quote = `Authorization: Bearer mtd_demo_key ${JSON.stringify({ key: 'mtd_demo_key' })}`
    for (const flags of [[], ['--json']]) {
      const { backfill, server } = await setup(tags, history(), {
        faults: [{ kind: 'status', status: 400, body: quote }]
      })

      const { code, stdout, stderr } = await backfill(flags)

      expect(code).toBe(1)
      expect(server.posts()).toBe(1)
      expect(stdout + stderr).toContain('***')
      expect(stdout + stderr).not.toContain('mtd_demo_key')
    }
  })

  it('at a deployment dated in the future, which the live run refuses too: nothing sent', async () => {
    const h = history()
    h.repo.gitAt('4070908800 +0000', 'tag', '-a', 'v9', '-m', 'in 2099')
    const { backfill, server } = await setup(tags, h)

    const { code, stderr } = await backfill(['--until', '2099-12-31'])

    expect(code).toBe(1)
    expect(stderr).toMatch(
      /1 deployment is dated in the future: tag v9 \(2099-01-01T00:00:00\.000Z\)\. Expected a time that has passed .*Nothing was sent\..*--until/
    )
    expect(server.requests).toHaveLength(0)

    // Ended before it, the window is planned as usual.
    const before = await backfill(['--dry-run', '--until', '2098-12-31'])
    expect(before.code).toBe(0)
    expect(before.stdout).not.toContain('tag v9')
  })

  it.each([
    [tags, ['--since', 'last week'], {}, `Invalid --since: "last week"`],
    [
      tags,
      ['--workflow', 'deploy.yml'],
      {},
      '--workflow applies only to --source workflow-runs, not tags.'
    ],
    [
      releases,
      ['--tag-pattern', 'v*'],
      {},
      '--tag-pattern applies only to --source tags, not releases.'
    ],
    [
      releases,
      [],
      { GITHUB_TOKEN: '' },
      '--github-token is required with the GitHub sources'
    ],
    [
      releases,
      ['--repository', 'not a repo'],
      {},
      `Invalid --repository: "not a repo"`
    ],
    [
      releases,
      ['--source', 'workflow-runs', '--workflow', 'deploy.yml; rm -rf /'],
      {},
      `Invalid --workflow: "deploy.yml; rm -rf /"`
    ]
  ])(
    'before anything is sent on a bad flag: %#',
    async (scenario, args, env, message) => {
      const { backfill, server, github } = await setup(scenario)

      const { code, stdout, stderr } = await backfill(args, env)

      expect(code).toBe(2)
      expect(stdout).toBe('')
      expect(stderr).toContain(message)
      expect(server.requests).toHaveLength(0)
      expect([undefined, 0]).toContain(github?.requests.length)
    }
  )
})

describe('backfill sources: tags of tags, and two tags on one commit', () => {
  /** v1 on c1; v2 a tag of the tag inner-2 on c2, as `git tag -a v2 inner-2` makes it. */
  function nested() {
    const repo = TestRepo.init()
    const c1 = repo.commit('one')
    repo.git('tag', '-a', 'v1', '-m', 'release 1')
    const c2 = repo.commit('two')
    repo.git('tag', '-a', 'inner-2', '-m', 'inner')
    repo.git(
      '-c',
      'advice.nestedTag=false',
      'tag',
      '-a',
      'v2',
      '-m',
      'release 2',
      'inner-2'
    )
    return { repo, c1, c2 } as unknown as History
  }
  const [tags, releases] = SCENARIOS

  it.each([
    ['tags', tags],
    [
      'releases',
      {
        ...releases,
        github: () => ({
          releases: [
            { tag_name: 'v2', published_at: T[1] },
            { tag_name: 'v1', published_at: T[0] }
          ]
        })
      }
    ]
  ])(
    '%s: a tag of a tag is a deployment of its commit, on the git this CI has',
    async (_name, scenario) => {
      const h = nested()
      const { backfill } = await setup(scenario, h)

      const { code, stdout } = await backfill(['--dry-run', '--json'])

      expect(code).toBe(0)
      const json = JSON.parse(stdout) as Json
      expect(json.deployments.map((d) => d.head)).toEqual([h.c1, h.c2])
      expect(json.deployments[1]).toMatchObject({ base: h.c1, commitCount: 1 })
    }
  )
})

describe('backfill across a maintenance branch', () => {
  /** v1.0 and v1.1 on main; v1.0.1 on a branch from v1.0, tagged after v1.1; then v1.2 on main. */
  function lines() {
    const repo = TestRepo.init()
    const v10 = repo.commit('one')
    repo.git('tag', 'v1.0')
    const main1 = repo.commit('main work')
    repo.git('tag', 'v1.1')
    const tip = repo.git('rev-parse', '--abbrev-ref', 'HEAD').trim()
    repo.git('checkout', '-q', '-b', 'maint', v10)
    const fix = repo.commit('fix on maint')
    repo.git('tag', 'v1.0.1')
    repo.git('checkout', '-q', tip)
    const main2 = repo.commit('more main')
    repo.git('tag', 'v1.2')
    return { repo, v10, main1, fix, main2 } as unknown as History &
      Record<'v10' | 'main1' | 'fix' | 'main2', string>
  }
  const [tags] = SCENARIOS

  it('tags: the release after a maintenance tag sends only its own commits, never the earlier release’s again', async () => {
    const h = lines()
    const { server, backfill } = await setup(tags, h)

    const { code, stdout, stderr } = await backfill(['--json'])

    expect(code).toBe(0)
    const json = JSON.parse(stdout) as Json
    expect(
      json.deployments.map((d) => [d.source, d.base, d.rangeStatus])
    ).toEqual([
      ['tag v1.0', null, 'first'],
      ['tag v1.1', h.v10, 'ahead'],
      ['tag v1.0.1', h.v10, 'ahead'],
      ['tag v1.2', h.main1, 'ahead']
    ])
    // Each commit is sent once, with the deployment that shipped it first.
    expect(server.received.map((d) => d.commitSha)).toEqual([
      [h.v10],
      [h.main1],
      [h.fix],
      [h.main2]
    ])
    expect(stderr).toContain(
      'tag v1.2: tag v1.0.1 before it is on another line of history; its base is tag v1.1, the newest earlier deployment it contains'
    )
  })

  it('tags: with no earlier deployment on its line, a diverged one is sent with a warning that says so', async () => {
    const repo = TestRepo.init()
    const root = repo.commit('root')
    repo.commit('main')
    repo.git('tag', 'v1.0')
    repo.git('checkout', '-q', '-b', 'old', root)
    const fix = repo.commit('fix for the old line')
    repo.git('tag', 'v0.9.1')
    const { backfill } = await setup(tags, { repo } as unknown as History)

    const { stdout, stderr } = await backfill(['--dry-run', '--json'])

    const json = JSON.parse(stdout) as Json
    expect(json.deployments[1]).toMatchObject({
      source: 'tag v0.9.1',
      head: fix,
      rangeStatus: 'diverged',
      commitCount: 1
    })
    expect(stderr).toContain(
      'tag v0.9.1: tag v1.0 before it is on another line of history, and no earlier deployment is on this one: every commit since the two lines split is sent'
    )
  })
})

describe('backfill sources: two matching tags on one commit are one deployment', () => {
  function twoTags() {
    const repo = TestRepo.init()
    const c1 = repo.commit('one')
    repo.git('tag', 'v1')
    const c2 = repo.commit('two')
    repo.git('tag', '-a', 'v1.2.0-rc.1', '-m', 'candidate')
    repo.git('tag', '-a', 'v1.2.0', '-m', 'release') // a minute later, same commit
    repo.git('tag', '-f', 'v1', c2) // v1 moved beside it
    const c3 = repo.commit('three')
    repo.git('tag', 'v1.3.0')
    return { repo, c1, c2, c3 } as unknown as History & { c3: string }
  }
  const [tags, releases] = SCENARIOS

  it.each([
    // A lightweight tag is dated by its commit: the moved v1 is the earliest.
    ['tags', tags, 'tag v1 (alias: tag v1.2.0-rc.1, tag v1.2.0)'],
    [
      'releases',
      {
        ...releases,
        github: () => ({
          releases: [
            { tag_name: 'v1.3.0', published_at: T[3] },
            { tag_name: 'v1.2.0', published_at: T[2] },
            { tag_name: 'v1.2.0-rc.1', published_at: T[1], prerelease: true },
            { tag_name: 'v1', published_at: shift(T[2], 60) }
          ]
        }),
        flags: ['--include-prereleases']
      },
      'release v1.2.0-rc.1 (alias: release v1.2.0, release v1)'
    ]
  ])(
    '%s: the earliest wins, the others are named as aliases',
    async (_name, scenario, first) => {
      const h = twoTags()
      const { backfill } = await setup(scenario, h)

      const { code, stdout } = await backfill(['--dry-run', '--json'])

      expect(code).toBe(0)
      const json = JSON.parse(stdout) as Json
      expect(json.deployments.map((d) => [d.source, d.head])).toEqual([
        [first, h.c2],
        [`${first.split(' ')[0]} v1.3.0`, h.c3]
      ])
      expect(json.deployments[1]).toMatchObject({ base: h.c2, commitCount: 1 })
    }
  )
})

describe('backfill from GitHub', () => {
  const [, releases, deployments, runs] = SCENARIOS

  it('releases: --include-prereleases counts a prerelease as a deployment', async () => {
    const { h, backfill } = await setup(releases)

    const { stdout } = await backfill([
      '--dry-run',
      '--json',
      '--include-prereleases'
    ])

    const json = JSON.parse(stdout) as Json
    expect(json.deployments.map((d) => [d.source, d.commitCount])).toEqual([
      ['release v1', 1],
      ['release v2', 2],
      ['release rc3', 1],
      ['release v3', 2],
      ['release v2.1', 1]
    ])
    expect(json.deployments[2].head).toBe(h.failed)
  })

  it('releases: a release whose tag the checkout lacks stops the run before anything is sent', async () => {
    const h = history()
    h.repo.git('tag', '-d', 'v2')
    const { server, backfill } = await setup(releases, h)

    const { code, stderr } = await backfill()

    expect(code).toBe(1)
    expect(stderr).toContain(
      '1 release names a tag the checkout does not have: v2. Nothing was sent. Fetch the tags'
    )
    expect(server.requests).toHaveLength(0)
  })

  it.each([
    ['a lightweight tag', [] as string[]],
    ['an annotated tag', ['-a', '-m', 'moved']]
  ])(
    'releases: %s moved to a commit made after the release was published stops the run',
    async (_kind, how) => {
      const h = history()
      // v2 was published at T[1]; its tag now names a fix committed a week later.
      h.repo.gitAt(
        `${Math.floor(Date.parse(T[1]) / 1000) + 7 * 86_400} +0000`,
        'commit',
        '-q',
        '--allow-empty',
        '-m',
        'hotfix'
      )
      h.repo.git('tag', '-f', ...how, 'v2')
      const { server, backfill } = await setup(releases, h)

      const { code, stderr } = await backfill()

      expect(code).toBe(1)
      expect(stderr).toContain(
        `1 release names a commit made after it was published, so the tag moved since: v2 (published ${T[1]}, its commit dated 2026-01-19T10:00:00+00:00). What shipped at published_at is unknown; nothing was sent.`
      )
      expect(server.requests).toHaveLength(0)
    }
  )

  it('releases: a commit dated a little after publishing (clock skew) is still the release', async () => {
    const h = history()
    h.repo.gitAt(
      `${Math.floor(Date.parse(T[1]) / 1000) + 240} +0000`,
      'commit',
      '-q',
      '--allow-empty',
      '-m',
      'committed on a fast clock'
    )
    h.repo.git('tag', '-f', 'v2')
    const { backfill } = await setup(releases, h)

    const { code } = await backfill(['--dry-run'])

    expect(code).toBe(0)
  })

  it('deployments: every case of the name is one environment (old production, newer Production)', async () => {
    const { h, backfill } = await setup({
      ...deployments,
      github: (x) => ({
        deployments: deployments.github!(x).deployments!.map(capitalFrom5)
      })
    })

    const { stdout } = await backfill(['--dry-run', '--json'])

    const json = JSON.parse(stdout) as Json
    expect(json.deployments.map((d) => [d.source, d.head])).toEqual([
      ['deployment #1', h.c1],
      ['deployment #2', h.c2],
      ['deployment #5', h.c3],
      ['deployment #6', h.c2]
    ])
  })

  it('deployments: a head the checkout lacks is sent alone, with a warning', async () => {
    const gone = 'f'.repeat(40)
    const { backfill } = await setup({
      ...deployments,
      github: (x) => ({
        deployments: [
          deployment(7, gone, 'production', shift(T[3], 60), ['success']),
          ...deployments.github!(x).deployments!
        ]
      })
    })

    const { stdout, stderr } = await backfill(['--dry-run', '--json'])

    const json = JSON.parse(stdout) as Json
    expect(json.deployments.at(-1)).toMatchObject({
      head: gone,
      commitCount: 1,
      rangeStatus: 'unavailable',
      source: 'deployment #7'
    })
    expect(stderr).toContain(
      `deployment #7: head ${gone} is not in the checkout`
    )
  })

  it("workflow-runs: --branch picks the branch; the default is the repository's", async () => {
    const { github, backfill } = await setup(runs)

    const main = await backfill(['--dry-run', '--json'])
    const feature = await backfill([
      '--dry-run',
      '--json',
      '--branch',
      'feature'
    ])

    expect((JSON.parse(main.stdout) as Json).planned).toBe(4)
    expect(
      (JSON.parse(feature.stdout) as Json).deployments.map((d) => d.source)
    ).toEqual(['run #104 (104)'])
    expect(github?.requests).toContain('GET /repos/octo-org/octo-repo')
    expect(
      github?.requests.filter((r) =>
        r.includes('/actions/workflows/deploy.yml/runs')
      )
    ).toEqual([
      'GET /repos/octo-org/octo-repo/actions/workflows/deploy.yml/runs?branch=main&status=success&per_page=100&page=1',
      'GET /repos/octo-org/octo-repo/actions/workflows/deploy.yml/runs?branch=feature&status=success&per_page=100&page=1'
    ])
  })

  it('a GitHub error stops the run before anything is sent, naming the token flag', async () => {
    const { server, backfill } = await setup({
      ...deployments,
      github: () => ({
        faults: [
          {
            path: /\/deployments$/,
            status: 403,
            body: { message: 'Resource not accessible by integration' }
          }
        ]
      })
    })

    const { code, stderr } = await backfill()

    expect(code).toBe(1)
    expect(stderr).toContain('GitHub API list deployments failed (403)')
    expect(stderr).toContain('pass --github-token with that access')
    expect(stderr).not.toContain('ghs_fake_token')
    expect(server.requests).toHaveLength(0)
  })
})

// The workflows run the bundle through bash: with the bundle's run only.
if (!cliMode.inProcess) {
  describe('.github/workflows/backfill.yml', () => {
    const wf = readWorkflow('.github/workflows/backfill.yml')
    const steps = wf.jobs.backfill.steps
    const defaults = Object.fromEntries(
      Object.entries(wf.on.workflow_dispatch.inputs ?? {}).map(
        ([name, input]) => [
          `inputs.${name}`,
          String(input.default as string | boolean)
        ]
      )
    )

    /** The Backfill and summary steps' scripts, run by bash as the runner runs them. */
    async function runWorkflow(inputs: Record<string, string>) {
      const { h, server, github } = await setup(SCENARIOS[3])
      const temp = mkdtempSync(path.join(tmpdir(), 'runner-temp-'))
      // `npx --yes multitudes-deployment-action@1` runs this bundle, pointed at the local API.
      const bin = path.join(temp, 'bin')
      mkdirSync(bin)
      const shim = path.join(bin, 'npx')
      writeFileSync(
        shim,
        [
          '#!/bin/sh',
          '[ "$1" = --yes ] || { echo "npx without --yes would prompt in CI" >&2; exit 127; }',
          'case "$2" in multitudes-deployment-action@1) shift 2 ;; *) echo "unexpected package $2" >&2; exit 127 ;; esac',
          `exec "${process.execPath}" "${path.join(ACTION_DIR, 'dist/cli/index.js')}" "$@" --api-url "${server.url}"`,
          ''
        ].join('\n')
      )
      chmodSync(shim, 0o755)
      const summary = path.join(temp, 'summary.md')
      const values = {
        ...defaults,
        ...Object.fromEntries(
          Object.entries(inputs).map(([k, v]) => [`inputs.${k}`, v])
        ),
        'secrets.MULTITUDES_API_KEY': 'mtd_demo_key',
        'github.token': 'ghs_fake_token'
      }
      const results = []
      for (const step of steps.filter((s) => s.run !== undefined)) {
        const result = await new Promise<{ code: number | null; out: string }>(
          (resolve) => {
            const child = spawn('bash', ['-e', '-c', step.run ?? ''], {
              cwd: h.repo.dir,
              env: {
                PATH: `${bin}:${process.env.PATH ?? ''}`,
                HOME: h.repo.dir,
                RUNNER_TEMP: temp,
                GITHUB_STEP_SUMMARY: summary,
                GITHUB_REPOSITORY: 'octo-org/octo-repo',
                GITHUB_API_URL: github?.url ?? '',
                ...evaluate(step.env ?? {}, values)
              }
            })
            let out = ''
            child.stdout.on('data', (c: Buffer) => (out += c.toString()))
            child.stderr.on('data', (c: Buffer) => (out += c.toString()))
            child.on('close', (code) => resolve({ code, out }))
          }
        )
        results.push(result)
      }
      return { h, server, results, summary: readFileSync(summary, 'utf8') }
    }

    it('plans by default (dry run) and writes the plan to the job summary', async () => {
      const { server, results, summary } = await runWorkflow({})

      expect(results.map((r) => r.code)).toEqual([0, 0])
      expect(summary).toContain('run #107 (107)')
      expect(summary).toContain(
        'backfill: 4 planned, 0 posted, 0 skipped, 0 failed'
      )
      expect(server.requests).toHaveLength(0)
    })

    it('with dry-run false posts the history and keeps the state file', async () => {
      const { server, results, summary } = await runWorkflow({
        'dry-run': 'false',
        since: T[1].slice(0, 10)
      })

      expect(results.map((r) => r.code)).toEqual([0, 0])
      expect(summary).toContain(
        'backfill: 3 planned, 3 posted, 0 skipped, 0 failed'
      )
      expect(server.deployments).toHaveLength(3)
      expect(server.posts()).toBe(3)
      const keep = steps.find((s) => s.name === 'Keep the state file')
      expect(keep?.with?.path).toBe('${{ runner.temp }}/backfill-state.jsonl')
    })
  })

  describe('docs/examples/backfill-organisation.yml', () => {
    const wf = readWorkflow('docs/examples/backfill-organisation.yml')
    const steps = Object.values(wf.jobs)[0].steps

    it('writes the job summary in a step of its own that runs even when the backfill fails', () => {
      const writers = steps.filter((s) =>
        s.run?.includes('GITHUB_STEP_SUMMARY')
      )
      const backfill = steps.find((s) => s.run?.includes(' backfill '))

      expect(writers).toHaveLength(1)
      expect(writers[0].if).toMatch(/^always\(\)/)
      expect(backfill?.run).toContain(
        'npx --yes multitudes-deployment-action@1 backfill'
      )
      expect(backfill?.if).toBeUndefined()
    })

    it('is the workflow the README shows', () => {
      const example = readFileSync(
        path.join(ACTION_DIR, 'docs/examples/backfill-organisation.yml'),
        'utf8'
      )
      const readme = readFileSync(path.join(ACTION_DIR, 'README.md'), 'utf8')
      const jobs = example.slice(example.indexOf('jobs:'))

      expect(readme).toContain(jobs.trimEnd())
    })
  })
}
