import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from '@jest/globals'
import { InputError } from '../src/errors.js'
import { DEFAULTS, getInputs, INPUTS } from '../src/inputs.js'
import {
  actionYml,
  clearInputs,
  setInputs
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

describe('the input names and defaults', () => {
  it('match action.yml exactly', () => {
    expect(Object.values(INPUTS).sort()).toEqual(
      Object.keys(actionYml.inputs).sort()
    )
    for (const [name, value] of Object.entries(DEFAULTS)) {
      expect([name, actionYml.inputs[name]?.default]).toEqual([name, value])
    }
    const withDefaults = Object.entries(actionYml.inputs)
      .filter(([name, meta]) => meta.default && name !== 'github-token')
      .map(([name]) => name)
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
