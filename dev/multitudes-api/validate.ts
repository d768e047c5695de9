/** The local API's validation of a POST's body and a page query, as the vendor documents them. */
import type { StoredDeployment } from './store.ts'

const HEX_SHA = /^[0-9a-fA-F]{7,64}$/
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?Z$/

export type Problem = { field: string; message: string }

type Body = Record<string, unknown>

/** A field given as one string or a list of them, as a list. */
const asList = (value: unknown): unknown =>
  typeof value === 'string' ? [value] : value

const isIsoUtc = (value: unknown): boolean =>
  typeof value === 'string' &&
  ISO_UTC.test(value) &&
  !Number.isNaN(Date.parse(value))

/** Each field's check, in the order problems are listed: its message, or undefined when valid. */
const FIELDS: [field: string, problem: (b: Body) => string | undefined][] = [
  [
    'commitSha',
    (b) => {
      const shas = asList(b.commitSha)
      if (!Array.isArray(shas) || shas.length === 0)
        return 'is required: a SHA or a non-empty array of SHAs'
      if (!shas.every((s) => typeof s === 'string' && HEX_SHA.test(s)))
        return 'each value must be a hex SHA of at least 7 characters'
    }
  ],
  [
    'environmentName',
    (b) =>
      typeof b.environmentName !== 'string' || b.environmentName.trim() === ''
        ? 'is required: a non-empty string'
        : undefined
  ],
  [
    'deployedAt',
    (b) =>
      b.deployedAt !== undefined && !isIsoUtc(b.deployedAt)
        ? 'must be a UTC datetime in ISO 8601 format'
        : undefined
  ],
  [
    'title',
    (b) =>
      b.title !== undefined && typeof b.title !== 'string'
        ? 'must be a string'
        : undefined
  ],
  [
    'tags',
    (b) => {
      const tags = asList(b.tags)
      const strings =
        Array.isArray(tags) && tags.every((t) => typeof t === 'string')
      return tags !== undefined && !strings
        ? 'must be a string or an array of strings'
        : undefined
    }
  ],
  [
    'isTest',
    (b) =>
      b.isTest !== undefined && typeof b.isTest !== 'boolean'
        ? 'must be a boolean'
        : undefined
  ]
]

export function validateDeployment(body: unknown): {
  problems: Problem[]
  value?: Omit<StoredDeployment, 'id' | 'receivedAt'>
} {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { problems: [{ field: 'body', message: 'must be a JSON object' }] }
  }
  const b = body as Body
  const problems = FIELDS.flatMap(([field, problem]) => {
    const message = problem(b)
    return message === undefined ? [] : [{ field, message }]
  })
  if (problems.length > 0) return { problems }
  const tags = asList(b.tags) as string[] | undefined
  return {
    problems,
    value: {
      commitSha: (asList(b.commitSha) as string[]).map((s) => s.toLowerCase()),
      environmentName: b.environmentName as string,
      deployedAt: (b.deployedAt as string | undefined) ?? '',
      ...(b.title !== undefined ? { title: b.title as string } : {}),
      ...(tags !== undefined ? { tags } : {}),
      isTest: b.isTest === true
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
