/** Properties that must hold for any input, checked with fast-check. */
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { buildPayload } from '../src/deployment.js'
import { parseList } from '../src/input-parsers.js'
import {
  hasControlCharacters,
  parseEnvironment,
  parseRevision
} from '../src/input-text.js'
import { validateDeployment } from '../dev/multitudes-server.ts'
import { testInputs } from '../__fixtures__/inputs.js'

const hexSha = (min: number, max: number) =>
  fc.stringMatching(new RegExp(`^[0-9a-fA-F]{${min},${max}}$`))
// Printable text in any script, with spaces; no control characters.
const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
const padded = fc.tuple(
  fc.constantFrom('', ' ', '\t', '  '),
  text,
  fc.constantFrom('', ' ', '\n')
)
const environment = text.filter(
  (s) => s.trim() !== '' && !hasControlCharacters(s)
)

describe('input parsing', () => {
  it('takes a SHA of any case and length as given', () => {
    fc.assert(
      fc.property(hexSha(4, 64), (sha) => {
        expect(parseRevision('base', ` ${sha}\n`)).toBe(sha)
      })
    )
  })

  it('trims environment names in any script and keeps everything else', () => {
    fc.assert(
      fc.property(padded, ([before, name, after]) => {
        fc.pre(name.trim() !== '')
        fc.pre(!hasControlCharacters(name))
        expect(
          parseEnvironment('environment', `${before}${name}${after}`)
        ).toBe(name.trim())
      })
    )
  })

  it('reads back a tag list that was written out with either separator', () => {
    const tag = fc
      .string({ minLength: 1, maxLength: 12 })
      .map((s) => s.replace(/[,\n]/g, '').trim())
      .filter((s) => s !== '')
    fc.assert(
      fc.property(
        fc.uniqueArray(tag, { maxLength: 8 }),
        fc.constantFrom(',', '\n', ', '),
        (tags, sep) => {
          expect(parseList(tags.join(sep))).toEqual(tags)
        }
      )
    )
  })
})

describe('the payload', () => {
  it('is always valid by the vendor field rules, with head first and no duplicates', () => {
    fc.assert(
      fc.property(
        fc.array(hexSha(40, 40), { minLength: 1, maxLength: 50 }),
        environment,
        fc.option(text, { nil: undefined }),
        fc.array(text, { maxLength: 5 }),
        fc.boolean(),
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2100-01-01T00:00:00Z'),
          noInvalidDate: true
        }),
        (shas, env, title, tags, isTest, at) => {
          const payload = buildPayload(
            testInputs({ environment: env.trim(), title, tags, isTest }),
            shas,
            at.toISOString()
          )
          expect(
            validateDeployment(JSON.parse(JSON.stringify(payload))).problems
          ).toEqual([])
          expect(payload.commitSha[0]).toBe(shas[0].toLowerCase())
          expect(new Set(payload.commitSha).size).toBe(payload.commitSha.length)
        }
      )
    )
  })
})
