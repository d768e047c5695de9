/** The local API's record: validation as the vendor documents it, dedupe, paging, persistence. */
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

const HEX_SHA = /^[0-9a-fA-F]{7,64}$/
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?Z$/

export type Problem = { field: string; message: string }

export function validateDeployment(body: unknown): {
  problems: Problem[]
  value?: Omit<StoredDeployment, 'id' | 'receivedAt'>
} {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { problems: [{ field: 'body', message: 'must be a JSON object' }] }
  }
  const b = body as Record<string, unknown>
  const problems: Problem[] = []
  const shas = typeof b.commitSha === 'string' ? [b.commitSha] : b.commitSha
  if (!Array.isArray(shas) || shas.length === 0) {
    problems.push({
      field: 'commitSha',
      message: 'is required: a SHA or a non-empty array of SHAs'
    })
  } else if (!shas.every((s) => typeof s === 'string' && HEX_SHA.test(s))) {
    problems.push({
      field: 'commitSha',
      message: 'each value must be a hex SHA of at least 7 characters'
    })
  }
  if (
    typeof b.environmentName !== 'string' ||
    b.environmentName.trim() === ''
  ) {
    problems.push({
      field: 'environmentName',
      message: 'is required: a non-empty string'
    })
  }
  if (
    b.deployedAt !== undefined &&
    (typeof b.deployedAt !== 'string' ||
      !ISO_UTC.test(b.deployedAt) ||
      Number.isNaN(Date.parse(b.deployedAt)))
  ) {
    problems.push({
      field: 'deployedAt',
      message: 'must be a UTC datetime in ISO 8601 format'
    })
  }
  if (b.title !== undefined && typeof b.title !== 'string') {
    problems.push({ field: 'title', message: 'must be a string' })
  }
  const tags = typeof b.tags === 'string' ? [b.tags] : b.tags
  if (
    tags !== undefined &&
    !(Array.isArray(tags) && tags.every((t) => typeof t === 'string'))
  ) {
    problems.push({
      field: 'tags',
      message: 'must be a string or an array of strings'
    })
  }
  if (b.isTest !== undefined && typeof b.isTest !== 'boolean') {
    problems.push({ field: 'isTest', message: 'must be a boolean' })
  }
  if (problems.length > 0) return { problems }
  return {
    problems,
    value: {
      commitSha: (shas as string[]).map((s) => s.toLowerCase()),
      environmentName: b.environmentName as string,
      deployedAt: (b.deployedAt as string | undefined) ?? '',
      ...(b.title !== undefined ? { title: b.title as string } : {}),
      ...(tags !== undefined ? { tags: tags as string[] } : {}),
      isTest: b.isTest === true
    }
  }
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

/** A page query's problems, as the API's 400 lists them. */
export function queryProblems(page: number, pageSize: number): Problem[] {
  const bad: Problem[] = []
  if (!Number.isInteger(page) || page < 1)
    bad.push({ field: 'page', message: 'must be a whole number from 1' })
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100)
    bad.push({
      field: 'pageSize',
      message: 'must be a whole number from 1 to 100'
    })
  return bad
}

function load(path: string): StoredDeployment[] {
  try {
    const data: unknown = JSON.parse(readFileSync(path, 'utf8'))
    return Array.isArray(data) ? (data as StoredDeployment[]) : []
  } catch {
    return []
  }
}
