/** The CLI for other CI systems: the bundled dist/cli/index.js, end to end, and its helpers. */
import { afterAll, afterEach, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { assertDistFresh } from '../dev/source-hash.ts'
import path from 'node:path'
import { cliContext, HELP, plainLog } from '../src/cli.js'
import {
  startMultitudesServer,
  type MultitudesServer
} from '../dev/multitudes-server.ts'
import { ACTION_DIR } from '../dev/run-action.ts'
import { removeTestRepos, TestRepo } from '../__fixtures__/git-repo.js'

afterAll(removeTestRepos)
const servers: MultitudesServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

const repo = TestRepo.init()
const before = repo.commit('live')
const shipped = repo.commits(3, 'shipped')

assertDistFresh()

/** Runs the bundled CLI in the repository, with only the environment given (as a CI would). */
async function cli(args: string[], env: Record<string, string> = {}) {
  const child = spawn(
    process.execPath,
    [path.join(ACTION_DIR, 'dist/cli/index.js'), ...args],
    {
      cwd: repo.dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        ...env
      },
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
  const code = await new Promise<number | null>((resolve) =>
    child.on('close', resolve)
  )
  return { code, stdout, stderr }
}

async function api() {
  const server = await startMultitudesServer()
  servers.push(server)
  return server
}

describe('the bundled CLI', () => {
  it('reports a GitLab pipeline: commits since CI_COMMIT_BEFORE_SHA, key from the environment', async () => {
    const server = await api()

    const { code, stdout, stderr } = await cli(
      [
        'report',
        '--environment',
        'production',
        '--api-url',
        server.url,
        '--json'
      ],
      {
        MULTITUDES_API_KEY: 'mtd_demo_key',
        CI_COMMIT_SHA: repo.head(),
        CI_COMMIT_BEFORE_SHA: before
      }
    )

    expect(code).toBe(0)
    const outputs = JSON.parse(stdout) as Record<string, string>
    expect(JSON.parse(outputs['commit-shas'])).toEqual([...shipped].reverse())
    expect(outputs).toMatchObject({
      reported: 'true',
      'base-source': 'push',
      'range-status': 'ahead'
    })
    expect(server.deployments).toHaveLength(1)
    expect(stderr).toContain('strategy=auto')
    expect(stderr).not.toContain('::')
    expect(stderr + stdout).not.toContain('mtd_demo_key')
  })

  it('a dry run prints the payload and sends nothing', async () => {
    const server = await api()

    const { code, stdout } = await cli([
      'report',
      '--environment',
      'staging',
      '--dry-run',
      '--base',
      before,
      '--tags',
      'a,b'
    ])

    expect(code).toBe(0)
    expect(stdout).toContain(
      'Dry run: would send 3 commit(s) to staging (ahead).'
    )
    expect(JSON.parse(stdout.slice(stdout.indexOf('{')))).toMatchObject({
      environmentName: 'staging',
      tags: ['a', 'b']
    })
    expect(server.requests).toHaveLength(0)
  })

  it('exits 2 on bad input and 1 when the API refuses, 0 when on-error says warn', async () => {
    const server = await api()

    const bad = await cli(
      ['report', '--environment', 'production', '--max-commits', 'lots'],
      { MULTITUDES_API_KEY: 'k' }
    )
    const refused = await cli(
      ['report', '--environment', 'production', '--api-url', server.url],
      { MULTITUDES_API_KEY: 'mtd_wrong' }
    )
    const warned = await cli(
      [
        'report',
        '--environment',
        'production',
        '--api-url',
        server.url,
        '--on-error',
        'warn'
      ],
      {
        MULTITUDES_API_KEY: 'mtd_wrong'
      }
    )

    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain(`error: Invalid 'max-commits': "lots"`)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain(
      'error: Multitudes rejected the API key (401 Unauthorized)'
    )
    expect(warned.code).toBe(0)
    expect(warned.stderr).toContain('warning: Multitudes rejected the API key')
  })

  it('answers --help, --version and a missing command', async () => {
    const help = await cli(['--help'])
    const version = await cli(['--version'])
    const none = await cli([])

    expect(help).toMatchObject({ code: 0 })
    expect(help.stdout).toContain(
      'Usage: multitudes-deployment-action report --environment <name>'
    )
    expect(help.stdout).toContain('--max-commits <value>')
    expect(version.stdout).toMatch(
      /^multitudes-deployment-action \d+\.\d+\.\d+\n$/
    )
    expect(none.code).toBe(2)
  })
})

describe('cliContext', () => {
  const B1 = 'b1'.repeat(20)
  const J0 = 'a0'.repeat(20)
  it.each([
    [{ CI_COMMIT_SHA: 'a1', CI_COMMIT_BEFORE_SHA: B1 }, 'a1', B1],
    [
      { CI_COMMIT_SHA: 'a1', CI_COMMIT_BEFORE_SHA: '0'.repeat(40) },
      'a1',
      undefined
    ],
    [{ GIT_COMMIT: 'j1', GIT_PREVIOUS_SUCCESSFUL_COMMIT: J0 }, 'j1', J0],
    [{ BUILDKITE_COMMIT: 'k1' }, 'k1', undefined],
    [{ CIRCLE_SHA1: 'c1' }, 'c1', undefined],
    [{}, 'HEAD', undefined]
  ])('%j → head %s, base %s', (env, sha, before) => {
    expect(cliContext(env)).toMatchObject({ sha, pushBefore: before })
  })
})

describe('cliContext refuses CI variables git could read as options', () => {
  it.each([
    [{ CI_COMMIT_BEFORE_SHA: '--upload-pack=touch x' }, 'CI_COMMIT_BEFORE_SHA'],
    [
      { GIT_PREVIOUS_SUCCESSFUL_COMMIT: 'main' },
      'GIT_PREVIOUS_SUCCESSFUL_COMMIT'
    ],
    [{ CI_COMMIT_SHA: '--output=/tmp/x' }, 'CI_COMMIT_SHA']
  ])('%j', (env, name) => {
    expect(() => cliContext(env)).toThrow(new RegExp(`^Invalid '${name}'`))
  })
})

describe('plainLog', () => {
  it('turns workflow commands into plain lines', () => {
    expect(plainLog('::warning::careful', false)).toBe('warning: careful')
    expect(plainLog('::error title=Field::bad', false)).toBe('error: bad')
    expect(plainLog('::group::Resolving', false)).toBe('== Resolving')
    expect(plainLog('::endgroup::', false)).toBeUndefined()
    expect(plainLog('::add-mask::secret', false)).toBeUndefined()
    expect(plainLog('::debug::x', false)).toBeUndefined()
    expect(plainLog('::debug::x', true)).toBe('debug: x')
    expect(plainLog('plain', false)).toBe('plain')
  })

  it('documents the exit codes in the help', () => {
    expect(HELP).toMatch(/Exit codes: 0 .*\s1 not reported; 2 bad usage/s)
  })
})
