import { buildPayload, type DeploymentPayload } from '../deployment.js'
import { ApiError, errorMessage } from '../errors.js'
import type { MultitudesClient, RecordCheck } from '../multitudes-client.js'
import { checkRecord, recordIndex } from '../record/lookup.js'
import type { MultitudesRecord } from '../record/reader.js'
import type { PlannedDeployment } from './plan.js'
import type { Progress } from './progress.js'
import { openState, readState, stateKey, type Target } from './state.js'
import { logLine } from '../untrusted.js'

export type ItemStatus = 'planned' | 'posted' | 'skipped' | 'failed'

export interface BackfillItem {
  head: string
  base: string | null
  commitCount: number
  rangeStatus: string
  deployedAt: string
  source: string
  status: ItemStatus
}

export interface BackfillResult {
  planned: number
  posted: number
  skipped: number
  failed: number
  deployments: BackfillItem[]
  /** Why the run stopped before the end, naming the deployment. */
  stopped: string | undefined
}

export interface BackfillOptions {
  environment: string
  /** Where the deployments go: part of every state key. */
  target: Target
  dryRun: boolean
  stateFile: string
  /** Multitudes requests per second at most. */
  rate: number
  isTest: boolean
  title: string | undefined
  tags: string[]
  /** `fail`: an outage stops the run; `warn`/`warn-on-outage`: it counts as failed, and on. */
  onError: 'fail' | 'warn' | 'warn-on-outage'
}

export interface BackfillIo {
  log: (line: string) => void
  sleep: (ms: number) => Promise<void>
  now: () => number
  progress: Progress
  /** The signal that asked the run to stop, once one did. */
  interrupted: () => NodeJS.Signals | undefined
  /** Multitudes' record, read once before the first POST; undefined to rely on the state alone. */
  record?: MultitudesRecord
  /** A new read of the record, after an ambiguous failure. */
  freshRecord?: () => MultitudesRecord | undefined
}

/**
 * Posts the plan in order, at most `rate` requests a second. A deployment is skipped without a
 * POST when the state file or Multitudes' record already holds it; each one the API records is
 * appended to the state file (flushed) at once. Stops at the first error a user must fix (400,
 * 401, 403), or at SIGINT/SIGTERM once the request in flight is settled, and says where.
 */
export async function runBackfill(
  plan: readonly PlannedDeployment[],
  options: BackfillOptions,
  client: MultitudesClient | undefined,
  io: BackfillIo
): Promise<BackfillResult> {
  const done = readState(options.stateFile)
  const key = (p: PlannedDeployment): string => stateKey(options.target, p.id)
  const items: BackfillItem[] = plan.map((p) => ({
    head: p.head,
    base: p.base ?? null,
    commitCount: p.range.shas.length,
    rangeStatus: p.range.status,
    deployedAt: p.deployedAt,
    source: p.source,
    status: done.has(key(p)) ? 'skipped' : 'planned'
  }))
  let stopped: string | undefined
  const todo = items.filter((x) => x.status === 'planned').length
  if (!options.dryRun && client && todo > 0) {
    const state = openState(options.stateFile)
    try {
      // Read again under the lock: a run that held it before may have posted some of these.
      for (const [i, item] of items.entries())
        if (state.done.has(key(plan[i]))) item.status = 'skipped'
      const recorded = io.record
        ? await recordIndex(io.record, options.environment)
        : () => undefined
      stopped = await postAll(plan, items, options, client, io, {
        recorded,
        save: (p, item, via) =>
          state.record({
            key: key(p),
            source: item.source,
            head: item.head,
            deployedAt: item.deployedAt,
            via,
            at: new Date(io.now()).toISOString()
          })
      })
    } finally {
      state.close()
    }
  }
  const count = (status: ItemStatus): number =>
    items.filter((x) => x.status === status).length
  return {
    planned: items.length,
    posted: count('posted'),
    skipped: count('skipped'),
    failed: count('failed'),
    deployments: items,
    stopped
  }
}

interface Ledger {
  /** The record of a payload in Multitudes, when it is there. */
  recorded: (payload: DeploymentPayload) => { deployedAt: string } | undefined
  save: (
    p: PlannedDeployment,
    item: BackfillItem,
    via: 'post' | 'record'
  ) => void
}

/** The POST loop; returns why it stopped early, if it did. */
async function postAll(
  plan: readonly PlannedDeployment[],
  items: BackfillItem[],
  options: BackfillOptions,
  client: MultitudesClient,
  io: BackfillIo,
  ledger: Ledger
): Promise<string | undefined> {
  const interval = 1000 / options.rate
  let last = -Infinity
  let handled = 0
  io.progress.start(items.filter((x) => x.status === 'planned').length)
  try {
    for (const [i, item] of items.entries()) {
      if (item.status !== 'planned') continue
      const signal = io.interrupted()
      if (signal) return `interrupted by ${signal} before ${item.source}`
      const payload = buildPayload(options, plan[i].range.shas, item.deployedAt)
      const already = ledger.recorded(payload)
      if (already) {
        io.log(
          `Skipped: ${logLine(item.source, 120)}: Multitudes' record holds it (recorded at ${already.deployedAt}).`
        )
        item.status = 'skipped'
        ledger.save(plan[i], item, 'record')
        io.progress.update(++handled)
        continue
      }
      const wait = last + interval - io.now()
      if (wait > 0) await io.sleep(wait)
      last = io.now()
      try {
        await client.postDeployment(payload, {
          checkRecord: () => checkAgain(io, options.environment, payload)
        })
      } catch (error) {
        item.status = 'failed'
        const fix = error instanceof ApiError && !error.outage
        io.log(`Failed: ${logLine(item.source, 120)}: ${errorMessage(error)}`)
        if (fix || options.onError === 'fail')
          return `stopped at ${item.source} (${item.deployedAt}): ${errorMessage(error)}`
        continue
      } finally {
        io.progress.update(++handled)
      }
      item.status = 'posted'
      try {
        ledger.save(plan[i], item, 'post')
      } catch (error) {
        return `stopped after ${item.source}, which Multitudes recorded, because the state file could not be written (${errorMessage(error)}); Multitudes' record is checked on the next run, so it is not sent again`
      }
    }
    return undefined
  } finally {
    io.progress.stop()
  }
}

/** After an ambiguous failure: does a fresh read of the record hold the payload? */
async function checkAgain(
  io: BackfillIo,
  environment: string,
  payload: DeploymentPayload
): Promise<RecordCheck> {
  const fresh = io.freshRecord?.()
  if (!fresh) return { state: 'unknown', why: 'the record is not read' }
  return checkRecord(fresh, async (r) =>
    (await recordIndex(r, environment))(payload)
  )
}

/** The plan as a table: date, head, base, commit count, range status, source item. */
export function planTable(items: readonly BackfillItem[]): string {
  const rows = items.map((d) => [
    d.deployedAt,
    d.head.slice(0, 12),
    d.base ? d.base.slice(0, 12) : '(none)',
    String(d.commitCount),
    d.rangeStatus,
    // A release's tag name comes from GitHub: one short line, no workflow command.
    logLine(d.source, 120)
  ])
  const header = ['date', 'head', 'base', 'commits', 'range', 'source']
  const widths = header.map((h, c) =>
    Math.max(h.length, ...rows.map((r) => r[c].length))
  )
  return [header, ...rows]
    .map((r) =>
      r
        .map((cell, c) => cell.padEnd(widths[c]))
        .join('  ')
        .trimEnd()
    )
    .join('\n')
}
