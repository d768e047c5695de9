import type { MultitudesClient } from '../multitudes-client.js'
import { recordIndex } from '../record/lookup.js'
import type { MultitudesRecord } from '../record/reader.js'
import type { PlannedDeployment } from './plan.js'
import { postAll } from './post-loop.js'
import type { Progress } from './progress.js'
import { openState, readState, stateKey, type Target } from './state.js'

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
  const items = plan.map((p) => itemOf(p, done.has(key(p))))
  let stopped: string | undefined
  const todo = items.filter((x) => x.status === 'planned').length
  if (!options.dryRun && client && todo > 0)
    stopped = await postUnderLock(plan, items, options, client, io, key)
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

/** Takes the state file's lock for the whole loop, so a second run cannot send the same ones. */
async function postUnderLock(
  plan: readonly PlannedDeployment[],
  items: BackfillItem[],
  options: BackfillOptions,
  client: MultitudesClient,
  io: BackfillIo,
  key: (p: PlannedDeployment) => string
): Promise<string | undefined> {
  const state = openState(options.stateFile)
  try {
    // Read again under the lock: a run that held it before may have posted some of these.
    for (const [i, item] of items.entries())
      if (state.done.has(key(plan[i]))) item.status = 'skipped'
    const recorded = io.record
      ? await recordIndex(io.record, options.environment)
      : () => undefined
    return await postAll(plan, items, options, client, io, {
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

function itemOf(p: PlannedDeployment, done: boolean): BackfillItem {
  return {
    head: p.head,
    base: p.base ?? null,
    commitCount: p.range.shas.length,
    rangeStatus: p.range.status,
    deployedAt: p.deployedAt,
    source: p.source,
    status: done ? 'skipped' : 'planned'
  }
}
