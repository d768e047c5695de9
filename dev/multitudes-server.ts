/**
 * A local, Multitudes-compatible Deployments API for the demo and the tests: POST and GET
 * /deployment as the vendor documents them, persistence to a JSON file, and a scripted list of
 * faults. Plain TypeScript that Node runs directly (type stripping), with no project imports.
 * The record lives in multitudes-api/store.ts, the faults in multitudes-api/faults.ts.
 */
import { randomUUID } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Faults, type Fault } from './multitudes-api/faults.ts'
import {
  queryProblems,
  Store,
  validateDeployment,
  type StoredDeployment
} from './multitudes-api/store.ts'

export type { Fault } from './multitudes-api/faults.ts'
export {
  validateDeployment,
  type StoredDeployment
} from './multitudes-api/store.ts'

export type Scope = 'deployments:write' | 'deployments:read'

export interface RecordedRequest {
  method: string
  url: string
  headers: http.IncomingHttpHeaders
  body: string
}

export interface ServerOptions {
  /** API key → scopes. A key in `Bearer <key>` form is accepted too. */
  keys?: Record<string, Scope[]>
  persistPath?: string
  faults?: Fault[]
  now?: () => Date
  /** Every answer waits this long first, as a distant server's would (benchmarks). */
  latencyMs?: number
}

export const DEFAULT_KEYS: Record<string, Scope[]> = {
  mtd_demo_key: ['deployments:write', 'deployments:read'],
  mtd_read_only_key: ['deployments:read']
}

export interface MultitudesServer {
  url: string
  /** The record as the vendor keeps it: the latest POST of each commit set and environment. */
  deployments: StoredDeployment[]
  /** Every deployment a POST stored, in the order received: a second POST of one is here twice. */
  received: StoredDeployment[]
  requests: RecordedRequest[]
  /** POST requests received on /deployment, accepted or not: what "sent once" counts. */
  posts(): number
  faults: Fault[]
  close(): Promise<void>
}

export async function startMultitudesServer(
  options: ServerOptions = {},
  port = 0,
  host = '127.0.0.1'
): Promise<MultitudesServer> {
  const keys = options.keys ?? DEFAULT_KEYS
  const store = new Store(
    options.persistPath,
    options.now ?? (() => new Date())
  )
  const faults = new Faults([...(options.faults ?? [])])
  const requests: RecordedRequest[] = []
  const countPosts = (): number =>
    requests.filter(
      (r) => r.method === 'POST' && r.url.split('?')[0] === '/deployment'
    ).length

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body
      })
      if (options.latencyMs)
        setTimeout(() => void handle(req, res, body), options.latencyMs).unref()
      else void handle(req, res, body)
    })
  })

  async function handle(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    body: string
  ): Promise<void> {
    const requestId = randomUUID()
    const send = (status: number, json: unknown): void =>
      faults.send(res, status, json, requestId)
    const url = new URL(req.url ?? '/', 'http://localhost')
    const method = (req.method ?? '').toLowerCase()
    if (url.pathname === '/_received' && method === 'get') {
      // For scripts that run the server in another process: how many POSTs reached it.
      return send(200, { posts: countPosts(), stored: store.received.length })
    }
    if (url.pathname !== '/deployment')
      return send(404, { message: 'Not found' })
    if (await faults.take(method, res, requestId)) return
    const auth = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '')
    const scopes = keys[auth]
    if (!scopes) return send(401, { message: 'Unauthorized' })
    if (method === 'post') {
      if (!scopes.includes('deployments:write'))
        return send(403, { message: 'Forbidden' })
      const json = parseJson(body)
      if (json === NOT_JSON)
        return send(400, {
          message: 'Invalid request',
          errors: [{ field: 'body', message: 'must be JSON' }]
        })
      const { problems, value } = validateDeployment(json)
      if (!value)
        return send(400, { message: 'Invalid request', errors: problems })
      const record = store.add(value)
      if (!(await faults.answerLate(res))) return
      return send(201, {
        message: 'Created successfully',
        id: record.id,
        requestId
      })
    }
    if (method === 'get') {
      if (
        !scopes.some(
          (s) => s === 'deployments:read' || s === 'deployments:write'
        )
      )
        return send(403, { message: 'Forbidden' })
      const page = Number(url.searchParams.get('page') ?? '1')
      const pageSize = Number(url.searchParams.get('pageSize') ?? '20')
      const bad = queryProblems(page, pageSize)
      if (bad.length > 0)
        return send(400, { message: 'Invalid request', errors: bad })
      const includeTests = url.searchParams.get('includeTests') === 'true'
      const { items, total } = store.list({ page, pageSize, includeTests })
      return send(200, { deployments: items, page, pageSize, total })
    }
    return send(405, { message: 'Method not allowed' })
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port: actual } = server.address() as AddressInfo
  return {
    url: `http://${host}:${actual}/deployment`,
    deployments: store.deployments,
    received: store.received,
    requests,
    posts: countPosts,
    faults: faults.list,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

const NOT_JSON = Symbol('not JSON')

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown
  } catch {
    return NOT_JSON
  }
}
