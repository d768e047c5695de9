/** The checks .ci/run relies on can fail: a skipped test, an unparsable results file, a test that cannot fail. */
import { describe, expect, it, jest } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { count, ms, times } from '../dev/bench/measure.ts'
import {
  all,
  anySize,
  atLeast,
  atMost,
  atMostForMachine,
  fasterThan
} from '../dev/bench/verdicts.ts'
import { Report } from '../dev/bench/report.ts'

function check(
  tests: { fullName: string; status: string }[],
  floor = { tests: 0, files: 0 },
  files = 1
) {
  const dir = mkdtempSync(path.join(tmpdir(), 'jest-'))
  const file = path.join(dir, 'r.json')
  const floorFile = path.join(dir, 'floor.json')
  writeFileSync(floorFile, JSON.stringify(floor))
  const count = (status: string): number =>
    tests.filter((t) => t.status === status).length
  writeFileSync(
    file,
    JSON.stringify({
      numTotalTests: tests.length,
      numTotalTestSuites: files,
      numPassedTests: count('passed'),
      numFailedTests: count('failed'),
      numPendingTests: count('pending'),
      numTodoTests: count('todo'),
      testResults: [{ name: 'x.test.ts', assertionResults: tests }]
    })
  )
  return spawnSync(
    process.execPath,
    ['.ci/check-jest-results.mjs', file, floorFile],
    { encoding: 'utf8' }
  )
}

describe('.ci/check-jest-results.mjs', () => {
  it('passes a run where every test ran, printing the closing line', () => {
    const r = check([{ fullName: 'a works', status: 'passed' }])

    expect(r.status).toBe(0)
    expect(r.stdout).toBe('1 passed, 0 failed, 0 skipped\n')
  })

  it.each(['pending', 'todo'])('fails on a %s test, naming it', (status) => {
    const r = check([
      { fullName: 'a works', status: 'passed' },
      { fullName: 'b is wrapped in describe.skip', status }
    ])

    expect(r.status).toBe(1)
    expect(r.stderr).toContain(
      `${status}: b is wrapped in describe.skip (x.test.ts)`
    )
  })

  it('fails when no test ran', () => {
    expect(check([]).status).toBe(1)
  })

  const ran = [
    { fullName: 'a works', status: 'passed' },
    { fullName: 'b works', status: 'passed' }
  ]

  it('passes a run at the floor', () => {
    expect(check(ran, { tests: 2, files: 1 }).status).toBe(0)
  })

  it('fails when fewer tests ran than the floor, saying how many', () => {
    const r = check(ran, { tests: 3, files: 1 })

    expect(r.status).toBe(1)
    expect(r.stderr).toContain(
      '2 tests ran, fewer than the 3 in .ci/test-floor.json'
    )
  })

  it('fails when a test file is gone, even if the test count holds', () => {
    const r = check(ran, { tests: 2, files: 2 })

    expect(r.status).toBe(1)
    expect(r.stderr).toContain(
      '1 test files ran, fewer than the 2 in .ci/test-floor.json'
    )
  })

  it('keeps a committed floor that the suite meets', () => {
    const floor = JSON.parse(readFileSync('.ci/test-floor.json', 'utf8')) as {
      tests: number
      files: number
    }

    expect(floor.tests).toBeGreaterThanOrEqual(880)
    expect(floor.files).toBeGreaterThanOrEqual(38)
  })
})

describe('ESLint on the tests', () => {
  /** The rules the config sets for __tests__, without type information (the probe is no file). */
  async function lint(code: string): Promise<string[]> {
    const { ESLint } = await import('eslint')
    const { default: tseslint } = await import('typescript-eslint')
    const { default: config } = (await import(
      pathToFileURL(path.resolve('eslint.config.js')).href
    )) as {
      default: { files?: string[] }[]
    }
    const eslint = new ESLint({
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
        ...config.filter((c) => c.files?.includes('__tests__/**/*.ts'))
      ]
    })
    const [result] = await eslint.lintText(
      `import { expect, it } from '@jest/globals'\n\n${code}\n`,
      { filePath: '__tests__/probe.test.ts' }
    )
    return result.messages.map((m) => `${m.line - 2}: ${m.ruleId}`)
  }

  it('passes a test that asserts', async () => {
    expect(await lint("it('a', () => {\n  expect(1).toBe(1)\n})")).toEqual([])
  })

  it.each([
    [
      'it.failing, which passes when the test breaks',
      "it.failing('a', () => {\n  expect(1).toBe(2)\n})",
      ['1: no-restricted-properties']
    ],
    [
      'a return before the assertions',
      "it('a', () => {\n  return\n  expect(1).toBe(2)\n})",
      ['2: jest/no-test-return-statement']
    ],
    [
      'an early return under a condition',
      "it('a', () => {\n  const x = 1\n  if (x === 1) return\n  expect(x).toBe(2)\n})",
      ['3: jest/no-conditional-in-test', '3: no-restricted-syntax']
    ],
    [
      'an early return in a table test',
      "it.each([1])('a %s', (x) => {\n  if (x === 1) {\n    return\n  }\n  expect(x).toBe(2)\n})",
      ['2: jest/no-conditional-in-test', '3: no-restricted-syntax']
    ],
    [
      'an assertion that runs only sometimes',
      "it('a', () => {\n  const x = Date.now()\n  if (x % 2) expect(x).toBe(1)\n})",
      ['3: jest/no-conditional-in-test', '3: jest/no-conditional-expect']
    ],
    [
      'an expected value chosen by a branch',
      "it('a', () => {\n  const x = Date.now()\n  expect(x % 2).toBe(x % 2 ? 1 : 0)\n})",
      ['3: jest/no-conditional-in-test']
    ],
    [
      'a test without an assertion',
      "it('a', () => {\n  const x = 1\n  void x\n})",
      ['1: jest/expect-expect']
    ],
    [
      'a skipped test',
      "it.skip('a', () => {\n  expect(1).toBe(2)\n})",
      ['1: jest/no-disabled-tests']
    ]
  ])('fails on %s', async (_what, code, expected) => {
    expect(await lint(code)).toEqual(expected)
  })
})

describe('the smoke bench in .ci/run', () => {
  /** A report of one row, its console line silenced. */
  function reportOf(smoke: boolean, verdict: ReturnType<typeof atMost>) {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined)
    try {
      const report = new Report(smoke)
      report.record('a figure', '', '', '', 1, verdict)
      return report
    } finally {
      log.mockRestore()
    }
  }

  it('fails --check on a missed request count', () => {
    const report = reportOf(true, anySize(atMost(12, 11, count)))
    expect(report.missed).toEqual(['a figure: ≤ 11, 1 over'])
    expect(report.exitCode(true)).toBe(1)
    expect(report.exitCode(false)).toBe(0)
  })

  it('leaves a timed budget to the full run, and says so in the row', () => {
    const missedTime = atMost(2000, 1500, ms)
    const smoke = reportOf(true, missedTime)
    expect(smoke.missed).toEqual([])
    expect(smoke.exitCode(true)).toBe(0)
    expect(smoke.rows[0].verdict).toEqual({
      budget: '≤ 1500 ms (full run only)'
    })
    expect(smoke.verdicts).toBe('0 of 0 budgets met.')
    const full = reportOf(false, missedTime)
    expect(full.missed).toEqual(['a figure: ≤ 1500 ms, 500 ms over'])
    expect(full.exitCode(true)).toBe(1)
  })

  it('judges only the any-size part of a row with both', () => {
    const timeMissed = reportOf(
      true,
      all(atLeast(2, 3, times), anySize(atMost(10, 10, count)))
    )
    expect(timeMissed.missed).toEqual([])
    expect(timeMissed.rows[0].verdict).toEqual({
      budget: '≥ 3.00× (full run only); ≤ 10',
      met: true,
      margin: '0 to spare'
    })
    const countMissed = reportOf(
      true,
      all(atLeast(4, 3, times), anySize(atMost(11, 10, count)))
    )
    expect(countMissed.missed).toEqual([
      'a figure: ≥ 3.00× (full run only); ≤ 10, 1 over'
    ])
  })

  describe('a race against another tool (medians of runs in turns)', () => {
    const sample = (median: number) => ({ n: 5, min: median - 1, median })
    const race = (action: number, vendor: number, floor: number) =>
      fasterThan(
        'the vendor snippet',
        sample(action),
        sample(vendor),
        sample(floor)
      )

    it('is met when the action is faster, and missed when only the floor is', () => {
      expect(race(40, 50, 30)).toEqual({
        budget: 'faster than the vendor snippet',
        met: true,
        margin: '0.80× its time'
      })
      const missed = reportOf(false, race(60, 50, 49))
      expect(missed.missed).toEqual([
        'a figure: faster than the vendor snippet, 1.20× its time'
      ])
      expect(missed.exitCode(true)).toBe(1)
    })

    it('is not judged, and says why, when the floor script is not faster either', () => {
      for (const floor of [50, 61]) {
        const report = reportOf(false, race(119, 50, floor))
        expect(report.missed).toEqual([])
        expect(report.exitCode(true)).toBe(0)
        expect(report.rows[0].verdict.met).toBeUndefined()
        expect(report.verdicts).toBe(
          '0 of 0 budgets met; not judged, as this run shows no Node program can meet it: a figure: faster than the vendor snippet.'
        )
        expect(report.table()).toContain(
          `| faster than the vendor snippet | not judged (the floor script took ${floor} ms against 50 ms, so no Node program can be; the action took ${(119 / floor).toFixed(2)}× the floor's time) |`
        )
      }
    })

    it('is left to the full run by a smoke run, judged or not', () => {
      for (const verdict of [race(119, 50, 60), race(60, 50, 40)]) {
        const smoke = reportOf(true, verdict)
        expect(smoke.rows[0].verdict).toEqual({
          budget: 'faster than the vendor snippet (full run only)'
        })
        expect(smoke.verdicts).toBe('0 of 0 budgets met.')
      }
    })
  })

  describe('a start-up budget set in milliseconds where node -e 0 took 25 ms', () => {
    const node = (median: number) => ({ n: 31, min: median / 2, median })

    it('holds as set on a machine as fast or faster', () => {
      for (const median of [12, 25]) {
        expect(atMostForMachine(40, 40, node(median))).toEqual({
          budget: '≤ 40 ms',
          met: true,
          margin: '0 ms to spare'
        })
        expect(atMostForMachine(41, 40, node(median)).met).toBe(false)
      }
    })

    it("grows with node -e 0's median on a slower machine, and is still missed past it", () => {
      const budget =
        '≤ 40 ms where `node -e 0` takes 25 ms: ≤ 160 ms here, where it took 100 ms (4.00×)'
      expect(atMostForMachine(150, 40, node(100))).toEqual({
        budget,
        met: true,
        margin: '10 ms to spare'
      })
      const missed = reportOf(false, atMostForMachine(161, 40, node(100)))
      expect(missed.missed).toEqual([`a figure: ${budget}, 1 ms over`])
      expect(missed.exitCode(true)).toBe(1)
      expect(atMostForMachine(31, 30, node(26)).met).toBe(true)
      expect(atMostForMachine(32, 30, node(26)).met).toBe(false)
    })
  })

  it("says in the README's summary how long node -e 0 took, when the start-up group ran", () => {
    const report = reportOf(false, atMost(1, 2, count))
    expect(report.summary()).toMatch(
      /^From `npm run bench` on \d{4}-\d{2}-\d{2}, the full figures/
    )
    report.nodeStart = '92 ms'
    expect(report.summary()).toMatch(
      /^From `npm run bench` on \d{4}-\d{2}-\d{2} on a machine, where `node -e 0` took 92 ms, the full figures/
    )
  })

  it('runs with --check, so a miss stops CI', () => {
    const run = readFileSync('.ci/run', 'utf8')
    expect(run).toMatch(/^set -euo pipefail$/m)
    expect(run).toMatch(/^npm run -s bench -- --smoke --check$/m)
  })
})
