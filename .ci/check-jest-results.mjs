// Reads jest's --json results: fails when no test ran, when a test was skipped or left as a todo
// without a line in .ci/allowed-skips.txt ("<full test name> | <reason>"), or when fewer tests or
// test files ran than .ci/test-floor.json says (a deleted test file is noticed). A skipped test is
// a check that cannot fail. Raise the floor in the change that adds tests; lowering it is a
// reviewed change. A second argument names another floor file (the checks' own tests use one).
import { readFileSync } from 'node:fs'

const results = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const allowed = new Map(
  readFileSync(new URL('./allowed-skips.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => line.split(' | '))
    .filter(([name, reason]) => name && reason?.trim())
    .map(([name, reason]) => [name.trim(), reason.trim()])
)
const floor = JSON.parse(
  readFileSync(
    process.argv[3] ?? new URL('./test-floor.json', import.meta.url),
    'utf8'
  )
)
const notRun = results.testResults.flatMap((file) =>
  file.assertionResults
    .filter(
      (t) =>
        (t.status === 'pending' || t.status === 'todo') &&
        !allowed.has(t.fullName)
    )
    .map((t) => `${t.status}: ${t.fullName} (${file.name})`)
)
console.log(
  `${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests + results.numTodoTests} skipped`
)
if (results.numTotalTests === 0) {
  console.error('No test ran.')
  process.exit(1)
}
if (notRun.length > 0) {
  console.error(
    `Skipped or todo tests without a reason in .ci/allowed-skips.txt:\n${notRun.join('\n')}`
  )
  process.exit(1)
}
const short = [
  [results.numTotalTests, floor.tests, 'tests'],
  [results.numTotalTestSuites, floor.files, 'test files']
].filter(([ran, least]) => !(ran >= least))
if (short.length > 0) {
  console.error(
    short
      .map(
        ([ran, least, what]) =>
          `${ran} ${what} ran, fewer than the ${least} in .ci/test-floor.json: was a test or a test file deleted?`
      )
      .join('\n')
  )
  process.exit(1)
}
