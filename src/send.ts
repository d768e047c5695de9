import { plural } from './plural.js'
import { say } from './untrusted.js'
import * as core from './core.js'
import type { DeploymentPayload } from './deployment.js'
import { errorMessage } from './errors.js'
import type { Inputs } from './inputs.js'
import type { MultitudesClient, RecordCheck } from './multitudes-client.js'
import { checkRecord, findRecorded } from './record/lookup.js'
import type { Membership } from './record/membership.js'
import type { MultitudesRecord } from './record/reader.js'
import type { Report } from './report.js'
import { verifyDeployment } from './verify.js'

/** Multitudes' record, as the send step reads it. */
export interface RecordAccess {
  /** The record as read for this run (base and the check before the POST share its pages). */
  current: MultitudesRecord | undefined
  /** A new read, for after an ambiguous failure. */
  fresh: () => MultitudesRecord | undefined
  /** Which listed commits are this repository's; undefined when nothing can tell. */
  membership: Membership | undefined
}

const NO_RECORD: RecordAccess = {
  current: undefined,
  fresh: () => undefined,
  membership: undefined
}

/**
 * POSTs the payload (unless this is a dry run, or Multitudes' record already holds it) and, with
 * `verify`, reads it back.
 */
export async function sendDeployment(
  inputs: Pick<Inputs, 'dryRun' | 'verify' | 'apiUrl'>,
  multitudes: MultitudesClient | undefined,
  payload: DeploymentPayload,
  report: Report,
  record: RecordAccess = NO_RECORD
): Promise<void> {
  if (inputs.dryRun || multitudes === undefined) {
    say.info(
      `Dry run: would send ${plural(payload.commitSha.length, 'commit')} to ${inputs.apiUrl.href}.`
    )
    return
  }
  if (await alreadyRecorded(record, payload, report)) return
  report.post = await core.group('Reporting deployment', () => {
    say.info(
      `Posting ${plural(payload.commitSha.length, 'commit')} to ${inputs.apiUrl.host}; with retries this takes at most ${Math.ceil(multitudes.worstCaseMs / 1000)} s.`
    )
    return multitudes.postDeployment(payload, {
      checkRecord: record.current
        ? () => checkAgain(record, payload)
        : undefined
    })
  })
  say.info(
    report.post.foundInRecord
      ? `Multitudes recorded the deployment (its record lists it at ${report.post.foundInRecord}).`
      : `Multitudes recorded the deployment (HTTP ${report.post.status}).`
  )
  if (inputs.verify) {
    await core.group('Verifying', () => verifyDeployment(multitudes, payload))
    report.verified = true
    say.info('The deployment reads back from GET /deployment.')
  }
}

/** True when Multitudes' record already holds the payload: it is not sent again. */
async function alreadyRecorded(
  record: RecordAccess,
  payload: DeploymentPayload,
  report: Report
): Promise<boolean> {
  if (!record.current) return false
  const found = await findRecorded(
    record.current,
    payload,
    record.membership
  ).catch((error: unknown) => {
    say.warning(
      `Could not compare Multitudes' record with this deployment (${errorMessage(error)}); sending it.`
    )
    return undefined
  })
  if (!found) return false
  report.skipped = `already recorded at ${found.deployedAt}`
  say.notice(
    `Nothing sent: Multitudes' record already holds this deployment (the same ${plural(payload.commitSha.length, 'commit')} to ${found.environment}), recorded at ${found.deployedAt}. A re-run or a repeated event must not count it twice.`
  )
  return true
}

/** After an ambiguous failure of the POST: does a fresh read of the record hold the payload? */
async function checkAgain(
  record: RecordAccess,
  payload: DeploymentPayload
): Promise<RecordCheck> {
  // Unreadable before the POST (a key without the read scope): no second try says more.
  if (record.current?.unreadable !== undefined)
    return { state: 'unknown', why: record.current.unreadable }
  const fresh = record.fresh()
  if (!fresh) return { state: 'unknown', why: 'record-check is off' }
  return checkRecord(fresh, (r) => findRecorded(r, payload, record.membership))
}
