/** The local API's record: dedupe, paging, persistence. */
import { randomUUID } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'

export interface StoredDeployment {
  id: string
  commitSha: string[]
  environmentName: string
  deployedAt: string
  title?: string
  tags?: string[]
  isTest: boolean
  receivedAt: string
}

const keys = new WeakMap<object, string>()

/** Same commits and environment: one deployment (computed once per record). */
const dedupeKey = (
  d: Pick<StoredDeployment, 'commitSha' | 'environmentName'>
): string => {
  let key = keys.get(d)
  if (key === undefined) {
    key = `${[...new Set(d.commitSha)].sort().join(',')}|${d.environmentName}`
    keys.set(d, key)
  }
  return key
}

export interface ListQuery {
  page: number
  pageSize: number
  includeTests: boolean
}

/**
 * The deployments as the vendor keeps them: the latest POST of each commit set and environment,
 * and every one received in order. Persisted to a JSON file when given one.
 */
export class Store {
  readonly deployments: StoredDeployment[]
  readonly received: StoredDeployment[] = []

  private readonly persistPath: string | undefined
  private readonly now: () => Date

  constructor(persistPath: string | undefined, now: () => Date) {
    this.persistPath = persistPath
    this.now = now
    this.deployments = persistPath ? load(persistPath) : []
  }

  /** Stores a valid deployment, replacing one of the same commits and environment. */
  add(value: Omit<StoredDeployment, 'id' | 'receivedAt'>): StoredDeployment {
    const receivedAt = this.now().toISOString()
    const record: StoredDeployment = {
      id: randomUUID(),
      ...value,
      deployedAt: value.deployedAt || receivedAt,
      receivedAt
    }
    const key = dedupeKey(record)
    const same = this.deployments.findIndex((d) => dedupeKey(d) === key)
    if (same >= 0) this.deployments.splice(same, 1)
    this.deployments.push(record)
    this.received.push(record)
    if (this.persistPath)
      writeFileSync(
        this.persistPath,
        JSON.stringify(this.deployments, null, 2) + '\n'
      )
    return record
  }

  /** One page, newest first as documented: by deployedAt, the latest received first among equals. */
  list({ page, pageSize, includeTests }: ListQuery): {
    items: StoredDeployment[]
    total: number
  } {
    const visible = this.deployments
      .map((d, i) => ({ d, i }))
      .filter(({ d }) => includeTests || !d.isTest)
      .sort(
        (a, b) =>
          Date.parse(b.d.deployedAt) - Date.parse(a.d.deployedAt) || b.i - a.i
      )
      .map(({ d }) => d)
    return {
      items: visible.slice((page - 1) * pageSize, page * pageSize),
      total: visible.length
    }
  }
}

function load(path: string): StoredDeployment[] {
  try {
    const data: unknown = JSON.parse(readFileSync(path, 'utf8'))
    return Array.isArray(data) ? (data as StoredDeployment[]) : []
  } catch {
    return []
  }
}
