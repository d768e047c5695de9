import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { buildPayload } from '../src/deployment.js'
import { testInputs } from '../__fixtures__/inputs.js'

const AT = '2026-11-30T09:15:00.000Z'
const HEAD = '8750d79cce5f2d137c3f4a34cdd4c9da76c26cfb'

describe('buildPayload', () => {
  it('sends the required fields, commitSha always as an array', () => {
    expect(buildPayload(testInputs(), [HEAD], AT)).toEqual({
      commitSha: [HEAD],
      environmentName: 'production',
      deployedAt: AT
    })
  })

  it('adds title, tags and isTest only when set', () => {
    const payload = buildPayload(
      testInputs({ title: 'Release 42', tags: ['sev1'], isTest: true }),
      [HEAD],
      AT
    )
    expect(payload).toEqual({
      commitSha: [HEAD],
      environmentName: 'production',
      deployedAt: AT,
      title: 'Release 42',
      tags: ['sev1'],
      isTest: true
    })
    expect(Object.keys(buildPayload(testInputs(), [HEAD], AT))).not.toContain(
      'isTest'
    )
  })

  it('keeps head first, lowercases and drops repeats, whatever the list', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[0-9a-fA-F]{40}$/), {
          minLength: 1,
          maxLength: 30
        }),
        (shas) => {
          const payload = buildPayload(testInputs(), shas, AT)
          expect(payload.commitSha[0]).toBe(shas[0].toLowerCase())
          expect(new Set(payload.commitSha).size).toBe(payload.commitSha.length)
          expect(new Set(payload.commitSha)).toEqual(
            new Set(shas.map((s) => s.toLowerCase()))
          )
          for (const s of payload.commitSha) expect(s).toMatch(/^[0-9a-f]{40}$/)
        }
      )
    )
  })
})
