/**
 * `multitudes-deployment-action backfill`, the bundled CLI, against the local API and real git:
 * the plan, the window, the first-deployment rule, rollbacks, idempotent re-runs and a run
 * killed half-way.
 */
import { afterAll, afterEach, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { assertDistFresh } from '../dev/source-hash.ts'
import {
  startMultitudesServer,
  type MultitudesServer
} from '../dev/multitudes-server.ts'
import { ACTION_DIR } from '../dev/run-action.ts'
import { removeTestRepos, TestRepo } from '../__fixtures__/git-repo.js'

assertDistFresh()
afterAll(removeTestRepos)
const servers: MultitudesServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

/** v1 (lightweight), v2 and v3 (annotated), then v2.1: a rollback to below v3. */
function history() {
  const repo = TestRepo.init()
  const c1 = repo.commit('one')
  repo.git('tag', 'v1')
  repo.commits(2, 'two')
  const c2 = repo.head()
  repo.git('tag', '-a', 'v2', '-m', 'release 2')
  repo.commits(3, 'three')
  const c3 = repo.head()
  repo.git('tag', '-a', 'v3', '-m', 'release 3')
  repo.git('tag', '-a', 'v2.1', '-m', 'rollback', c2)
  const times = Object.fromEntries(
    ['v1', 'v2', 'v3', 'v2.1'].map((tag) => [
      tag,
      new Date(
        repo.git(
          'for-each-ref',
          '--format=%(if)%(taggerdate)%(then)%(taggerdate:iso-strict)%(else)%(committerdate:iso-strict)%(end)',
          `refs/tags/${tag}`
        )
      ).toISOString()
    ])
  )
  return { repo, c1, c2, c3, times }
}

function cli(dir: string, args: string[], env: Record<string, string> = {}) {
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

/** The flags every test gives: production, release tags, a state file beside the clone. */
function flags(
  dir: string,
  server?: MultitudesServer,
  state?: string
): string[] {
  return [
    '--environment',
    'production',
    '--source',
    'tags',
    '--tag-pattern',
    'v*',
    '--state-file',
    state ?? path.join(dir, '..', 'state.jsonl'),
    ...(server ? ['--api-url', server.url] : [])
  ]
}

async function backfill(
  dir: string,
  args: string[],
  server?: MultitudesServer
) {
  return cli(dir, [...flags(dir, server), ...args], {
    MULTITUDES_API_KEY: 'mtd_demo_key'
  }).done
}

async function api(): Promise<MultitudesServer> {
  const server = await startMultitudesServer()
  servers.push(server)
  return server
}

describe('backfill from tags', () => {
  it('--dry-run prints the plan as a table and sends nothing', async () => {
    const { repo, c1, c2 } = history()
    const server = await api()

    const { code, stdout } = await backfill(repo.dir, ['--dry-run'], server)

    expect(code).toBe(0)
    const lines = stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^date\s+head\s+base\s+commits\s+range\s+source$/)
    expect(lines[1]).toMatch(
      new RegExp(`${c1.slice(0, 12)}\\s+\\(none\\)\\s+1\\s+first\\s+tag v1$`)
    )
    expect(lines[2]).toMatch(
      new RegExp(
        `${c2.slice(0, 12)}\\s+${c1.slice(0, 12)}\\s+2\\s+ahead\\s+tag v2$`
      )
    )
    expect(lines[4]).toMatch(/\s+1\s+behind\s+tag v2\.1$/)
    expect(lines[5]).toBe('backfill: 4 planned, 0 posted, 0 skipped, 0 failed')
    expect(server.requests).toHaveLength(0)
  })

  it('posts oldest first, each with its own commits and time, and a re-run posts nothing', async () => {
    const { repo, c1, c2, c3, times } = history()
    const server = await api()

    const first = await backfill(repo.dir, [], server)
    const again = await backfill(repo.dir, [], server)

    expect(first.code).toBe(0)
    expect(first.stdout).toContain(
      'backfill: 4 planned, 4 posted, 0 skipped, 0 failed'
    )
    expect(server.deployments.map((d) => [d.commitSha, d.deployedAt])).toEqual([
      [[c1], times.v1],
      [repo.revList(`${c1}..${c2}`), times.v2],
      [repo.revList(`${c2}..${c3}`), times.v3],
      [[c2], times['v2.1']]
    ])
    expect(again.stdout).toContain(
      'backfill: 4 planned, 0 posted, 4 skipped, 0 failed'
    )
    expect(server.requests).toHaveLength(4)
  })

  it('--since: the first deployment in the window takes the one before it as base', async () => {
    const { repo, c1, c2, times } = history()

    const { stdout } = await backfill(repo.dir, [
      '--dry-run',
      '--json',
      '--since',
      times.v2
    ])

    const json = JSON.parse(stdout) as {
      deployments: Record<string, unknown>[]
    }
    expect(json.deployments[0]).toEqual({
      head: c2,
      base: c1,
      commitCount: 2,
      rangeStatus: 'ahead',
      deployedAt: times.v2,
      source: 'tag v2',
      status: 'planned'
    })
    expect(json).toMatchObject({ planned: 3, posted: 0, skipped: 0, failed: 0 })
  })

  it('--until leaves later deployments out', async () => {
    const { repo, times } = history()

    const { stdout } = await backfill(repo.dir, [
      '--dry-run',
      '--json',
      '--until',
      times.v2
    ])

    expect((JSON.parse(stdout) as { planned: number }).planned).toBe(2)
  })

  it('a run killed half-way and started again ends with each deployment recorded once', async () => {
    const { repo } = history()
    const server = await api()
    const state = path.join(repo.dir, '..', 'state.jsonl')

    const run = cli(
      repo.dir,
      [...flags(repo.dir, server, state), '--rate', '1'],
      { MULTITUDES_API_KEY: 'mtd_demo_key' }
    )
    while (server.deployments.length < 2)
      await new Promise((r) => setTimeout(r, 20))
    run.child.kill('SIGKILL')
    await run.done
    const before = server.deployments.length
    const resumed = await backfill(repo.dir, [], server)

    expect(before).toBeLessThan(4)
    expect(resumed.code).toBe(0)
    expect(server.deployments).toHaveLength(4)
    expect(readFileSync(state, 'utf8').trim().split('\n')).toHaveLength(4)
    expect(resumed.stdout).toMatch(/4 planned, \d posted, \d skipped, 0 failed/)
  })

  it('stops at the first error a user must fix, and says where', async () => {
    const { repo } = history()
    const server = await startMultitudesServer({
      keys: { mtd_read_only_key: ['deployments:read'] }
    })
    servers.push(server)
    const dir = repo.dir

    const { code, stdout, stderr } = await cli(
      dir,
      flags(
        dir,
        server,
        path.join(mkdtempSync(path.join(tmpdir(), 'st-')), 's.jsonl')
      ),
      { MULTITUDES_API_KEY: 'mtd_read_only_key' }
    ).done

    expect(code).toBe(1)
    expect(stdout).toContain(
      'backfill: 4 planned, 0 posted, 0 skipped, 1 failed'
    )
    expect(stderr).toMatch(
      /Backfill stopped at tag v1 \(.*\): The API key may not report deployments \(403 Forbidden\)/
    )
    expect(server.requests).toHaveLength(1)
  })

  it('refuses a source that is not built yet, and bad flags, sending nothing', async () => {
    const { repo } = history()

    const releases = await backfill(repo.dir, ['--source', 'releases'])
    const since = await backfill(repo.dir, ['--since', 'last week'])

    expect(releases.code).toBe(2)
    expect(releases.stdout).toContain('--source releases is not available yet')
    expect(since.code).toBe(2)
    expect(since.stdout).toContain(`Invalid '--since': "last week"`)
  })
})
