import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from '@jest/globals'
import { InputError } from '../src/errors.js'
import { DEFAULTS, getInputs, INPUTS } from '../src/inputs.js'
import {
  actionYml,
  clearInputs,
  setInputs,
  withEnv
} from '../__fixtures__/action-env.js'
import { stdout } from '../__fixtures__/stdout.js'

afterEach(() => {
  clearInputs()
  delete process.env.MULTITUDES_API_KEY
  stdout.clear()
})

const required = { environment: 'production', 'api-key': 'mtd_secret_key' }

describe('getInputs through the runner channels', () => {
  it('reads the action.yml defaults', () => {
    setInputs(required)

    const inputs = getInputs()

    expect(inputs).toMatchObject({
      environment: 'production',
      strategy: 'auto',
      commitSource: 'auto',
      maxCommits: 1000,
      firstDeployment: 'head',
      isTest: false,
      dryRun: false,
      onError: 'fail',
      verify: false,
      timeoutSeconds: 30,
      maxAttempts: 4,
      paths: [],
      tags: [],
      base: undefined,
      head: undefined,
      deployedAt: undefined,
      title: undefined,
      githubToken: 'ghs_runner_token'
    })
    expect(inputs.apiUrl.href).toBe(
      'https://integrations.multitudes.co/deployment'
    )
  })

  it('parses every kind of value', () => {
    setInputs({
      ...required,
      'deployed-at': '2026-11-30T22:15:00+13:00',
      tags: 'sev1, is_fix',
      'is-test': 'TRUE',
      paths: 'services/api\nlibs',
      'max-commits': '50',
      title: '  Release 42 ',
      'on-error': 'warn-on-outage'
    })

    expect(getInputs()).toMatchObject({
      deployedAt: '2026-11-30T09:15:00.000Z',
      tags: ['sev1', 'is_fix'],
      isTest: true,
      paths: ['services/api', 'libs'],
      maxCommits: 50,
      title: 'Release 42',
      onError: 'warn-on-outage'
    })
  })

  it('masks the key before anything else is printed, and its token part', () => {
    setInputs({ ...required, 'api-key': 'Bearer mtd_secret_key' })

    getInputs()

    const lines = stdout.text().split('\n')
    expect(lines[0]).toBe('::add-mask::Bearer mtd_secret_key')
    expect(lines[1]).toBe('::add-mask::mtd_secret_key')
    expect(
      lines.filter((l) => !l.startsWith('::add-mask::')).join('\n')
    ).not.toContain('mtd_secret_key')
  })

  it('falls back to MULTITUDES_API_KEY', () => {
    setInputs({ environment: 'production' })
    process.env.MULTITUDES_API_KEY = 'mtd_from_env'

    expect(getInputs().apiKey).toBe('mtd_from_env')
    expect(stdout.text()).toContain('::add-mask::mtd_from_env')
  })

  it('needs a key unless it is a dry run, and says why it may be missing', () => {
    setInputs({ environment: 'production' })
    expect(() => getInputs()).toThrow(
      /'api-key' is empty.*not passed to workflows triggered from forks/
    )

    setInputs({ environment: 'production', 'dry-run': 'true' })
    expect(getInputs().apiKey).toBeUndefined()
  })

  it.each([
    [{ environment: '' }, /'environment'/],
    [
      { strategy: 'latest' },
      /Invalid 'strategy': "latest". Expected one of 'auto'/
    ],
    [{ 'commit-source': 'svn' }, /Invalid 'commit-source'/],
    [{ 'first-deployment': 'all' }, /Invalid 'first-deployment'/],
    [{ 'on-error': 'ignore' }, /Invalid 'on-error'/],
    [{ 'max-commits': '0' }, /Invalid 'max-commits'/],
    [{ 'timeout-seconds': 'soon' }, /Invalid 'timeout-seconds'/],
    [{ 'max-attempts': '100' }, /Invalid 'max-attempts'/],
    [{ 'dry-run': 'yes' }, /Invalid 'dry-run': "yes"/],
    [{ 'api-url': 'http://example.com/deployment' }, /Invalid 'api-url'/],
    [
      { strategy: 'base' },
      /Input 'base' is required when 'strategy' is 'base'/
    ],
    [
      { strategy: 'tag' },
      /Input 'tag-pattern' is required when 'strategy' is 'tag'/
    ],
    [{ paths: 'a', 'commit-source': 'api' }, /'paths' needs the git source/],
    [
      { 'api-key': 'mtd_a\nb' },
      /Invalid 'api-key': character 6 \(U\+000A\) cannot be sent in an HTTP header/
    ],
    [
      { 'api-key': 'mtd_abc\u200bdef' },
      /Invalid 'api-key': character 8 \(U\+200B\)/
    ],
    [
      { 'api-key': 'mtd_abc–def' },
      /Invalid 'api-key': character 8 \(U\+2013\)/
    ],
    [{ 'tag-pattern': '--format=%(refname)' }, /Invalid 'tag-pattern'/],
    [
      { title: 'x'.repeat(256) },
      /Invalid 'title'.*Expected text of at most 255 characters/
    ],
    [{ environment: 'e'.repeat(256) }, /Invalid 'environment'/],
    [
      { tags: Array.from({ length: 21 }, (_, i) => `t${i}`).join(',') },
      /Invalid 'tags': "21 tags". Expected at most 20 tags of at most 100 characters each/
    ],
    [{ tags: `ok,${'t'.repeat(101)}` }, /Invalid 'tags'/],
    [
      { 'deployed-at': '2999-01-01T00:00:00Z' },
      /Invalid 'deployed-at'.*Expected a time that has passed \(at most 5 minutes ahead/
    ]
  ])('refuses %j', (values, message) => {
    setInputs({ ...required, ...values })

    expect(() => getInputs()).toThrow(InputError)
    expect(() => getInputs()).toThrow(message)
  })

  it('accepts a deployed-at within the clock-skew tolerance', () => {
    const inFourMinutes = new Date(Date.now() + 4 * 60_000).toISOString()
    setInputs({ ...required, 'deployed-at': inFourMinutes })

    expect(getInputs().deployedAt).toBe(inFourMinutes)
  })

  it('reports every bad input at once', () => {
    setInputs({
      ...required,
      strategy: 'latest',
      'max-commits': '0',
      'dry-run': 'yes'
    })

    expect(() => getInputs()).toThrow(
      /^3 inputs are invalid\. \(1\) Invalid 'strategy'.* \(2\) Invalid 'max-commits'.* \(3\) Invalid 'dry-run'/
    )
  })

  it('never repeats the key in an error', () => {
    setInputs({ ...required, 'api-key': 'mtd_secret\u0007key' })

    let message = ''
    try {
      getInputs()
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toMatch(/Invalid 'api-key'/)
    expect(message).not.toContain('mtd_secret')
  })
})

describe('getInputs at the edges', () => {
  it('writes each input to the debug log, but never the key or the token', () => {
    setInputs({ ...required, 'github-token': 'ghs_debug_token_value' })

    getInputs()

    const debug = stdout
      .text()
      .split('\n')
      .filter((l) => l.startsWith('::debug::input '))
    expect(debug).toContain('::debug::input environment: "production"')
    expect(debug).toContain('::debug::input maxCommits: 1000')
    expect(debug.filter((l) => /input (apiKey|githubToken)/.test(l))).toEqual(
      []
    )
    // Only add-mask, which tells the runner what to hide, holds them.
    const holding = stdout
      .text()
      .split('\n')
      .filter((l) => /ghs_debug_token_value|mtd_secret_key/.test(l))
    expect(holding).toEqual([
      '::add-mask::mtd_secret_key',
      '::add-mask::ghs_debug_token_value'
    ])
  })

  it.each([
    [
      { strategy: 'base', base: 'v1.0' },
      { strategy: 'base', base: 'v1.0' }
    ],
    [
      { strategy: 'tag', 'tag-pattern': 'v*' },
      { strategy: 'tag', tagPattern: 'v*' }
    ],
    [{ strategy: 'multitudes' }, { strategy: 'multitudes' }],
    [{ paths: 'a', 'commit-source': 'git' }, { paths: ['a'] }],
    [{ 'commit-source': 'api' }, { commitSource: 'api', paths: [] }]
  ])('accepts %j', (values, expected) => {
    setInputs({ ...required, ...values })

    expect(getInputs()).toMatchObject(expected)
  })

  it.each([
    [
      { strategy: 'multitudes', 'record-check': 'false' },
      `Invalid 'strategy': "multitudes" reads Multitudes' record, but 'record-check' is false. Expected an API key with the Deployments read scope and 'record-check: true', or another strategy.`
    ],
    [
      { strategy: 'multitudes', 'api-key': '', 'dry-run': 'true' },
      `Invalid 'strategy': "multitudes" reads Multitudes' record, but 'api-key' is empty. Expected an API key with the Deployments read scope and 'record-check: true', or another strategy.`
    ],
    [
      { strategy: 'base' },
      "Input 'base' is required when 'strategy' is 'base': a commit SHA or ref."
    ],
    [
      { paths: 'a', 'commit-source': 'api' },
      "Input 'paths' needs the git source, but 'commit-source' is 'api'. Expected 'commit-source: git' (or 'auto') with a checkout."
    ]
  ])('refuses %j with its whole message', (values, message) => {
    setInputs({ ...required, ...values })

    expect(() => getInputs()).toThrow(new InputError(message))
  })

  it('checks the GitHub token like the key, naming it', () => {
    setInputs({ ...required, 'github-token': 'ghs_a\nb' })

    expect(() => getInputs()).toThrow(
      /^Invalid 'github-token': character 6 \(U\+000A\)/
    )
  })

  it('judges combinations only once every input is valid on its own', () => {
    setInputs({ ...required, strategy: 'base', 'max-commits': '0' })

    expect(() => getInputs()).toThrow(/^Invalid 'max-commits'/)
  })

  it('trims the key, deployed-at and blank inputs, which take their defaults', () => {
    setInputs({
      ...required,
      'api-key': '  mtd_spaced_key  ',
      'deployed-at': ' 2026-11-30T09:15:00Z ',
      'max-commits': '   ',
      strategy: ' \n ',
      'first-deployment': '  '
    })

    expect(getInputs()).toMatchObject({
      apiKey: 'mtd_spaced_key',
      deployedAt: '2026-11-30T09:15:00.000Z',
      maxCommits: 1000,
      strategy: 'auto',
      firstDeployment: 'head'
    })
  })

  it('reads head as a revision, and trims a key from MULTITUDES_API_KEY', () => {
    setInputs({ environment: 'production', head: 'release/1.2' })
    process.env.MULTITUDES_API_KEY = '  mtd_from_env_key \n'

    expect(getInputs()).toMatchObject({
      head: 'release/1.2',
      apiKey: 'mtd_from_env_key'
    })
  })

  it('an expression only counts as unset when it is the whole value', () => {
    setInputs({ ...required, title: ' ${{ inputs.title }} ' })
    const whole = getInputs().title
    setInputs({ ...required, title: 'Release ${{ x }}' })
    const start = getInputs().title
    setInputs({ ...required, title: '${{ x }} release' })
    const end = getInputs().title

    expect([whole, start, end]).toEqual([
      undefined,
      'Release ${{ x }}',
      '${{ x }} release'
    ])
  })

  it('resolves working-directory against GITHUB_WORKSPACE', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'workspace-'))
    mkdirSync(path.join(root, 'services', 'api'), { recursive: true })
    setInputs({ ...required, 'working-directory': 'services/api' })

    const resolved = await withEnv({ GITHUB_WORKSPACE: root }, () =>
      getInputs()
    ).finally(() => rmSync(root, { recursive: true, force: true }))

    expect(resolved.workingDirectory).toBe(path.join(root, 'services', 'api'))
  })
})

describe('the input names and defaults', () => {
  it('match action.yml exactly', () => {
    expect(Object.values(INPUTS).sort()).toEqual(
      Object.keys(actionYml.inputs).sort()
    )
    for (const [name, value] of Object.entries(DEFAULTS)) {
      expect([name, actionYml.inputs[name]?.default]).toEqual([name, value])
    }
    // github-token's default is an expression the runner fills in, not a value of ours.
    const withDefaults = Object.entries(actionYml.inputs)
      .filter(([, meta]) => Boolean(meta.default))
      .map(([name]) => name)
      .filter((name) => name !== 'github-token')
    expect(Object.keys(DEFAULTS).sort()).toEqual(withDefaults.sort())
  })
})

describe('.env.example for @github/local-action', () => {
  const example = Object.fromEntries(
    readFileSync(new URL('../.env.example', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => /^[A-Z_-]+=/.test(line))
      .map((line) => [
        line.slice(0, line.indexOf('=')),
        line.slice(line.indexOf('=') + 1)
      ])
  )

  it('holds every input, and its values pass the action’s own parsing', () => {
    clearInputs()
    const inputs = Object.entries(example).filter(([k]) =>
      k.startsWith('INPUT_')
    )
    Object.assign(process.env, Object.fromEntries(inputs))

    expect(
      inputs.map(([k]) => k.slice('INPUT_'.length).toLowerCase()).sort()
    ).toEqual(
      Object.keys(actionYml.inputs)
        .filter(
          (name) =>
            ![
              'base',
              'tag-pattern',
              'paths',
              'deployed-at',
              'title',
              'tags',
              'working-directory'
            ].includes(name)
        )
        .sort()
    )
    expect(getInputs()).toMatchObject({
      dryRun: true,
      environment: 'production'
    })
    expect(example).toHaveProperty('GITHUB_SHA')
  })

  it('an unevaluated ${{ … }} expression counts as unset', () => {
    setInputs({ ...required, 'github-token': '${{ github.token }}' })
    process.env['INPUT_GITHUB-TOKEN'] = '${{ github.token }}'

    expect(getInputs().githubToken).toBeUndefined()
  })
})
