// Reads jest's --json results: fails when no test ran, or when a test was skipped or left as a
// todo without a line in .ci/allowed-skips.txt ("<full test name> | <reason>"). A skipped test
// is a check that cannot fail.
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
