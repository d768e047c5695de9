import { errorMessage } from '../errors.js'
import type { MultitudesClient } from '../multitudes-client.js'

/** One deployment in Multitudes' record, as GET /deployment lists it. */
export interface Recorded {
  /** Lowercase, as listed (the API accepts SHAs from 7 characters). */
  shas: string[]
  environment: string
  deployedAt: string
  /** `deployedAt` in ms, for sorting: the page order is not trusted. */
  time: number
  isTest: boolean
}

/** How much of the record one run reads at most. Stated in the README; measured in the bench. */
export const RECORD_BOUNDS = { maxPages: 10, maxMs: 10_000 }
/** The API's largest page. */
export const RECORD_PAGE_SIZE = 100

export interface RecordOptions {
  /** Test deployments are listed only to a test run. */
  includeTests: boolean
  maxPages?: number
  maxMs?: number
  /** Told once, when the record cannot be read; the run goes on as if it were empty. */
  warn: (message: string) => void
}

/**
 * Multitudes' record, read newest first, a page at a time and only as far as a caller needs.
 * Pages read are kept, so choosing base and checking for a duplicate cost one scan between them.
 */
export interface MultitudesRecord {
  /**
   * The records of `environment` (names compared without case), newest `deployedAt` first, from
   * the pages read until `enough` is true of the records read so far, the list ends, or a bound
   * is reached.
   */
  scan(
    environment: string,
    enough: (records: readonly Recorded[]) => Promise<boolean>
  ): Promise<Recorded[]>
  /** Starts reading the first page, so that the request overlaps the run's git calls. */
  prefetch(): void
  /** Why a page could not be read, once one could not: the scan then ended there. */
  readonly unreadable: string | undefined
}

/**
 * Multitudes' record, read a page at a time and only as far as asked. Longer than 40 lines as a
 * whole, short in its parts: one closure holds the pages read, the deadline and what was told,
 * which its methods share.
 */
export function createRecord(
  client: Pick<MultitudesClient, 'listDeployments'>,
  {
    includeTests,
    maxPages = RECORD_BOUNDS.maxPages,
    maxMs = RECORD_BOUNDS.maxMs,
    warn
  }: RecordOptions
): MultitudesRecord {
  const pages: Recorded[][] = []
  let ended = false
  let unreadable: string | undefined
  let told = false
  let deadline: AbortSignal | undefined

  /** The next page, or undefined when there is none to read (end, bound, or unreadable). */
  async function nextPage(): Promise<Recorded[] | undefined> {
    if (ended) return undefined
    if (pages.length >= maxPages) {
      ended = true
      return undefined
    }
    deadline ??= AbortSignal.timeout(maxMs)
    const page = pages.length + 1
    try {
      if (deadline.aborted) throw new Error(`${maxMs / 1000} s passed`)
      const answer = await client.listDeployments(page, RECORD_PAGE_SIZE, {
        includeTests,
        signal: deadline
      })
      const items = answer.complete ? deploymentsOf(answer.body) : undefined
      if (items === undefined) {
        throw new Error(
          `page ${page} is not a list of deployments (${answer.complete ? 'not JSON, or no list in it' : 'the body broke, stalled or passed its size limit'})`
        )
      }
      const records = items.flatMap(toRecorded)
      pages.push(records)
      if (items.length < RECORD_PAGE_SIZE) ended = true
      return records
    } catch (error) {
      ended = true
      unreadable = deadline.aborted
        ? `no whole page within ${maxMs / 1000} s`
        : errorMessage(error)
      return undefined
    }
  }

  /** The page being read: a prefetch and a scan wait for the same request. */
  let reading: Promise<Recorded[] | undefined> | undefined
  const next = (): Promise<Recorded[] | undefined> =>
    (reading ??= nextPage().finally(() => {
      reading = undefined
    }))

  return {
    get unreadable() {
      return unreadable
    },
    prefetch() {
      if (pages.length === 0) void next()
    },
    async scan(environment, enough) {
      const wanted = environment.toLowerCase()
      const read: Recorded[] = []
      for (let i = 0; ; i++) {
        const page = pages[i] ?? (await next())
        if (page === undefined) break
        read.push(...page.filter((r) => r.environment.toLowerCase() === wanted))
        read.sort((a, b) => b.time - a.time)
        if (await enough(read)) break
      }
      // Told by the scan that meets it, not by a prefetch: a run that fails first says nothing.
      if (unreadable !== undefined && !told) {
        told = true
        warn(
          `Multitudes' record could not be read (${unreadable}); going on as if it held no more deployments. A key with the Deployments read scope lets the run check what was already sent.`
        )
      }
      return read
    }
  }
}

interface Listed {
  commitSha?: unknown
  environmentName?: unknown
  deployedAt?: unknown
  isTest?: unknown
}

/**
 * Deployments in a GET response: a top-level array, or one under a usual key. Undefined when the
 * body is not JSON or holds no list: a page that cannot be read must never read as "absent".
 */
export function deploymentsOf(body: string): Listed[] | undefined {
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return undefined
  }
  const list = Array.isArray(json)
    ? json
    : ['deployments', 'data', 'items', 'results']
        .map((key) => (json as Record<string, unknown> | null)?.[key])
        .find(Array.isArray)
  return list?.filter(
    (item): item is Listed => typeof item === 'object' && item !== null
  )
}

const SHA = /^[0-9a-f]{7,64}$/

/** A listed deployment with the fields a comparison needs; anything else is passed over. */
function toRecorded(item: Listed): Recorded[] {
  const raw =
    typeof item.commitSha === 'string' ? [item.commitSha] : item.commitSha
  if (!Array.isArray(raw) || typeof item.environmentName !== 'string') return []
  const shas = raw.map((s) => String(s).toLowerCase())
  const time =
    typeof item.deployedAt === 'string' ? Date.parse(item.deployedAt) : NaN
  if (
    shas.length === 0 ||
    !shas.every((s) => SHA.test(s)) ||
    Number.isNaN(time)
  )
    return []
  return [
    {
      shas,
      environment: item.environmentName,
      deployedAt: new Date(time).toISOString(),
      time,
      isTest: item.isTest === true
    }
  ]
}
