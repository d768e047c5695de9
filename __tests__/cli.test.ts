/** The CLI for other CI systems: the bundled dist/cli/index.js, end to end, and its helpers. */
import { afterAll, afterEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { assertDistFresh } from '../dev/source-hash.ts'
import { ACTION_INPUTS } from '../src/interface.generated.js'
import path from 'node:path'
import { cliContext, plainLog } from '../src/cli/report.js'
import { backfillHelpText, helpText } from '../src/cli/help.js'
import { main, quickAnswer } from '../src/cli/quick.js'
import { ACTION_VERSION } from '../src/version.js'
import {
  startMultitudesServer,
  type MultitudesServer
} from '../dev/multitudes-server.ts'
import { removeTestRepos, TestRepo } from '../__fixtures__/git-repo.js'
import { cliMode, runCli } from '../__fixtures__/run-cli.js'

afterAll(removeTestRepos)
const servers: MultitudesServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

const repo = TestRepo.init()
const before = repo.commit('live')
const shipped = repo.commits(3, 'shipped')

// In process, the source runs, not the bundle (and Stryker's sandbox has mutated the source).
if (!cliMode.inProcess) assertDistFresh()

/** Runs the bundled CLI in the repository, with only the environment given (as a CI would). */
const cli = (args: string[], env: Record<string, string> = {}) =>
  runCli(args, repo.dir, env)

async function api() {
  const server = await startMultitudesServer()
  servers.push(server)
  return server
}

/** A JSON value's kind, as a schema would name it. */
const kindOf = (v: unknown) =>
  Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v

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
        GITLAB_CI: 'true',
        CI_COMMIT_SHA: repo.head(),
        CI_COMMIT_BEFORE_SHA: before
      }
    )

    expect(code).toBe(0)
    const outputs = JSON.parse(stdout) as Record<string, unknown>
    expect(outputs['commit-shas']).toEqual([...shipped].reverse())
    expect(outputs).toMatchObject({
      reported: true,
      status: 201,
      'commit-count': 3,
      'base-source': 'push',
      'range-status': 'ahead'
    })
    expect(server.deployments).toHaveLength(1)
    expect(server.posts()).toBe(1)
    expect(stderr).toContain('strategy=auto')
    expect(stderr).not.toContain('::')
    expect(stderr + stdout).not.toContain('mtd_demo_key')
  })

  it('shows debug lines on stderr with RUNNER_DEBUG=1 only, and never on stdout', async () => {
    const args = ['report', '--environment', 'staging', '--dry-run']

    const quiet = await cli(args)
    const verbose = await cli(args, { RUNNER_DEBUG: '1' })

    expect(quiet.stderr).not.toContain('debug:')
    expect(verbose.stderr).toMatch(/^debug: payload: \{/m)
    expect(verbose.stdout).not.toContain('debug')
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
      'Dry run: would send 3 commits to staging (ahead).'
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
    expect(bad.stderr).toContain(`error: Invalid --max-commits: "lots"`)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain(
      'error: Multitudes rejected the API key (401 Unauthorized)'
    )
    expect(warned.code).toBe(0)
    expect(warned.stderr).toContain('warning: Multitudes rejected the API key')
  })

  // https_proxy is for https:// URLs: the local API is reached over https there.
  it.each([
    ['ALL_PROXY', 'http://127.0.0.1'],
    ['https_proxy', 'https://localhost']
  ])(
    'a SOCKS proxy in %s is a setting to fix, judged by --on-error: never a crash or an outage',
    async (variable, origin) => {
      const server = await api()
      const args = ['report', '--environment', 'production', '--api-url']
      const env = {
        MULTITUDES_API_KEY: 'mtd_demo_key',
        [variable]: 'socks5://user:secret@127.0.0.1:1080'
      }
      const url = server.url.replace('http://127.0.0.1', origin)

      const failed = await cli([...args, url], env)
      const warned = await cli([...args, url, '--on-error', 'warn'], env)

      expect(failed.code).toBe(1)
      expect(failed.stderr).toContain(
        `error: ${variable} names a socks5 proxy (socks5://127.0.0.1:1080); only http:// and https:// proxies are supported`
      )
      expect(failed.stderr).not.toContain('secret')
      expect(failed.stderr).not.toMatch(/Attempt \d|at .*index\.js/)
      expect(warned.code).toBe(0)
      expect(warned.stderr).toContain(`warning: ${variable} names a socks5`)
      expect(server.requests).toHaveLength(0)
    }
  )

  it('answers --help, --version and a missing command', async () => {
    const help = await cli(['--help'])
    const short = await cli(['-h'])
    const version = await cli(['--version'])
    const none = await cli([])

    expect(help).toMatchObject({ code: 0 })
    expect(short).toEqual(help)
    expect(help.stdout).toContain(
      'Usage: multitudes-deployment-action report --environment <name>'
    )
    expect(help.stdout).toContain('--max-commits <n>')
    expect(version.stdout).toMatch(
      /^multitudes-deployment-action \d+\.\d+\.\d+\n$/
    )
    expect(none.code).toBe(2)
  })
})

describe('the CLI speaks CLI', () => {
  it('--help lists every input as a flag, with its default and allowed values', async () => {
    const { code, stdout } = await cli(['--help'])

    expect(code).toBe(0)
    for (const input of ACTION_INPUTS)
      expect(stdout).toContain(`--${input.name}`)
    expect(stdout).toMatch(
      /--strategy <name>\n\s+How base[^]*?Default: auto\. One of: auto, previous-deployment, multitudes, push, base, tag, parent, head\./
    )
    expect(stdout).toMatch(/--max-commits <n>\n[^]*?Default: 1000\./)
    expect(stdout).toMatch(
      /--dry-run\n[^]*?A switch: give it without a value\./
    )
    expect(stdout).toMatch(
      /--github-token <token>\n[^]*?Default: \$GITHUB_TOKEN\./
    )
    expect(stdout).not.toContain('${{')
  })

  it('both helps speak words that hold on every CI, from the one flag table', async () => {
    const report = await cli(['--help'])
    const backfill = await cli(['backfill', '--help'])

    for (const { code, stdout } of [report, backfill]) {
      expect(code).toBe(0)
      expect(stdout).not.toMatch(
        /\bstep\b|checkout|GITHUB_WORKSPACE|actions\/|\$\{\{|the event|workflow file|\(s\)/i
      )
    }
    // A flag both commands take is described once: the same words under each.
    expect(report.stdout).toContain(
      '--api-key <key>\n      Multitudes API key with the Deployments write scope'
    )
    expect(backfill.stdout).toContain(
      '--api-key <key>\n      Multitudes API key with the Deployments write scope'
    )
    expect(backfill.stdout).toMatch(
      /--state-file <path>\n[^]*?\$XDG_STATE_HOME\/multitudes-deployment-action/
    )
    expect(backfill.stdout).not.toContain('--strategy')
  })

  it.each([
    [
      ['report', '--environment', 'p', '--enviroment', 'q'],
      'Unknown flag --enviroment: did you mean --environment? Nothing was sent.'
    ],
    [
      ['report', '--environment', 'p', '--nope'],
      'Unknown flag --nope. Nothing was sent.'
    ],
    [
      ['report', '--environment', 'p', '--is-test', 'false'],
      '--is-test is a switch and takes no value, but "false" follows it. Write --is-test to turn it on, or leave it out. Nothing was sent.'
    ],
    [
      ['report', '--environment', 'p', '--dry-run=false'],
      '--dry-run is a switch and takes no value, but --dry-run="false" gives one. Write --dry-run to turn it on, or leave it out. Nothing was sent.'
    ],
    [
      ['report', '--environment'],
      '--environment needs a value: --environment <name>. Nothing was sent.'
    ],
    [
      ['report', '--environment', '--dry-run'],
      '--environment needs a value, but the flag --dry-run follows it. For a value that starts with "-", write --environment=<value>. Nothing was sent.'
    ],
    [
      ['report', '--environment', 'p', '--environment', 'q'],
      '--environment is given twice; give it once. Nothing was sent.'
    ],
    [
      ['reprot'],
      'Unknown command "reprot": did you mean \'report\'? Nothing was sent.'
    ],
    [[], "A command is required: 'report' or 'backfill'. Nothing was sent."],
    [
      ['report', 'production'],
      '\'report\' takes flags only, but "production" was given. Nothing was sent.'
    ]
  ])('%j is a usage error on stderr, exit 2: %s', async (args, message) => {
    const { code, stdout, stderr } = await cli(args, {
      MULTITUDES_API_KEY: 'k'
    })

    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toBe(
      `${message}\nRun 'multitudes-deployment-action --help' for every flag.\n`
    )
  })

  it.each([
    [
      ['--environment', 'p', '--sorce', 'tags'],
      'Unknown flag --sorce: did you mean --source? Nothing was sent.'
    ],
    [
      ['--source', 'tags', '--tag-pattern', 'v*'],
      "--environment is required: the name of the environment deployed to, e.g. 'production'. Nothing was sent."
    ],
    [
      ['--environment', 'p'],
      "--source is required: one of 'tags', 'releases', 'deployments', 'workflow-runs'. Nothing was sent."
    ],
    [
      ['--environment', 'p', '--source', 'tag'],
      "Invalid --source: \"tag\". Expected one of 'tags', 'releases', 'deployments', 'workflow-runs'. Nothing was sent."
    ],
    [
      ['--environment', 'p', '--source', 'tags', '--dry-run'],
      "--tag-pattern is required: with --source tags, a glob such as 'v*'. Nothing was sent."
    ],
    [
      ['--environment', 'p', '--source', 'tags', '--tag-pattern', 'v*'],
      '--api-key is required: set MULTITUDES_API_KEY (or pass --api-key) to a Multitudes API key with the Deployments write scope; --dry-run plans without one. Nothing was sent.'
    ]
  ])(
    'backfill %j is a usage error on stderr, exit 2: %s',
    async (args, message) => {
      const { code, stdout, stderr } = await cli(['backfill', ...args])

      expect(code).toBe(2)
      expect(stdout).toBe('')
      expect(stderr).toBe(
        `${message}\nRun 'multitudes-deployment-action backfill --help' for every flag.\n`
      )
    }
  )

  it('no message says "nothing was sent" twice, or speaks of inputs or workflows', async () => {
    const runs = await Promise.all([
      cli(['report', '--environment', 'p', '--base', 'nope', '--dry-run']),
      cli(['report', '--dry-run']),
      cli(['report', '--environment', 'p', '--max-commits', '0', '--dry-run']),
      cli(['report', '--environment', 'p'])
    ])
    for (const { code, stderr } of runs) {
      expect(code).toBe(2)
      expect(stderr.match(/nothing was sent/gi)).toHaveLength(1)
      expect(stderr).not.toMatch(/workflow|input '|Input '|`|\(s\)/)
    }
    expect(runs[0].stderr).toContain(
      'error: Invalid --base: "nope" names no commit in the checkout or on origin. Expected an existing commit SHA, branch or tag (check for a typo). Fix the flag; nothing was sent.'
    )
    expect(runs[1].stderr).toContain(
      "error: --environment is required: the name of the environment deployed to, e.g. 'production'. Fix the flag; nothing was sent."
    )
    expect(runs[3].stderr).toContain(
      'error: --api-key is required: set MULTITUDES_API_KEY (or pass --api-key) to a Multitudes API key with the Deployments write scope; --dry-run needs neither. Fix the flag; nothing was sent.'
    )
  })

  it('keeps every --paths given, in order, not the last one only', async () => {
    const mono = TestRepo.init()
    const base = mono.commit('root')
    const inA = mono.commit('change a', 'a/1.txt')
    const inB = mono.commit('change b', 'b/1.txt')
    mono.commit('change c', 'c/1.txt')
    const head = mono.commit('change a again', 'a/2.txt')
    const { code, stdout } = await cli(
      [
        'report',
        '--environment',
        'p',
        '--strategy',
        'base',
        '--base',
        base,
        '--paths',
        'a',
        '--paths',
        'b',
        '--dry-run',
        '--json',
        '--working-directory',
        mono.dir
      ],
      {}
    )

    expect(code).toBe(0)
    expect(
      (JSON.parse(stdout) as { 'commit-shas': string[] })['commit-shas']
    ).toEqual([head, inB, inA])
  })

  it('counts read in the singular for one', async () => {
    const one = TestRepo.init()
    one.commit('only')
    const { code, stdout, stderr } = await cli(
      [
        'report',
        '--environment',
        'p',
        '--dry-run',
        '--working-directory',
        one.dir
      ],
      {}
    )

    expect(code).toBe(0)
    expect(stdout).toContain('Dry run: would send 1 commit to p (first).')
    expect(stderr).toContain('Dry run: would send 1 commit to ')
  })

  it('reports every bad flag at once, in CLI words', async () => {
    const { code, stderr } = await cli(
      [
        'report',
        '--environment',
        'p',
        '--strategy',
        'latest',
        '--max-commits',
        '0',
        '--on-error',
        'ignore'
      ],
      { MULTITUDES_API_KEY: 'k' }
    )

    expect(code).toBe(2)
    expect(stderr).toMatch(
      /3 flags are invalid\. \(1\) Invalid --strategy: "latest"\..* \(2\) Invalid --max-commits: "0"\..* \(3\) Invalid --on-error: "ignore"/
    )
    expect(stderr).toContain('Fix the flag; nothing was sent.')
    expect(stderr).toContain(
      "Expected one of 'auto', 'previous-deployment', 'multitudes', 'push', 'base', 'tag', 'parent', 'head'."
    )
    expect(stderr).not.toMatch(/workflow|input '/)
  })

  it('a missing key names MULTITUDES_API_KEY and --api-key, not GitHub secrets', async () => {
    const { code, stderr } = await cli([
      'report',
      '--environment',
      'production'
    ])

    expect(code).toBe(2)
    expect(stderr).toContain(
      '--api-key is required: set MULTITUDES_API_KEY (or pass --api-key)'
    )
    expect(stderr).not.toMatch(/secrets\.|workflow|fork/)
  })

  it('outside a clone, says what to do without GitHub Actions advice', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'no-clone-'))
    const { code, stderr } = await cli([
      'report',
      '--environment',
      'p',
      '--dry-run',
      '--commit-source',
      'git',
      '--working-directory',
      empty
    ])

    expect(code).toBe(1)
    expect(stderr).toContain(`There is no git checkout in ${empty}.`)
    expect(stderr).toContain('point --working-directory at one')
    expect(stderr).not.toContain('actions/checkout')
  })

  it.each<[string, string[], Record<string, string>, RegExp]>([
    [
      '--head',
      ['--head', 'f'.repeat(40)],
      {},
      /Invalid --head: "f{40}" names no commit in the checkout or on origin/
    ],
    [
      'CI_COMMIT_SHA',
      [],
      { GITLAB_CI: 'true', CI_COMMIT_SHA: 'e'.repeat(40) },
      /Invalid CI_COMMIT_SHA: "e{40}" names no commit in the checkout or on origin/
    ]
  ])(
    'a head from %s that names no commit is bad input: exit 2, named, nothing sent',
    async (_from, args, env, message) => {
      const server = await api()

      const { code, stderr } = await cli(
        [
          'report',
          '--environment',
          'production',
          '--api-url',
          server.url,
          ...args
        ],
        { MULTITUDES_API_KEY: 'mtd_demo_key', ...env }
      )

      expect(code).toBe(2)
      expect(stderr).toMatch(message)
      expect(stderr).toContain('nothing was sent')
      expect(stderr).not.toContain('pass --head')
      expect(server.posts()).toBe(0)
    }
  )

  it('never suggests the --on-error value that is already set', async () => {
    const refused = await cli(
      [
        'report',
        '--environment',
        'p',
        '--api-url',
        'http://127.0.0.1:9/deployment',
        '--max-attempts',
        '1',
        '--on-error',
        'warn-on-outage'
      ],
      { MULTITUDES_API_KEY: 'k' }
    )
    const failed = await cli(
      [
        'report',
        '--environment',
        'p',
        '--api-url',
        'http://127.0.0.1:9/deployment',
        '--max-attempts',
        '1'
      ],
      { MULTITUDES_API_KEY: 'k' }
    )

    expect(refused.code).toBe(0)
    expect(refused.stderr).not.toContain('--on-error warn-on-outage keeps')
    expect(failed.code).toBe(1)
    expect(failed.stderr).toContain(
      '--on-error warn-on-outage keeps outages from failing deploys'
    )
  })

  it('--json prints the outputs with JSON types', async () => {
    const { code, stdout } = await cli([
      'report',
      '--environment',
      'staging',
      '--dry-run',
      '--base',
      before,
      '--json'
    ])

    expect(code).toBe(0)
    const json = JSON.parse(stdout) as Record<string, unknown>
    const shape = Object.fromEntries(
      Object.entries(json).map(([k, v]) => [k, kindOf(v)])
    )
    expect(shape).toMatchSnapshot()
    expect(json).toMatchObject({
      reported: false,
      status: null,
      'commit-count': 3,
      truncated: false,
      'commit-shas': [...shipped].reverse(),
      payload: { environmentName: 'staging', commitSha: [...shipped].reverse() }
    })
  })
})

// Controls but the line feed that ends a line.
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/

describe('secrets and untrusted text, where no runner masks them', () => {
  const KEY = 'mtd_demo_key'
  const TOKEN = 'ghs_0123456789abcdefghijklmnopqrstuvwxyz'
  const report = (server: MultitudesServer, ...more: string[]) =>
    cli(
      [
        'report',
        '--environment',
        'production',
        '--api-url',
        server.url,
        ...more
      ],
      {
        MULTITUDES_API_KEY: KEY,
        GITHUB_TOKEN: TOKEN,
        GITLAB_CI: 'true',
        CI_COMMIT_BEFORE_SHA: before,
        CI_COMMIT_SHA: repo.head()
      }
    )
  /** A firewall page that quotes the request's headers back, raw and JSON-escaped. */
  const echoing = {
    kind: 'status' as const,
    status: 400,
    headers: { 'content-type': 'text/html' },
    body: `<h1>Blocked</h1><pre>Authorization: Bearer ${KEY}\nX-Token: token ${TOKEN}\n${JSON.stringify({ auth: `Bearer ${KEY}` })}</pre>`
  }

  it.each([[[]], [['--json']]])(
    'a key or token echoed by a server is redacted in every line printed: %j',
    async (flags) => {
      const server = await startMultitudesServer({ faults: [echoing] })
      servers.push(server)

      const { code, stdout, stderr } = await report(server, ...flags)

      expect(code).toBe(1)
      expect(server.posts()).toBe(1)
      const printed = stdout + stderr
      expect(printed).toContain('***')
      expect(printed).not.toContain(KEY)
      expect(printed).not.toContain(TOKEN)
    }
  )

  it('--json writes ##[ and C0/C1 controls from an answer as escapes that parse back the same', async () => {
    const message =
      '##[error]forged \u0085##[set-output name=x]y \u009b31m \u0007 \u2028'
    const server = await startMultitudesServer({
      faults: [
        { kind: 'status', status: 422, body: JSON.stringify({ message }) }
      ]
    })
    servers.push(server)

    const { stdout } = await report(server, '--json', '--on-error', 'warn')

    expect(stdout).not.toContain('##[')
    expect(stdout).not.toMatch(RAW_CONTROL)
    expect(stdout).toContain('##\\u005berror]')
    expect(stdout).toContain('\\u0085')
    const json = JSON.parse(stdout) as { response: { message: string } }
    expect(json.response.message).toBe(message)
  })

  it('a GitHub token with a line break is bad input, like the key: exit 2, nothing sent', async () => {
    const server = await api()

    const { code, stderr } = await cli(
      ['report', '--environment', 'production', '--api-url', server.url],
      { MULTITUDES_API_KEY: KEY, GITHUB_TOKEN: 'ghs_first\nhalf_of_it' }
    )

    expect(code).toBe(2)
    expect(stderr).toContain(
      'Invalid --github-token: character 10 (U+000A) cannot be sent in an HTTP header'
    )
    expect(stderr).not.toContain('half_of_it')
    expect(server.requests).toHaveLength(0)
  })
})

/** A push when the CI names the commit before, else a plain CLI run. */
const eventOf = (before: string | undefined) => (before ? 'push' : 'cli')

describe('cliContext', () => {
  const B1 = 'b1'.repeat(20)
  const J0 = 'a0'.repeat(20)
  const GL = { GITLAB_CI: 'true' }
  it.each([
    [{ ...GL, CI_COMMIT_SHA: 'a1', CI_COMMIT_BEFORE_SHA: B1 }, 'a1', B1],
    [
      { ...GL, CI_COMMIT_SHA: 'a1', CI_COMMIT_BEFORE_SHA: '0'.repeat(40) },
      'a1',
      undefined
    ],
    [
      {
        JENKINS_URL: 'https://ci/',
        GIT_COMMIT: 'j1',
        GIT_PREVIOUS_SUCCESSFUL_COMMIT: J0
      },
      'j1',
      J0
    ],
    [{ BUILDKITE: 'true', BUILDKITE_COMMIT: 'k1' }, 'k1', undefined],
    [{ CIRCLECI: 'true', CIRCLE_SHA1: 'c1' }, 'c1', undefined],
    [{ TF_BUILD: 'True', BUILD_SOURCEVERSION: 'z1' }, 'z1', undefined],
    [{ BITBUCKET_BUILD_NUMBER: '7', BITBUCKET_COMMIT: 'b7' }, 'b7', undefined],
    [
      { DRONE: 'true', DRONE_COMMIT_SHA: 'd1', DRONE_COMMIT_BEFORE: B1 },
      'd1',
      B1
    ],
    [
      {
        CI: 'woodpecker',
        CI_COMMIT_SHA: 'w1',
        CI_PREV_COMMIT_SHA: B1,
        CI_PREV_PIPELINE_STATUS: 'success'
      },
      'w1',
      B1
    ],
    [
      {
        CI: 'woodpecker',
        CI_COMMIT_SHA: 'w1',
        CI_PREV_COMMIT_SHA: B1,
        CI_PREV_PIPELINE_STATUS: 'failure'
      },
      'w1',
      undefined
    ],
    [
      {
        TRAVIS: 'true',
        TRAVIS_COMMIT: 't1',
        TRAVIS_COMMIT_RANGE: `${B1}...${J0}`
      },
      't1',
      B1
    ],
    // Another CI's variables are not read: GIT_COMMIT outside Jenkins is someone else's.
    [
      { GIT_COMMIT: 'j1', GIT_PREVIOUS_SUCCESSFUL_COMMIT: J0 },
      'HEAD',
      undefined
    ],
    [{}, 'HEAD', undefined]
  ])('%j → head %s, base %s', (env, sha, before) => {
    expect(cliContext(env)).toMatchObject({
      sha,
      pushBefore: before,
      eventName: eventOf(before)
    })
  })
})

describe('cliContext refuses CI variables git could read as options', () => {
  it.each([
    [
      { GITLAB_CI: 'true', CI_COMMIT_BEFORE_SHA: '--upload-pack=touch x' },
      'CI_COMMIT_BEFORE_SHA'
    ],
    [
      { JENKINS_URL: 'https://ci/', GIT_PREVIOUS_SUCCESSFUL_COMMIT: 'main' },
      'GIT_PREVIOUS_SUCCESSFUL_COMMIT'
    ],
    [{ GITLAB_CI: 'true', CI_COMMIT_SHA: '--output=/tmp/x' }, 'CI_COMMIT_SHA']
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
    expect(helpText()).toMatch(/Exit codes: 0 .*\s1 not reported; 2 bad usage/s)
  })
})

describe('quickAnswer: help and version without loading the action', () => {
  it.each([
    [['--help'], helpText()],
    [['-h'], helpText()],
    [['report', '--help'], helpText()],
    [['report', '-h'], helpText()],
    [['backfill', '--help'], backfillHelpText()],
    [['--version'], `multitudes-deployment-action ${ACTION_VERSION}`]
  ])('%j', (argv, answer) => {
    expect(quickAnswer(argv)).toBe(answer)
  })

  it.each([
    [[]],
    [['report']],
    [['--help', 'extra']],
    [['report', '--environment', 'p', '--help']],
    [['backfill', '--version']],
    [['deploy', '--help']],
    [['report', '--help', 'extra']]
  ])('leaves %j to the whole CLI', (argv) => {
    expect(quickAnswer(argv)).toBeUndefined()
  })

  /** main() with its writes and the runs of the whole CLI recorded, and that CLI never loaded. */
  async function entry(argv: string[]) {
    const written: string[] = []
    const runs: string[][] = []
    let loads = 0
    await main(
      argv,
      (text) => void written.push(text),
      () => {
        loads++
        return Promise.resolve({
          run: (args) => Promise.resolve(void runs.push(args))
        })
      }
    )
    return { written, runs, loads }
  }

  it('main answers --help and --version on one line each, without loading the CLI', async () => {
    expect(await entry(['--version'])).toEqual({
      written: [`multitudes-deployment-action ${ACTION_VERSION}\n`],
      runs: [],
      loads: 0
    })
    expect((await entry(['backfill', '-h'])).written).toEqual([
      `${backfillHelpText()}\n`
    ])
  })

  it('main loads the CLI once and runs it with the whole command line', async () => {
    const argv = ['report', '--environment', 'production', '--help']
    expect(await entry(argv)).toEqual({ written: [], runs: [argv], loads: 1 })
  })
})
