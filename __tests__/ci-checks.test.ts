/** The checks .ci/run relies on can fail: a skipped test and an unparsable results file. */
import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

function check(tests: { fullName: string; status: string }[]) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'jest-')), 'r.json')
  const count = (status: string): number =>
    tests.filter((t) => t.status === status).length
  writeFileSync(
    file,
    JSON.stringify({
      numTotalTests: tests.length,
      numPassedTests: count('passed'),
      numFailedTests: count('failed'),
      numPendingTests: count('pending'),
      numTodoTests: count('todo'),
      testResults: [{ name: 'x.test.ts', assertionResults: tests }]
    })
  )
  return spawnSync(process.execPath, ['.ci/check-jest-results.mjs', file], {
    encoding: 'utf8'
  })
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
})
