import { describe, expect, it } from '@jest/globals'
import { LIST_BUDGET, OUTPUTS, outputValues } from '../src/outputs.js'
import { parseFileCommands } from '../dev/run-action.ts'
import { emptyReport } from '../src/report.js'
import { actionYml } from '../__fixtures__/action-env.js'
import {
  HEAD,
  MID,
  BASE,
  PAYLOAD,
  reportedRun
} from '../__fixtures__/reports.js'

describe('outputValues', () => {
  it('names exactly the outputs of action.yml', () => {
    expect(Object.values(OUTPUTS).sort()).toEqual(
      Object.keys(actionYml.outputs).sort()
    )
    expect(Object.keys(outputValues(emptyReport(''))).sort()).toEqual(
      Object.keys(actionYml.outputs).sort()
    )
  })

  it('sets every output on success', () => {
    expect(outputValues(reportedRun())).toEqual({
      reported: 'true',
      status: '201',
      response: '{"message":"Created successfully"}',
      'request-id': 'req-1',
      payload: JSON.stringify(PAYLOAD),
      'commit-shas': JSON.stringify([HEAD, MID]),
      'commit-count': '2',
      truncated: 'false',
      'head-sha': HEAD,
      'base-sha': BASE,
      'base-source': 'push',
      'range-status': 'ahead',
      'deployed-at': '2026-11-30T09:15:00.000Z',
      skipped: '',
      'payload-file': ''
    })
  })

  it('leaves the lists empty past the output budget, and names the payload file', () => {
    const shas = Array.from({ length: 5000 }, (_, i) =>
      i.toString(16).padStart(40, '0')
    )
    const big = reportedRun({ payload: { ...PAYLOAD, commitSha: shas } })
    const small = outputValues(reportedRun())

    const values = outputValues(big, '/tmp/payload.json')

    expect(JSON.stringify(shas).length * 2).toBeGreaterThan(LIST_BUDGET)
    expect(values).toMatchObject({
      payload: '',
      'commit-shas': '',
      'commit-count': '5000',
      'payload-file': '/tmp/payload.json'
    })
    expect(small.payload).not.toBe('')
    // Everything together stays under GitHub's 1 MB (UTF-16) per job.
    const total = Object.values(values).join('').length * 2
    expect(total).toBeLessThan(1024 * 1024)
  })

  it('keeps the lists up to the last commit that fits the budget, and not one more', () => {
    const sha = (i: number) => i.toString(16).padStart(40, '0')
    const withCommits = (n: number) =>
      outputValues(
        reportedRun({
          payload: {
            ...PAYLOAD,
            commitSha: Array.from({ length: n }, (_, i) => sha(i))
          }
        })
      )
    // Each SHA adds 43 characters to each list ("…", with its comma), 86 to both together.
    const one = withCommits(1)
    const fixed = one.payload.length + one['commit-shas'].length - 86
    const last = Math.floor((LIST_BUDGET - fixed) / 86)

    const fits = withCommits(last)
    const over = withCommits(last + 1)

    expect(
      fits.payload.length + fits['commit-shas'].length
    ).toBeLessThanOrEqual(LIST_BUDGET)
    expect(JSON.parse(fits['commit-shas'])).toHaveLength(last)
    expect(
      (JSON.parse(fits.payload) as { commitSha: string[] }).commitSha
    ).toHaveLength(last)
    expect([over.payload, over['commit-shas']]).toEqual(['', ''])
  })

  it('a dry run shows the payload but did not report', () => {
    const values = outputValues(reportedRun({ post: undefined, dryRun: true }))
    expect(values).toMatchObject({
      reported: 'false',
      status: '',
      response: '',
      'commit-count': '2'
    })
    expect(JSON.parse(values.payload)).toEqual(PAYLOAD)
  })

  it('a failed POST keeps the status, body and request id of the last attempt', () => {
    const values = outputValues(
      reportedRun({
        post: undefined,
        failure: {
          message: 'down',
          hint: undefined,
          status: 503,
          body: 'unavailable',
          requestId: 'req-9',
          fields: [],
          outage: true,
          input: false
        }
      })
    )
    expect(values).toMatchObject({
      reported: 'false',
      status: '503',
      response: 'unavailable',
      'request-id': 'req-9'
    })
  })

  it('a run that failed before anything was computed still sets every output', () => {
    const values = outputValues(emptyReport('https://github.com'))
    expect(values).toMatchObject({
      reported: 'false',
      'commit-shas': '[]',
      'commit-count': '0',
      truncated: 'false'
    })
    expect(Object.values(values).every((v) => typeof v === 'string')).toBe(true)
  })
})

describe('the runner emulation reads file commands as the runner does', () => {
  it('reads name=value lines and heredocs, whichever comes first', () => {
    expect(
      parseFileCommands('a=1=2\nb<<EOF_x\nline 1\nline=2\nEOF_x\nx=<<y\n')
    ).toEqual({ a: '1=2', b: 'line 1\nline=2', x: '<<y' })
  })

  it('fails on a line that is neither, as the runner fails the step', () => {
    expect(() => parseFileCommands('a=1\njust text\n')).toThrow(
      "Invalid format 'just text'"
    )
  })

  it('fails on a heredoc whose delimiter never comes, instead of looping', () => {
    expect(() => parseFileCommands('a<<EOF\nno end\n')).toThrow(
      "Matching delimiter not found 'EOF'"
    )
  })
})
