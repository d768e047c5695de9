/**
 * The local API's answer to one request: a scripted fault when one is due, else the key's
 * scope, then POST /deployment (validated, then stored) or GET /deployment (a page of the record).
 */
import { randomUUID } from 'node:crypto'
import type http from 'node:http'
import type { Faults } from './faults.ts'
import type { Store } from './store.ts'
import { queryProblems, validateDeployment } from './validate.ts'

export type Scope = 'deployments:write' | 'deployments:read'

/** What the handler answers from: the keys, the record, the scripted faults, the POSTs seen. */
export interface Api {
  keys: Record<string, Scope[]>
  store: Store
  faults: Faults
  countPosts: () => number
}

type Send = (status: number, json: unknown) => void

/** One request: a fault when one is due, else the key's scope, then POST or GET /deployment. */
export function handler(api: Api) {
  return async (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    body: string
  ): Promise<void> => {
    const requestId = randomUUID()
    const send: Send = (status, json) =>
      api.faults.send(res, status, json, requestId)
    const url = new URL(req.url ?? '/', 'http://localhost')
    const method = (req.method ?? '').toLowerCase()
    if (url.pathname === '/_received' && method === 'get') {
      // For scripts that run the server in another process: how many POSTs reached it.
      return send(200, {
        posts: api.countPosts(),
        stored: api.store.received.length
      })
    }
    if (url.pathname !== '/deployment')
      return send(404, { message: 'Not found' })
    if (await api.faults.take(method, res, requestId)) return
    const auth = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '')
    const scopes = api.keys[auth]
    if (!scopes) return send(401, { message: 'Unauthorized' })
    if (method === 'post') {
      if (!scopes.includes('deployments:write'))
        return send(403, { message: 'Forbidden' })
      return post(api, body, send, res, requestId)
    }
    if (method === 'get') {
      const readable = (s: Scope) =>
        s === 'deployments:read' || s === 'deployments:write'
      if (!scopes.some(readable)) return send(403, { message: 'Forbidden' })
      return list(api, url.searchParams, send)
    }
    return send(405, { message: 'Method not allowed' })
  }
}

async function post(
  api: Api,
  body: string,
  send: Send,
  res: http.ServerResponse,
  requestId: string
): Promise<void> {
  const json = parseJson(body)
  if (json === NOT_JSON)
    return send(400, {
      message: 'Invalid request',
      errors: [{ field: 'body', message: 'must be JSON' }]
    })
  const { problems, value } = validateDeployment(json)
  if (!value) return send(400, { message: 'Invalid request', errors: problems })
  const record = api.store.add(value)
  if (!(await api.faults.answerLate(res))) return
  send(201, { message: 'Created successfully', id: record.id, requestId })
}

function list(api: Api, query: URLSearchParams, send: Send): void {
  const page = Number(query.get('page') ?? '1')
  const pageSize = Number(query.get('pageSize') ?? '20')
  const bad = queryProblems(page, pageSize)
  if (bad.length > 0)
    return send(400, { message: 'Invalid request', errors: bad })
  const includeTests = query.get('includeTests') === 'true'
  const { items, total } = api.store.list({ page, pageSize, includeTests })
  send(200, { deployments: items, page, pageSize, total })
}

const NOT_JSON = Symbol('not JSON')

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown
  } catch {
    return NOT_JSON
  }
}
