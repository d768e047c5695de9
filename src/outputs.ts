import * as core from './core.js'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { payloadJson } from './deployment.js'
import { errorMessage } from './errors.js'
import { redact, say } from './untrusted.js'
import type { Report } from './report.js'

/** Every output as action.yml names it. */
export const OUTPUTS = {
  reported: 'reported',
  status: 'status',
  response: 'response',
  requestId: 'request-id',
  payload: 'payload',
  commitShas: 'commit-shas',
  commitCount: 'commit-count',
  truncated: 'truncated',
  headSha: 'head-sha',
  baseSha: 'base-sha',
  baseSource: 'base-source',
  rangeStatus: 'range-status',
  deployedAt: 'deployed-at',
  skipped: 'skipped',
  payloadFile: 'payload-file'
} as const

/**
 * Characters the two lists (`payload` and `commit-shas`) may take together. GitHub allows 1 MB
 * of outputs per job, counted as UTF-16 (2 bytes a character): this leaves room for the rest.
 * The default max-commits (1,000) needs about 90,000; past the budget both are left empty, and
 * `payload-file` has the payload.
 */
export const LIST_BUDGET = 400_000

/** The value of every output for a report: success, dry run, skip and failure alike. */
export function outputValues(
  report: Report,
  payloadFile = ''
): Record<(typeof OUTPUTS)[keyof typeof OUTPUTS], string> {
  const { post, failure, payload, range } = report
  const shas = payload?.commitSha ?? []
  // The list's JSON is at least this long (a SHA needs no escaping), and the payload's longer:
  // past the budget neither 4 MB string is built just to be measured.
  const least = shas.reduce((n, sha) => n + sha.length + 3, 1)
  const small = 2 * least <= LIST_BUDGET
  const json = payload && small ? payloadJson(payload) : ''
  const list = small ? JSON.stringify(shas) : ''
  const fits = small && json.length + list.length <= LIST_BUDGET
  const values = {
    reported: String(post !== undefined),
    // 0: no HTTP answer came back, though the record shows the deployment.
    status: String(post?.status || failure?.status || ''),
    response: post?.body ?? failure?.body ?? '',
    'request-id': post?.requestId ?? failure?.requestId ?? '',
    payload: fits ? json : '',
    'commit-shas': fits ? list : '',
    'commit-count': String(shas.length),
    truncated: String(range?.truncated ?? false),
    'head-sha': range?.head ?? '',
    'base-sha': range?.base ?? '',
    'base-source': range?.baseSource ?? '',
    'range-status': range?.status ?? '',
    'deployed-at': payload?.deployedAt ?? '',
    skipped: report.skipped ?? '',
    'payload-file': payloadFile
  }
  // An answer may quote the key back (a proxy's error page): no output carries a secret.
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, redact(value)])
  ) as typeof values
}

/**
 * Sets every output; the payload is also written to a file in RUNNER_TEMP (`payload-file`). Runs
 * after the POST, so it never throws: a recorded deployment must not end as a red step that
 * invites a re-run.
 */
export function setOutputs(
  report: Report,
  tempDir = process.env.RUNNER_TEMP
): void {
  let file = ''
  if (report.payload && tempDir) {
    try {
      file = path.join(tempDir, `multitudes-payload-${process.pid}.json`)
      writeFileSync(file, payloadJson(report.payload))
    } catch (error) {
      file = ''
      say.warning(
        `Could not write the payload-file output in RUNNER_TEMP: ${errorMessage(error)}`
      )
    }
  }
  const values = outputValues(report, file)
  if (report.payload && values.payload === '') {
    say.warning(
      `The payload of ${report.payload.commitSha.length} commits is too large for step outputs (GitHub allows 1 MB per job): the payload and commit-shas outputs are empty${file ? `; the payload-file output (${file}) has it` : ''}.`
    )
  }
  try {
    for (const [name, value] of Object.entries(values)) {
      core.setOutput(name, value)
    }
  } catch (error) {
    say.warning(`Could not set the step outputs: ${errorMessage(error)}`)
  }
}
