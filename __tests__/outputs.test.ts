import { afterAll, afterEach, describe, expect, it } from '@jest/globals'
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { payloadJson } from '../src/deployment.js'
import {
  LIST_BUDGET,
  OUTPUTS,
  outputValues,
  setOutputs
} from '../src/outputs.js'
import { stdout } from '../__fixtures__/stdout.js'
import { parseFileCommands } from '../dev/runner/file-commands.ts'
import { emptyReport } from '../src/report.js'
import { actionYml } from '../__fixtures__/action-env.js'
import {
  failureOf,
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

  it('keeps the lists when together they are exactly the budget, and not one character more', () => {
    const shas = Array.from({ length: 4000 }, (_, i) =>
      i.toString(16).padStart(40, '0')
    )
    const sized = (extra: number) =>
      outputValues(
        reportedRun({
          // The environment's name is in the payload only: a character each.
          payload: {
            ...PAYLOAD,
            commitSha: shas,
            environmentName: `production${'x'.repeat(extra)}`
          }
        })
      )
    const base = sized(0)
    const room = LIST_BUDGET - base.payload.length - base['commit-shas'].length

    const exact = sized(room)
    const over = sized(room + 1)

    expect(room).toBeGreaterThan(0)
    expect(exact.payload.length + exact['commit-shas'].length).toBe(LIST_BUDGET)
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
        failure: failureOf('down', {
          status: 503,
          body: 'unavailable',
          requestId: 'req-9',
          outage: true
        })
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
    expect(values).toEqual({
      reported: 'false',
      status: '',
      response: '',
      'request-id': '',
      payload: '',
      'commit-shas': '[]',
      'commit-count': '0',
      truncated: 'false',
      'head-sha': '',
      'base-sha': '',
      'base-source': '',
      'range-status': '',
      'deployed-at': '',
      skipped: '',
      'payload-file': ''
    })
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

describe('setOutputs', () => {
  const saved = process.env.GITHUB_OUTPUT
  const dirs: string[] = []
  afterAll(() =>
    dirs.forEach((d) => rmSync(d, { recursive: true, force: true }))
  )
  afterEach(() => {
    if (saved === undefined) delete process.env.GITHUB_OUTPUT
    else process.env.GITHUB_OUTPUT = saved
  })
  /** A fresh GITHUB_OUTPUT file and RUNNER_TEMP folder, and what the runner reads back. */
  function runner() {
    const dir = mkdtempSync(path.join(tmpdir(), 'outputs-'))
    const temp = mkdtempSync(path.join(tmpdir(), 'runner-temp-'))
    dirs.push(dir, temp)
    // The runner makes the file before the step starts.
    writeFileSync(path.join(dir, 'output'), '')
    process.env.GITHUB_OUTPUT = path.join(dir, 'output')
    stdout.clear()
    return {
      temp,
      outputs: () =>
        parseFileCommands(readFileSync(path.join(dir, 'output'), 'utf8')),
      warnings: () =>
        stdout
          .text()
          .split('\n')
          .filter((l) => l.startsWith('::warning::'))
    }
  }
  const big = () =>
    reportedRun({
      payload: {
        ...PAYLOAD,
        commitSha: Array.from({ length: 5000 }, (_, i) =>
          i.toString(16).padStart(40, '0')
        )
      }
    })

  it('sets every output, and writes the payload to a file in RUNNER_TEMP that payload-file names', () => {
    const r = runner()
    const file = path.join(r.temp, `multitudes-payload-${process.pid}.json`)

    setOutputs(reportedRun(), r.temp)

    expect(r.outputs()).toEqual(outputValues(reportedRun(), file))
    expect(readFileSync(file, 'utf8')).toBe(payloadJson(PAYLOAD))
    expect(r.warnings()).toEqual([])
  })

  it('without RUNNER_TEMP, or without a payload, writes no file and names none', () => {
    const r = runner()

    setOutputs(reportedRun(), undefined)
    const first = r.outputs()['payload-file']
    setOutputs(emptyReport(''), r.temp)

    expect(first).toBe('')
    expect(r.outputs()['payload-file']).toBe('')
    expect(readdirSync(r.temp)).toEqual([])
    expect(r.warnings()).toEqual([])
  })

  it('a RUNNER_TEMP it cannot write to is a warning, and payload-file stays empty', () => {
    const r = runner()

    setOutputs(reportedRun(), path.join(r.temp, 'missing', 'folder'))

    expect(r.outputs()['payload-file']).toBe('')
    expect(r.outputs().payload).toBe(JSON.stringify(PAYLOAD))
    expect(r.warnings()).toEqual([
      expect.stringMatching(
        /^::warning::Could not write the payload-file output in RUNNER_TEMP: ENOENT/
      )
    ])
  })

  it('past the output budget, warns that the lists are empty and where the payload is', () => {
    const r = runner()
    const file = path.join(r.temp, `multitudes-payload-${process.pid}.json`)

    setOutputs(big(), r.temp)
    setOutputs(big(), undefined)

    expect(r.warnings()).toEqual([
      `::warning::The payload of 5000 commits is too large for step outputs (GitHub allows 1 MB per job): the payload and commit-shas outputs are empty; the payload-file output (${file}) has it.`,
      '::warning::The payload of 5000 commits is too large for step outputs (GitHub allows 1 MB per job): the payload and commit-shas outputs are empty.'
    ])
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      commitSha: expect.arrayContaining([HEAD.replace(/./g, '0')])
    })
  })

  it('never throws when the outputs cannot be set: a recorded deployment must not fail the step', () => {
    const r = runner()
    // A folder where the output file should be: every write to it fails.
    process.env.GITHUB_OUTPUT = r.temp

    expect(() => setOutputs(reportedRun(), undefined)).not.toThrow()
    expect(r.warnings()).toEqual([
      expect.stringMatching(/^::warning::Could not set the step outputs: /)
    ])
  })
})
