import type { DeploymentPayload } from '../deployment.js'
import { errorMessage } from '../errors.js'
import type { RecordCheck } from '../multitudes-client.js'
import type { Membership } from './membership.js'
import type { MultitudesRecord, Recorded } from './reader.js'

/** A record with the SHAs of it that are commits of this repository. */
export interface OwnRecord extends Recorded {
  present: string[]
}

const holds = (record: Recorded, sha: string): boolean =>
  record.shas.some((s) => sha.startsWith(s))

/**
 * This repository's records of `environment`, newest first, read as far as the newest one that
 * does not hold `head`: the deployment before this one. A record of this deployment, if it was
 * sent before, is newer than that, so nothing older is needed.
 */
async function ownRecords(
  record: MultitudesRecord,
  environment: string,
  head: string,
  membership: Membership
): Promise<OwnRecord[]> {
  const present = new Map<Recorded, string[]>()
  const own = (r: Recorded): string[] => present.get(r) ?? []
  await record.scan(environment, async (records) => {
    const fresh = records.filter((r) => !present.has(r))
    const asked = fresh.flatMap((r) =>
      membership.everySha ? r.shas : r.shas.slice(0, 1)
    )
    const found =
      fresh.length > 0
        ? await membership.present([...new Set(asked)])
        : new Set()
    for (const r of fresh)
      present.set(
        r,
        r.shas.filter((s) => found.has(s))
      )
    return records.some((r) => own(r).length > 0 && !holds(r, head))
  })
  return [...present.keys()]
    .sort((a, b) => b.time - a.time)
    .map((r) => ({ ...r, present: own(r) }))
}

/**
 * The newest recorded deployment of this repository to `environment` before one that holds
 * `head`: its newest commit in the repository is base (the `multitudes` strategy).
 */
export async function recordBase(
  record: MultitudesRecord,
  environment: string,
  head: string,
  membership: Membership
): Promise<{ sha: string; deployedAt: string } | undefined> {
  const records = await ownRecords(record, environment, head, membership)
  const previous = records.find((r) => r.present.length > 0 && !holds(r, head))
  return (
    previous && { sha: previous.present[0], deployedAt: previous.deployedAt }
  )
}

/** The vendor's dedupe key: the environment without case, and the same set of commits. */
export function isSameDeployment(
  recorded: Pick<Recorded, 'shas' | 'environment' | 'isTest'>,
  payload: Pick<DeploymentPayload, 'commitSha' | 'environmentName' | 'isTest'>
): boolean {
  if (
    recorded.environment.toLowerCase() !== payload.environmentName.toLowerCase()
  )
    return false
  // A test run matches only test records; a real run reads no test records at all.
  if (payload.isTest === true && !recorded.isTest) return false
  const listed = new Set(recorded.shas)
  return (
    listed.size === payload.commitSha.length &&
    payload.commitSha.every((sha) => [...listed].some((s) => sha.startsWith(s)))
  )
}

/**
 * The record of this deployment, when it was sent before: newer than the deployment before it
 * (see ownRecords). Undefined when it is not there, or the record could not be read.
 */
export async function findRecorded(
  record: MultitudesRecord,
  payload: DeploymentPayload,
  membership: Membership | undefined
): Promise<Recorded | undefined> {
  const head = payload.commitSha[0]
  const noMembership: Membership = {
    everySha: false,
    present: () => Promise.resolve(new Set())
  }
  const records = await ownRecords(
    record,
    payload.environmentName,
    head,
    membership ?? noMembership
  )
  for (const r of records) {
    if (isSameDeployment(r, payload)) return r
    if (r.present.length > 0 && !holds(r, head)) return undefined
  }
  return undefined
}

/**
 * Every record of `environment` that the reader's bounds reach, as a look-up for many payloads
 * (a backfill): indexed by each listed SHA's first 7 characters.
 */
export async function recordIndex(
  record: MultitudesRecord,
  environment: string
): Promise<(payload: DeploymentPayload) => Recorded | undefined> {
  const records = await record.scan(environment, () => Promise.resolve(false))
  const bySha = new Map<string, Recorded[]>()
  for (const r of records) {
    for (const sha of r.shas) {
      const key = sha.slice(0, 7)
      const list = bySha.get(key)
      if (list) list.push(r)
      else bySha.set(key, [r])
    }
  }
  return (payload) =>
    bySha
      .get(payload.commitSha[0].slice(0, 7))
      ?.find((r) => isSameDeployment(r, payload))
}

/**
 * What a fresh read of the record says of a deployment after an ambiguous failure: `find` looks
 * it up; a read or a look-up that fails leaves the outcome unknown, never "absent".
 */
export async function checkRecord(
  fresh: MultitudesRecord,
  find: (record: MultitudesRecord) => Promise<Recorded | undefined>
): Promise<RecordCheck> {
  try {
    const found = await find(fresh)
    if (found) return { state: 'recorded', deployedAt: found.deployedAt }
  } catch (error) {
    // A membership look-up (git, GitHub) that failed: the record cannot be judged.
    return { state: 'unknown', why: errorMessage(error) }
  }
  return fresh.unreadable === undefined
    ? { state: 'absent' }
    : { state: 'unknown', why: fresh.unreadable }
}
