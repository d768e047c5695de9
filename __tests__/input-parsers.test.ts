import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { InputError } from '../src/errors.js'
import {
  parseBoolean,
  parseDeployedAt,
  parseEnum,
  parseInteger,
  parseList,
  parsePaths
} from '../src/input-parsers.js'
import {
  isLoopbackHost,
  parseApiUrl,
  parseEnvironment,
  parseTags,
  parseRevision
} from '../src/input-text.js'

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
          const sign = offset < 0 ? '-' : '+'
          const abs = Math.abs(offset)
          const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
          const text = local.toISOString().replace('Z', zone)
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
