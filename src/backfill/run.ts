import { appendFileSync, readFileSync } from 'node:fs'
import { buildPayload } from '../deployment.js'
import { ApiError, errorMessage } from '../errors.js'
import type { MultitudesClient } from '../multitudes-client.js'
import type { PlannedDeployment } from './plan.js'
import type { Progress } from './progress.js'
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
}

/** One line of the state file: a deployment Multitudes recorded. */
const stateKey = (environment: string, head: string, deployedAt: string) =>
  `${environment}\u0000${head}\u0000${deployedAt}`

function readState(file: string): Set<string> {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return new Set() // no state file yet: nothing was posted
  }
  const keys = new Set<string>()
  for (const line of text.split('\n')) {
    try {
      const r = JSON.parse(line) as Record<string, string>
      keys.add(stateKey(r.environment, r.head, r.deployedAt))
    } catch {
      // A line cut by a kill mid-write: that deployment is posted again (the API dedupes).
    }
  }
  return keys
}

/**
 * Posts the plan in order, at most `rate` requests a second. Each deployment the API records is
 * appended to the state file at once, so a re-run (or a run after a kill) skips it without a
 * request. Stops at the first error a user must fix (400, 401, 403), and says where.
 */
export async function runBackfill(
  plan: readonly PlannedDeployment[],
  options: BackfillOptions,
  client: MultitudesClient | undefined,
  io: BackfillIo
): Promise<BackfillResult> {
  const done = readState(options.stateFile)
  const items: BackfillItem[] = plan.map((p) => ({
    head: p.head,
    base: p.base ?? null,
    commitCount: p.range.shas.length,
    rangeStatus: p.range.status,
    deployedAt: p.deployedAt,
    source: p.source,
    status: done.has(stateKey(options.environment, p.head, p.deployedAt))
      ? 'skipped'
      : 'planned'
  }))
  let stopped: string | undefined
  if (!options.dryRun && client) {
    const interval = 1000 / options.rate
    let last = -Infinity
    let handled = 0
    io.progress.start(items.filter((x) => x.status === 'planned').length)
    for (const [i, item] of items.entries()) {
      if (item.status !== 'planned') continue
      const wait = last + interval - io.now()
      if (wait > 0) await io.sleep(wait)
      last = io.now()
      const payload = buildPayload(options, plan[i].range.shas, item.deployedAt)
      try {
        await client.postDeployment(payload)
        appendFileSync(
          options.stateFile,
          `${JSON.stringify({ environment: options.environment, head: item.head, deployedAt: item.deployedAt, source: item.source, postedAt: new Date(io.now()).toISOString() })}\n`
        )
        item.status = 'posted'
      } catch (error) {
        item.status = 'failed'
        const fix = error instanceof ApiError && !error.outage
        io.log(`Failed: ${item.source}: ${errorMessage(error)}`)
        if (fix || options.onError === 'fail') {
          stopped = `stopped at ${item.source} (${item.deployedAt}): ${errorMessage(error)}`
          break
        }
      }
      io.progress.update(++handled)
    }
    io.progress.stop()
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
