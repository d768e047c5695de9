import { setTimeout as delay } from 'node:timers/promises'
import type { DeploymentPayload } from './deployment.js'
import { VerificationError } from './errors.js'
import type { MultitudesClient } from './multitudes-client.js'
import { deploymentsOf } from './record/reader.js'

type Listed = NonNullable<ReturnType<typeof deploymentsOf>>[number]

export interface VerifyOptions {
  /** Reads of the whole list before giving up (the API may take a moment to list a new record). */
  tries?: number
  waitMs?: number
  /** Pages of 100 read per try; newest come first, so a fresh record is on page 1. */
  maxPages?: number
  /** All the reads and waits: past it, verifying stops and says so. */
  maxMs?: number
  sleep?: (ms: number) => Promise<void>
}

const PAGE_SIZE = 100

/** The same commits, environment and (when listed) time as the payload. */
export function isSameDeployment(
  item: Listed,
  payload: DeploymentPayload
): boolean {
  const shas =
    typeof item.commitSha === 'string' ? [item.commitSha] : item.commitSha
  if (!Array.isArray(shas) || item.environmentName !== payload.environmentName)
    return false
  const listed = new Set(shas.map((s) => String(s).toLowerCase()))
  const sameCommits =
    listed.size === payload.commitSha.length &&
    payload.commitSha.every((s) => listed.has(s))
  const sameTime =
    typeof item.deployedAt !== 'string' ||
    Date.parse(item.deployedAt) === Date.parse(payload.deployedAt)
  return sameCommits && sameTime
}

/** Reads the deployment back through GET /deployment; throws VerificationError when absent. */
export async function verifyDeployment(
  client: MultitudesClient,
  payload: DeploymentPayload,
  {
    tries = 3,
    waitMs = 2000,
    maxPages = 10,
    maxMs = VERIFY_MS,
    sleep = (ms) => delay(ms)
  }: VerifyOptions = {}
): Promise<void> {
  const deadline = AbortSignal.timeout(maxMs)
  for (let attempt = 1; attempt <= tries; attempt++) {
    for (let page = 1; page <= maxPages; page++) {
      const items = await readPage(client, page, deadline, maxMs)
      if (items.some((item) => isSameDeployment(item, payload))) return
      if (items.length < PAGE_SIZE) break
    }
    if (attempt < tries) await sleep(waitMs)
  }
  throw new VerificationError(
    `The API accepted the deployment, but it is not in the first ${maxPages * PAGE_SIZE} deployments that GET /deployment lists (${tries} reads).`,
    'Check in Multitudes that the key belongs to the organisation you are looking at; if the deployment appears later, the API was slow to list it.'
  )
}

/** Verifying's bound: three reads of a slow API, not the hour that retries of each page allow. */
export const VERIFY_MS = 30_000

const ACCEPTED =
  'The deployment was accepted (201). Re-run with verify: false, or check it in Multitudes.'

/** One page of the list, read before the deadline; throws when it cannot be read in time. */
async function readPage(
  client: MultitudesClient,
  page: number,
  deadline: AbortSignal,
  maxMs: number
): Promise<Listed[]> {
  // The deadline's abort rejects the read, even mid-body, and past it nothing is sent.
  const answer = await client
    .listDeployments(page, PAGE_SIZE, { signal: deadline })
    .catch((error: unknown) => {
      if (!deadline.aborted) throw error
      throw new VerificationError(
        `Verifying stopped after ${maxMs / 1000} s without finding the deployment in what GET /deployment listed by then, so whether it is there is unknown.`,
        ACCEPTED
      )
    })
  const items = answer.complete ? deploymentsOf(answer.body) : undefined
  if (items === undefined) {
    throw new VerificationError(
      `GET /deployment page ${page} could not be read as a list of deployments (${answer.complete ? 'not JSON, or no list in it' : 'the body broke, stalled or passed its size limit'}), so whether the deployment is there is unknown.`,
      ACCEPTED
    )
  }
  return items
}
