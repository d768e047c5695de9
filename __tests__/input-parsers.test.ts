import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { InputError } from '../src/errors.js'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  FULL_SHA,
  parseBoolean,
  parseDeployedAt,
  parseEnum,
  parseInteger,
  parseList,
  parsePaths
} from '../src/input-parsers.js'
import {
  checkSecret,
  hasControlCharacters,
  isLoopbackHost,
  parseApiUrl,
  parseEnvironment,
  parsePattern,
  parseTags,
  parseText,
  parseRevision,
  parseWorkingDirectory
} from '../src/input-text.js'

/** A UTC offset in minutes as ISO 8601 writes it: +05:30, -08:00. */
function zoneOf(offset: number): string {
  const abs = Math.abs(offset)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${offset < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`
}

describe('parseBoolean', () => {
  it.each(['true', 'True', 'TRUE', ' true '])('reads %j as true', (raw) => {
    expect(parseBoolean('dry-run', raw)).toBe(true)
  })

  it.each(['false', 'False', 'FALSE'])('reads %j as false', (raw) => {
    expect(parseBoolean('dry-run', raw)).toBe(false)
  })

  it.each(['yes', '1', 'on', 'tRue', ''])(
    'refuses %j, naming the input',
    (raw) => {
      expect(() => parseBoolean('is-test', raw)).toThrow(
        `Invalid 'is-test': ${JSON.stringify(raw)}. Expected \`true\` or \`false\`.`
      )
    }
  )
})

describe('parseDeployedAt', () => {
  it.each([
    ['2026-11-30T09:15:00Z', '2026-11-30T09:15:00.000Z'],
    ['2026-11-30T22:15:00+13:00', '2026-11-30T09:15:00.000Z'],
    ['2026-11-30T04:15:00.123456-05:00', '2026-11-30T09:15:00.123Z'],
    ['2026-11-30 09:15Z', '2026-11-30T09:15:00.000Z'],
    ['2024-02-29T00:00:00+0100', '2024-02-28T23:00:00.000Z']
  ])('normalises %s to %s', (raw, utc) => {
    expect(parseDeployedAt('deployed-at', raw)).toBe(utc)
  })

  it.each([
    '2026-11-30T09:15:00',
    '2026-11-30',
    '2026-02-30T10:00:00Z',
    '2026-11-30T24:00:00Z',
    'yesterday',
    '1764494100'
  ])('refuses %j', (raw) => {
    expect(() => parseDeployedAt('deployed-at', raw)).toThrow(
      /Invalid 'deployed-at'.*Expected an ISO 8601 date-time with a zone/
    )
  })

  it('agrees with Date for any instant written with any offset', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1971-01-01T00:00:00Z'),
          max: new Date('2999-12-31T00:00:00Z'),
          noInvalidDate: true
        }),
        fc.integer({ min: -12 * 60, max: 14 * 60 }),
        (date, offset) => {
          const local = new Date(date.getTime() + offset * 60_000)
          const text = local.toISOString().replace('Z', zoneOf(offset))
          expect(parseDeployedAt('deployed-at', text)).toBe(date.toISOString())
        }
      )
    )
  })
})

describe('parseList', () => {
  it('splits on commas and newlines, trims, drops empties and repeats', () => {
    expect(parseList('sev1, is_fix\n\nproduct_launch,sev1,')).toEqual([
      'sev1',
      'is_fix',
      'product_launch'
    ])
  })

  it('never returns an empty, padded or repeated item', () => {
    fc.assert(
      fc.property(fc.string(), (raw) => {
        const list = parseList(raw)
        expect(new Set(list).size).toBe(list.length)
        for (const item of list) {
          expect(item).toBe(item.trim())
          expect(item).not.toBe('')
          expect(item).not.toMatch(/[,\n]/)
        }
      })
    )
  })
})

describe('other parsers', () => {
  it('parseInteger takes whole numbers in range only', () => {
    expect(parseInteger('max-commits', ' 250 ', 1, 1000)).toBe(250)
    for (const bad of ['0', '-1', '1.5', '1e3', 'ten', '1001', '']) {
      expect(() => parseInteger('max-commits', bad, 1, 1000)).toThrow(
        /Invalid 'max-commits'.*a whole number from 1 to 1000/
      )
    }
  })

  it('parseEnum lists what it accepts', () => {
    expect(parseEnum('on-error', 'warn', ['fail', 'warn'])).toBe('warn')
    expect(() => parseEnum('on-error', 'ignore', ['fail', 'warn'])).toThrow(
      `Invalid 'on-error': "ignore". Expected one of 'fail', 'warn'.`
    )
  })

  it('parseEnvironment trims and refuses empty names', () => {
    expect(parseEnvironment('environment', '  Production  ')).toBe('Production')
    expect(parseEnvironment('environment', 'prod"; rm -rf ~')).toBe(
      'prod"; rm -rf ~'
    )
    expect(parseEnvironment('environment', 'Ōtautahi 🚀')).toBe('Ōtautahi 🚀')
    expect(() => parseEnvironment('environment', '   ')).toThrow(InputError)
  })

  it('parseRevision refuses values git would read as options', () => {
    expect(parseRevision('base', ' v1.2.0 ')).toBe('v1.2.0')
    expect(parseRevision('base', '')).toBeUndefined()
    for (const bad of ['--output=/tmp/x', '-n1', 'a b', 'main\n--all']) {
      expect(() => parseRevision('base', bad)).toThrow(/Invalid 'base'/)
    }
  })

  it('reads lists written with Windows line endings', () => {
    expect(parseTags('tags', 'a\r\nb,\r\nc', 20, 100)).toEqual(['a', 'b', 'c'])
  })

  it('parsePaths reads one pathspec a line', () => {
    expect(parsePaths('paths', 'services/api\r\n\n  libs/shared  \n')).toEqual([
      'services/api',
      'libs/shared'
    ])
    expect(() => parsePaths('paths', 'services/api\n--all')).toThrow(
      /Invalid 'paths'/
    )
  })
})

describe('parseApiUrl', () => {
  it.each([
    'https://integrations.multitudes.co/deployment',
    'http://127.0.0.1:8787/deployment',
    'http://localhost:8787/deployment',
    'http://[::1]:8787/deployment'
  ])('accepts %s', (raw) => {
    expect(parseApiUrl('api-url', raw).href).toBe(new URL(raw).href)
  })

  it.each([
    'http://integrations.multitudes.co/deployment',
    'http://10.0.0.5/deployment',
    'http://evil.localhost/deployment',
    'http://127.0.0.1.evil.example/deployment',
    'ftp://example.com/',
    'not a url'
  ])('refuses %s', (raw) => {
    expect(() => parseApiUrl('api-url', raw)).toThrow(
      /Invalid 'api-url'.*https:\/\//
    )
  })

  it('refuses credentials in the URL without repeating them', () => {
    const attempt = (): URL =>
      parseApiUrl('api-url', 'https://user:s3cret@example.com/')
    expect(attempt).toThrow(/must not contain credentials/)
    expect(thrownBy(attempt).message).not.toContain('s3cret')
  })

  it('knows the loopback hosts', () => {
    expect(isLoopbackHost('127.1.2.3')).toBe(true)
    expect(isLoopbackHost('api.localhost')).toBe(false)
    expect(isLoopbackHost('127.example.com')).toBe(false)
  })
})

function thrownBy(fn: () => unknown): Error {
  try {
    fn()
  } catch (error) {
    return error as Error
  }
  throw new Error('expected a throw')
}

/** The error a parser throws, as text; '' when it accepts the value. */
const errorOf = (parse: () => unknown): string => {
  try {
    parse()
    return ''
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return (error as Error).message
  }
}

describe('the parsers at their boundaries', () => {
  it('integers: both ends of the range are in it, one past either is out', () => {
    const parse = (raw: string) => () => parseInteger('n', raw, 1, 10)

    expect([' 1 ', '10'].map((raw) => parseInteger('n', raw, 1, 10))).toEqual([
      1, 10
    ])
    expect(errorOf(parse('0'))).toBe(
      `Invalid 'n': "0". Expected a whole number from 1 to 10.`
    )
    expect(errorOf(parse('11'))).toMatch(/^Invalid 'n': "11"/)
  })

  it('enums are matched after trimming, and name every allowed value', () => {
    expect(parseEnum('e', ' b ', ['a', 'b'])).toBe('b')
    expect(errorOf(() => parseEnum('e', 'c', ['a', 'b']))).toBe(
      `Invalid 'e': "c". Expected one of 'a', 'b'.`
    )
  })

  it('deployed-at: the last valid second, minute, hour and offset, and one past each', () => {
    const at = (raw: string) => () => parseDeployedAt('t', raw)

    expect(parseDeployedAt('t', ' 2026-12-31T23:59:59Z ')).toBe(
      '2026-12-31T23:59:59.000Z'
    )
    expect(parseDeployedAt('t', '2026-06-01T00:00:00+18:00')).toBe(
      '2026-05-31T06:00:00.000Z'
    )
    expect(parseDeployedAt('t', '2026-06-01T00:00:00.5Z')).toBe(
      '2026-06-01T00:00:00.500Z'
    )
    expect(parseDeployedAt('t', '2026-06-01T00:00Z')).toBe(
      '2026-06-01T00:00:00.000Z'
    )
    for (const bad of [
      '2026-06-01T24:00:00Z',
      '2026-06-01T00:60:00Z',
      '2026-06-01T00:00:60Z',
      '2026-06-01T00:00:00+18:01',
      '2026-02-29T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-04-31T00:00:00Z',
      'x2026-06-01T00:00:00Z',
      '2026-06-01T00:00:00Zx'
    ])
      expect(errorOf(at(bad))).toBe(
        `Invalid 't': ${JSON.stringify(bad)}. Expected an ISO 8601 date-time with a zone, e.g. 2026-11-30T09:15:00Z or 2026-11-30T22:15:00+13:00.`
      )
  })

  it('deployed-at: exactly the clock-skew tolerance ahead is accepted, a millisecond more is not', () => {
    const now = Date.parse('2026-06-01T00:00:00Z')

    expect(parseDeployedAt('t', '2026-06-01T00:05:00Z', now)).toBe(
      '2026-06-01T00:05:00.000Z'
    )
    expect(
      errorOf(() => parseDeployedAt('t', '2026-06-01T00:05:00.001Z', now))
    ).toMatch(/^Invalid 't': .*Expected a time that has passed/)
  })

  it('a path starting with - is named in the error', () => {
    expect(errorOf(() => parsePaths('paths', 'a\n-x'))).toBe(
      `Invalid 'paths': "-x". Expected git pathspecs, one a line.`
    )
  })

  it('text: exactly max is kept, one more is cut to 40 characters in the message', () => {
    expect(parseText('title', ` ${'x'.repeat(10)} `, 10)).toBe('x'.repeat(10))
    expect(errorOf(() => parseText('title', 'y'.repeat(50), 49))).toBe(
      `Invalid 'title': "${'y'.repeat(40)}…". Expected text of at most 49 characters, on one line.`
    )
    expect(errorOf(() => parseText('title', 'a\u0007b', 10))).toBe(
      `Invalid 'title': "a\\u0007b". Expected text of at most 10 characters, on one line.`
    )
  })

  it('tags: exactly the count and length are kept, one more of either is refused', () => {
    expect(parseTags('tags', 'a,bb', 2, 2)).toEqual(['a', 'bb'])
    expect(errorOf(() => parseTags('tags', 'a,b,c', 2, 2))).toBe(
      `Invalid 'tags': "3 tags". Expected at most 2 tags of at most 2 characters each.`
    )
    expect(errorOf(() => parseTags('tags', `a,${'z'.repeat(45)}`, 2, 44))).toBe(
      `Invalid 'tags': "${'z'.repeat(40)}…". Expected at most 2 tags of at most 44 characters each.`
    )
  })

  it('patterns and revisions: trimmed, and never an option', () => {
    expect(parsePattern('tag-pattern', ' v* ')).toBe('v*')
    expect(parsePattern('tag-pattern', '  ')).toBeUndefined()
    expect(errorOf(() => parsePattern('tag-pattern', '-v'))).toBe(
      `Invalid 'tag-pattern': "-v". Expected a glob such as 'v*' (not starting with '-').`
    )
    expect(parseRevision('base', ' main ')).toBe('main')
    expect(errorOf(() => parseRevision('base', 'a b'))).toBe(
      `Invalid 'base': "a b". Expected a commit SHA, branch, tag or other git revision.`
    )
  })

  it('environment: 255 characters are kept, 256 are not; empty is required, named as an input or a flag', () => {
    expect(parseEnvironment('environment', 'e'.repeat(255))).toHaveLength(255)
    expect(
      errorOf(() => parseEnvironment('environment', 'e'.repeat(256)))
    ).toBe(
      `Invalid 'environment': "${'e'.repeat(256)}". Expected the name of the environment deployed to (at most 255 characters), e.g. \`production\`.`
    )
    expect(errorOf(() => parseEnvironment('environment', ' '))).toBe(
      "Input 'environment' is required: the name of the environment deployed to, e.g. `production`."
    )
    expect(errorOf(() => parseEnvironment('--environment', ''))).toBe(
      '--environment is required: the name of the environment deployed to, e.g. `production`.'
    )
  })

  it('api-url: trimmed; a user or a password alone is a credential; plain http only to loopback', () => {
    expect(parseApiUrl('api-url', ' https://x.example/d ').href).toBe(
      'https://x.example/d'
    )
    for (const raw of ['https://user@x.example/d', 'https://:pw@x.example/d'])
      expect(errorOf(() => parseApiUrl('api-url', raw))).toBe(
        "Invalid 'api-url': it must not contain credentials. Pass the key in 'api-key'."
      )
    expect(errorOf(() => parseApiUrl('api-url', 'ftp://127.0.0.1/d'))).toBe(
      `Invalid 'api-url': "ftp://127.0.0.1/d". Expected an https:// URL (http:// only for loopback hosts), without credentials.`
    )
    expect(isLoopbackHost('127.100.200.1')).toBe(true)
    expect(isLoopbackHost('10.127.0.0.1')).toBe(false)
  })

  it('a secret: a bad first character is named as character 1, by its code point', () => {
    expect(errorOf(() => checkSecret('api-key', '\u00a0mtd_key'))).toMatch(
      /^Invalid 'api-key': character 1 \(U\+00A0\) cannot be sent in an HTTP header/
    )
    expect(hasControlCharacters('a\u0000b')).toBe(true)
    expect(hasControlCharacters('a b')).toBe(false)
  })

  it('FULL_SHA is 40 or 64 hex characters, whole', () => {
    expect(
      [
        'a'.repeat(40),
        'B'.repeat(64),
        'a'.repeat(41),
        `x${'a'.repeat(40)}`,
        'abc'
      ].map((s) => FULL_SHA.test(s))
    ).toEqual([true, true, false, false, false])
    expect(FULL_SHA.test(`${'a'.repeat(40)}x`)).toBe(false)
    expect(FULL_SHA.test('g'.repeat(40))).toBe(false)
  })
})

describe('parseWorkingDirectory', () => {
  it('a folder under the workspace is resolved; a file, a missing path or a control character is refused', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'wd-'))
    try {
      mkdirSync(path.join(root, 'app'))
      writeFileSync(path.join(root, 'file'), '')

      expect(parseWorkingDirectory('working-directory', ' app ', root)).toBe(
        path.join(root, 'app')
      )
      expect(
        parseWorkingDirectory('working-directory', ' ', root)
      ).toBeUndefined()
      for (const raw of ['file', 'missing', 'app\u0007'])
        expect(
          errorOf(() => parseWorkingDirectory('working-directory', raw, root))
        ).toBe(
          `Invalid 'working-directory': ${JSON.stringify(raw)}. Expected a folder of the workspace (${root}) that holds the checkout, such as the 'path' given to actions/checkout; ${path.join(root, raw)} is not a folder.`
        )
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })
})
