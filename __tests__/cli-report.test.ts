/**
 * The report command's own rules, in process: where a run's commit, repository and run id come
 * from, the commands and flags it takes, and what it prints for a person.
 */
import { afterAll, afterEach, describe, expect, it } from '@jest/globals'
import { startMultitudesServer } from '../dev/multitudes-server.ts'
import { startFakeGitHub } from '../dev/fake-github-api.ts'
import { removeTestRepos, TestRepo } from '../__fixtures__/git-repo.js'
import { helpText } from '../src/cli/help.js'
import { cli, cliContext, plainLog } from '../src/cli/report.js'
import { ACTION_NAME, ACTION_VERSION } from '../src/version.js'

afterAll(removeTestRepos)
const servers: { close(): Promise<void> }[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

const repo = TestRepo.init()
const before = repo.commit('live')
repo.commits(2, 'shipped')
const B = 'b'.repeat(40)

/** `cli` with its two streams collected. */
async function report(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = []
  const err: string[] = []
  const code = await cli(argv, env, {
    out: (text) => out.push(text),
    err: (text) => err.push(text)
  })
  return { code, out, err }
}

/** A report in the test repository of the commits after `before`. */
const ranged = (environment: string) => [
  'report',
  '--environment',
  environment,
  '--working-directory',
  repo.dir,
  '--base',
  before
]

async function api() {
  const server = await startMultitudesServer()
  servers.push(server)
  return server
}

describe('cliContext', () => {
  it('trims the CI variables of the commits, and takes a blank head variable as none', () => {
    const gitlab = { GITLAB_CI: 'true' }

    expect(
      cliContext({
        ...gitlab,
        CI_COMMIT_SHA: ' a1\n',
        CI_COMMIT_BEFORE_SHA: ` ${B}\n`
      })
    ).toMatchObject({ sha: 'a1', shaVariable: 'CI_COMMIT_SHA', pushBefore: B })
    expect(cliContext({ ...gitlab, CI_COMMIT_SHA: '  ' })).toMatchObject({
      sha: 'HEAD',
      shaVariable: undefined
    })
    expect(cliContext(gitlab)).toMatchObject({
      sha: 'HEAD',
      shaVariable: undefined
    })
  })

  it('refuses a previous commit that is not a full SHA, naming the variable and what it expects', () => {
    expect(() =>
      cliContext({ GITLAB_CI: 'true', CI_COMMIT_BEFORE_SHA: 'b1b1b1' })
    ).toThrow(/CI_COMMIT_BEFORE_SHA.*a full commit SHA/)
  })

  it("takes the run id only from GitHub Actions, as the run's own", () => {
    const github = {
      GITHUB_ACTIONS: 'true',
      GITHUB_RUN_ID: '42',
      GITHUB_REPOSITORY: 'o/r'
    }

    expect(cliContext(github)).toMatchObject({ runId: 42, ownRunIds: [42] })
    expect(
      cliContext({ GITLAB_CI: 'true', GITHUB_RUN_ID: '42' })
    ).toMatchObject({ runId: 0, ownRunIds: [] })
  })

  it('names no ref, GitHub.com unless told otherwise, and --repository before the CI', () => {
    const env = {
      GITHUB_ACTIONS: 'true',
      GITHUB_REPOSITORY: 'ci/repo',
      GITHUB_SERVER_URL: 'https://ghe.example'
    }

    expect(cliContext({})).toMatchObject({
      ref: '',
      serverUrl: 'https://github.com',
      repository: undefined
    })
    expect(cliContext(env)).toMatchObject({
      serverUrl: 'https://ghe.example',
      repository: 'ci/repo'
    })
    expect(cliContext(env, 'flag/repo').repository).toBe('flag/repo')
  })
})

describe('plainLog', () => {
  it('takes a workflow command only at the start of a line', () => {
    expect(plainLog('said ::warning::x', false)).toBe('said ::warning::x')
    expect(plainLog('::warning file=a.ts::x', false)).toBe('warning: x')
  })
})

describe('the report command', () => {
  it('answers --help and --version wherever they stand, sending nothing', async () => {
    const server = await api()
    const flags = ['--environment', 'p', '--api-url', server.url]
    const help = await report(['report', ...flags, '--help'])
    const version = await report(['report', ...flags, '--version'])

    expect(help).toEqual({ code: 0, out: [helpText()], err: [] })
    expect(version).toEqual({
      code: 0,
      out: [`${ACTION_NAME} ${ACTION_VERSION}`],
      err: []
    })
    expect(server.requests).toEqual([])
  })

  it.each([
    [
      ['deploy', 'now'],
      'Unknown command "deploy" "now"; expected \'report\' or \'backfill\'.'
    ],
    [['backfil'], 'Unknown command "backfil": did you mean \'backfill\'?'],
    [
      ['report', 'a', 'b'],
      '\'report\' takes flags only, but "a" "b" was given.'
    ]
  ])('%j is a usage error: %s', async (argv, message) => {
    const { code, out, err } = await report(argv)

    expect(code).toBe(2)
    expect(out).toEqual([])
    expect(err.join('\n')).toContain(`${message} Nothing was sent.`)
  })

  it('a bad CI variable is a usage error naming it', async () => {
    const { code, err } = await report(['report', '--environment', 'p'], {
      GITLAB_CI: 'true',
      CI_COMMIT_BEFORE_SHA: 'main'
    })

    expect(code).toBe(2)
    expect(err.join('\n')).toMatch(/CI_COMMIT_BEFORE_SHA/)
  })

  it('prints one line for a person: verb, count, environment, range; the run link where the CI has one', async () => {
    const [server, other] = [await api(), await api()]
    const args = (url: string) => [...ranged('production'), '--api-url', url]
    const env = { MULTITUDES_API_KEY: 'mtd_demo_key' }

    const plain = await report(args(server.url), env)
    const again = await report(args(server.url), env)
    const circle = await report(args(other.url), {
      ...env,
      CIRCLECI: 'true',
      CIRCLE_BUILD_URL: 'https://circleci.com/gh/o/r/7'
    })

    expect(plain).toEqual({
      code: 0,
      out: ['Reported 2 commits to production (ahead).'],
      err: []
    })
    // The record holds it already: not sent again, and not a failure.
    expect(again).toEqual({
      code: 0,
      out: ['Not reported: 2 commits to production (ahead).'],
      err: []
    })
    expect(circle.out).toEqual([
      'Reported 2 commits to production (ahead).',
      'CI run: https://circleci.com/gh/o/r/7'
    ])
    expect([server.posts(), other.posts()]).toEqual([1, 1])
  })

  it('prints nothing on stdout when it is not reported, and exits 1 (2 for bad input)', async () => {
    const server = await api()
    const args = [
      'report',
      '--environment',
      'production',
      '--api-url',
      server.url,
      '--working-directory',
      repo.dir
    ]

    const refused = await report(args, { MULTITUDES_API_KEY: 'mtd_wrong' })
    const bad = await report([...args, '--max-commits', '0'], {
      MULTITUDES_API_KEY: 'mtd_demo_key'
    })

    expect([refused.code, refused.out]).toEqual([1, []])
    expect([bad.code, bad.out]).toEqual([2, []])
    expect(server.posts()).toBe(1)
  })

  it('--github-token is used over an unset GITHUB_TOKEN', async () => {
    const github = await startFakeGitHub({})
    servers.push(github)
    const args = [
      'report',
      '--environment',
      'production',
      '--working-directory',
      repo.dir,
      '--repository',
      'octo-org/octo-repo',
      '--dry-run'
    ]
    const env = { GITHUB_API_URL: github.url }

    await report(args, env)
    const without = github.requests.length
    await report([...args, '--github-token', 'ghs_flag'], env)

    expect(without).toBe(0)
    expect(github.requests.length).toBeGreaterThan(0)
  })

  it('--json says when the commit list was cut at --max-commits', async () => {
    const { code, out } = await report([
      ...ranged('staging'),
      '--max-commits',
      '1',
      '--dry-run',
      '--json'
    ])

    expect(code).toBe(0)
    expect(JSON.parse(out.join(''))).toMatchObject({
      truncated: true,
      'commit-count': 1
    })
  })

  it('a dry run says so, and prints the payload; a run that posts does not', async () => {
    const server = await api()
    const args = [...ranged('staging'), '--api-url', server.url]

    const dry = await report([...args, '--dry-run'])
    const posted = await report(args, { MULTITUDES_API_KEY: 'mtd_demo_key' })

    expect(dry.out[0]).toBe('Dry run: would send 2 commits to staging (ahead).')
    expect(JSON.parse(dry.out[1])).toMatchObject({ environmentName: 'staging' })
    expect(posted.out).toHaveLength(1)
    expect(server.posts()).toBe(1)
  })
})
