import { buildPayload, type DeploymentPayload } from '../deployment.js'
import { ApiError, errorMessage } from '../errors.js'
import type { MultitudesClient, RecordCheck } from '../multitudes-client.js'
import { checkRecord, recordIndex } from '../record/lookup.js'
import { logLine } from '../untrusted.js'
import type { PlannedDeployment } from './plan.js'
import type { BackfillIo, BackfillItem, BackfillOptions } from './run.js'

export interface Ledger {
  /** The record of a payload in Multitudes, when it is there. */
  recorded: (payload: DeploymentPayload) => { deployedAt: string } | undefined
  save: (
    p: PlannedDeployment,
    item: BackfillItem,
    via: 'post' | 'record'
  ) => void
}

interface Loop {
  options: BackfillOptions
  client: MultitudesClient
  io: BackfillIo
  ledger: Ledger
  /** Waits until the next request keeps to `rate`. */
  pace: () => Promise<void>
}

/** The POST loop; returns why it stopped early, if it did. */
export async function postAll(
  plan: readonly PlannedDeployment[],
  items: BackfillItem[],
  options: BackfillOptions,
  client: MultitudesClient,
  io: BackfillIo,
  ledger: Ledger
): Promise<string | undefined> {
  const loop = { options, client, io, ledger, pace: pacer(io, options.rate) }
  let handled = 0
  io.progress.start(items.filter((x) => x.status === 'planned').length)
  try {
    for (const [i, item] of items.entries()) {
      if (item.status !== 'planned') continue
      const signal = io.interrupted()
      if (signal) return `interrupted by ${signal} before ${item.source}`
      try {
        const stop = await postOne(plan[i], item, loop)
        if (stop) return stop
      } finally {
        io.progress.update(++handled)
      }
    }
    return undefined
  } finally {
    io.progress.stop()
  }
}

function pacer(io: BackfillIo, rate: number): () => Promise<void> {
  const interval = 1000 / rate
  let last = -Infinity
  return async () => {
    const wait = last + interval - io.now()
    if (wait > 0) await io.sleep(wait)
    last = io.now()
  }
}

/** One planned deployment: skipped when the record holds it, else posted and saved. */
async function postOne(
  p: PlannedDeployment,
  item: BackfillItem,
  { options, client, io, ledger, pace }: Loop
): Promise<string | undefined> {
  const payload = buildPayload(options, p.range.shas, item.deployedAt)
  const already = ledger.recorded(payload)
  if (already) {
    io.log(
      `Skipped: ${logLine(item.source, 120)}: Multitudes' record holds it (recorded at ${already.deployedAt}).`
    )
    item.status = 'skipped'
    ledger.save(p, item, 'record')
    return undefined
  }
  await pace()
  try {
    await client.postDeployment(payload, {
      checkRecord: () => checkAgain(io, options.environment, payload)
    })
  } catch (error) {
    item.status = 'failed'
    const fix = error instanceof ApiError && !error.outage
    io.log(`Failed: ${logLine(item.source, 120)}: ${errorMessage(error)}`)
    return fix || options.onError === 'fail'
      ? `stopped at ${item.source} (${item.deployedAt}): ${errorMessage(error)}`
      : undefined
  }
  item.status = 'posted'
  try {
    ledger.save(p, item, 'post')
  } catch (error) {
    return `stopped after ${item.source}, which Multitudes recorded, because the state file could not be written (${errorMessage(error)}); Multitudes' record is checked on the next run, so it is not sent again`
  }
  return undefined
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
