/** The backfill command's flags, read and checked in process: what each becomes, and each refusal. */
import { describe, expect, it } from '@jest/globals'
import os from 'node:os'
import path from 'node:path'
import { readCommandLine } from '../src/cli/args.js'
import { parseOptions } from '../src/cli/backfill-options.js'
import { defaultStateFile } from '../src/backfill/state.js'
import { redact } from '../src/untrusted.js'

const TAGS = ['--source', 'tags', '--tag-pattern', 'v*']
const GITHUB = {
  GITHUB_REPOSITORY: 'octo-org/octo-repo',
  GITHUB_TOKEN: 'ghs_x'
}

/** The options of a backfill command line (`--environment production` unless given). */
const options = (argv: string[], env: NodeJS.ProcessEnv = {}) =>
  parseOptions(
    readCommandLine(
      argv.includes('--environment')
        ? argv
        : ['--environment', 'production', ...argv],
      'backfill'
    ).values,
    env
  )

/** The InputError's message for a command line, or undefined when it reads. */
function refusal(argv: string[], env: NodeJS.ProcessEnv = {}) {
  try {
    options(argv, env)
    return undefined
  } catch (error) {
    return (error as Error).message
  }
}

describe('backfill options', () => {
  it('a tag backfill: every default from the flag table, the state file per repository and environment', () => {
    const dir = path.resolve('.')

    const o = options([...TAGS, '--environment', ' Production '], {
      MULTITUDES_API_KEY: ' mtd_key\n'
    })

    expect(o).toMatchObject({
      environment: 'Production',
      source: { kind: 'tags', pattern: 'v*' },
      apiKey: 'mtd_key',
      rate: 5,
      maxCommits: 1000,
      onError: 'fail',
      recordCheck: true,
      isTest: false,
      dryRun: false,
      json: false,
      since: undefined,
      until: undefined,
      dir,
      target: {
        apiUrl: 'https://integrations.multitudes.co/deployment',
        environment: 'Production',
        isTest: false,
        repository: `checkout ${dir}`
      }
    })
    expect(o.stateFile).toBe(
      defaultStateFile({}, os.homedir(), {
        repository: `checkout ${dir}`,
        environment: 'Production'
      })
    )
  })

  it('takes every flag given over its default', () => {
    const o = options(
      [
        ...TAGS,
        '--api-key',
        'mtd_flag',
        '--api-url',
        'http://127.0.0.1:9/deployment',
        '--rate',
        '2',
        '--max-commits',
        '7',
        '--on-error',
        'warn',
        '--record-check',
        'false',
        '--is-test',
        '--dry-run',
        '--json',
        '--title',
        'Backfill',
        '--tags',
        'a,b',
        '--state-file',
        '/tmp/state.jsonl',
        '--repository',
        ' o/r '
      ],
      { MULTITUDES_API_KEY: 'mtd_env' }
    )

    expect(o).toMatchObject({
      apiKey: 'mtd_flag',
      rate: 2,
      maxCommits: 7,
      onError: 'warn',
      recordCheck: false,
      isTest: true,
      dryRun: true,
      json: true,
      title: 'Backfill',
      tags: ['a', 'b'],
      stateFile: '/tmp/state.jsonl',
      target: {
        apiUrl: 'http://127.0.0.1:9/deployment',
        isTest: true,
        repository: 'o/r'
      }
    })
  })

  it('names a tag backfill after GITHUB_REPOSITORY when no --repository is given', () => {
    expect(
      options(TAGS, { GITHUB_REPOSITORY: 'ci/repo', MULTITUDES_API_KEY: 'k' })
        .target.repository
    ).toBe('ci/repo')
  })

  it('resolves --working-directory against the current directory', () => {
    expect(
      options([...TAGS, '--dry-run', '--working-directory', 'src/cli']).dir
    ).toBe(path.resolve('src/cli'))
  })

  it('a bare date is a whole UTC day: --since from its midnight, --until to its last millisecond', () => {
    const o = options([
      ...TAGS,
      '--dry-run',
      '--since',
      ' 2026-01-31 ',
      '--until',
      '2026-02-28'
    ])
    const zoned = options([
      ...TAGS,
      '--dry-run',
      '--since',
      '2026-01-31T12:00:00+02:00'
    ])

    expect([o.since, o.until]).toEqual([
      '2026-01-31T00:00:00.000Z',
      '2026-02-28T23:59:59.999Z'
    ])
    expect(zoned.since).toBe('2026-01-31T10:00:00.000Z')
  })

  it('leaves out what is not given: no title, no tags', () => {
    expect(options([...TAGS, '--dry-run'])).toMatchObject({
      title: undefined,
      tags: []
    })
  })

  it('keeps the key and the GitHub token out of every line printed from then on', () => {
    options(['--source', 'releases', '--api-key', 'mtd_secret_flag'], {
      GITHUB_REPOSITORY: 'o/r',
      GITHUB_TOKEN: 'ghs_secret_env'
    })

    expect(redact('mtd_secret_flag and ghs_secret_env')).toBe('*** and ***')
  })

  it.each([
    [[...TAGS, '--environment', ' '], /^--environment is required/],
    [[...TAGS, '--api-url', 'ftp://x'], /^Invalid '--api-url'/],
    [
      [...TAGS, '--working-directory', 'no/such/folder'],
      /^Invalid '--working-directory'/
    ],
    [[...TAGS, '--since', 'yesterday'], /^Invalid '--since'/],
    [[...TAGS, '--until', '2026-13-01'], /^Invalid '--until'/],
    [[...TAGS, '--max-commits', '0'], /^Invalid '--max-commits'/],
    [[...TAGS, '--rate', '101'], /^Invalid '--rate'/],
    [[...TAGS, '--title', 'x'.repeat(300)], /'--title'/],
    [[...TAGS, '--tags', 'x'.repeat(300)], /'--tags'/],
    [[...TAGS, '--on-error', 'ignore'], /^Invalid '--on-error'/],
    [[...TAGS, '--record-check', 'maybe'], /^Invalid '--record-check'/],
    [[...TAGS, '--api-key', 'mtd\u0007key'], /--api-key/],
    [['--source', ' '], /^--source is required/],
    [['--source', 'tags', '--tag-pattern', ' '], /^--tag-pattern is required/]
  ])('%j is refused, naming the flag', (argv, message) => {
    expect(refusal(['--dry-run', ...argv])).toMatch(message)
  })

  it.each([
    [['--github-token', 'ghs\nx'], /--github-token/],
    [['--github-api-url', 'not a url'], /^Invalid '--github-api-url'/],
    [['--branch=-x'], /^Invalid '--branch'/]
  ])('%j is refused for a GitHub source, naming the flag', (argv, message) => {
    expect(
      refusal(
        ['--source', 'workflow-runs', '--workflow', '7', '--dry-run', ...argv],
        {
          GITHUB_REPOSITORY: 'o/r',
          GITHUB_TOKEN: 'ghs_x'
        }
      )
    ).toMatch(message)
  })

  it('a dry run needs no key; any other run does, and a blank one is none', () => {
    expect(options([...TAGS, '--dry-run']).apiKey).toBeUndefined()
    expect(refusal(TAGS, { MULTITUDES_API_KEY: '  ' })).toMatch(
      /^--api-key is required: set MULTITUDES_API_KEY/
    )
  })
})

describe('backfill sources', () => {
  it('releases, deployments and workflow runs read GitHub: repository, token and API from the environment', () => {
    const releases = options(['--source', 'releases', '--dry-run'], GITHUB)
    const deployments = options(['--source', 'deployments', '--dry-run'], {
      ...GITHUB,
      GITHUB_API_URL: 'https://ghe.example/api/v3'
    })

    const github = {
      repository: 'octo-org/octo-repo',
      token: 'ghs_x',
      apiUrl: new URL('https://api.github.com')
    }
    expect(releases.source).toEqual({
      kind: 'releases',
      includePrereleases: false,
      github
    })
    expect(releases.target.repository).toBe('octo-org/octo-repo')
    expect(deployments.source).toEqual({
      kind: 'deployments',
      github: { ...github, apiUrl: new URL('https://ghe.example/api/v3') }
    })
  })

  it('the flags win over the environment for GitHub', () => {
    const o = options(
      [
        '--source',
        'workflow-runs',
        '--workflow',
        'deploy.yml',
        '--branch',
        'main',
        '--repository',
        'flag/repo',
        '--github-token',
        'ghs_flag',
        '--github-api-url',
        'http://127.0.0.1:8/',
        '--dry-run'
      ],
      GITHUB
    )

    expect(o.source).toEqual({
      kind: 'workflow-runs',
      workflow: 'deploy.yml',
      branch: 'main',
      github: {
        repository: 'flag/repo',
        token: 'ghs_flag',
        apiUrl: new URL('http://127.0.0.1:8/')
      }
    })
  })

  it('counts prereleases only when asked, and takes a workflow by its numeric id', () => {
    expect(
      options(
        ['--source', 'releases', '--include-prereleases', '--dry-run'],
        GITHUB
      ).source
    ).toMatchObject({ includePrereleases: true })
    expect(
      options(
        ['--source', 'workflow-runs', '--workflow', '123', '--dry-run'],
        GITHUB
      ).source
    ).toMatchObject({ workflow: '123', branch: undefined })
  })

  it.each([
    [
      [],
      {},
      "--source is required: one of 'tags', 'releases', 'deployments', 'workflow-runs'."
    ],
    [
      ['--source', 'tags'],
      {},
      "--tag-pattern is required: with --source tags, a glob such as 'v*'."
    ],
    [
      ['--source', 'tags', '--tag-pattern', 'v*', '--workflow', 'deploy.yml'],
      {},
      '--workflow applies only to --source workflow-runs, not tags.'
    ],
    [
      ['--source', 'releases', '--branch', 'main'],
      GITHUB,
      '--branch applies only to --source workflow-runs, not releases.'
    ],
    [
      ['--source', 'deployments', '--tag-pattern', 'v*'],
      GITHUB,
      '--tag-pattern applies only to --source tags, not deployments.'
    ],
    [
      ['--source', 'workflow-runs', '--include-prereleases'],
      GITHUB,
      '--include-prereleases applies only to --source releases, not workflow-runs.'
    ],
    [
      ['--source', 'releases'],
      { GITHUB_TOKEN: 'ghs_x' },
      '--repository is required: owner/name of the repository on GitHub (or set GITHUB_REPOSITORY).'
    ],
    [
      ['--source', 'releases', '--repository', 'octo-repo'],
      { GITHUB_TOKEN: 'ghs_x' },
      'Invalid \'--repository\': "octo-repo". Expected owner/name, e.g. octo-org/octo-repo (default: GITHUB_REPOSITORY).'
    ],
    [
      ['--source', 'deployments'],
      { GITHUB_REPOSITORY: 'o/r', GITHUB_TOKEN: ' ' },
      '--github-token is required with the GitHub sources: set GITHUB_TOKEN (or pass --github-token) to a token with read access to contents, deployments and actions.'
    ],
    [
      ['--source', 'workflow-runs'],
      GITHUB,
      '--workflow is required: with --source workflow-runs, the workflow file name (e.g. deploy.yml) or its numeric id.'
    ],
    [
      ['--source', 'workflow-runs', '--workflow', 'deploy'],
      GITHUB,
      'Invalid \'--workflow\': "deploy". Expected the workflow file name, e.g. deploy.yml, or its numeric id.'
    ]
  ])('%j with %j: %s', (argv, env, message) => {
    expect(refusal([...argv, '--dry-run'], env)).toBe(message)
  })
})
