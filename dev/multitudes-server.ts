/**
 * A local, Multitudes-compatible Deployments API for the demo and the tests: POST and GET
 * /deployment as the vendor documents them, persistence to a JSON file, and a scripted list of
 * faults. Plain TypeScript that Node runs directly (type stripping), with no project imports.
 * The record lives in multitudes-api/store.ts, its validation in multitudes-api/validate.ts, the
 * faults in multitudes-api/faults.ts, the answer to one request in multitudes-api/handler.ts.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Faults, type Fault } from './multitudes-api/faults.ts'
import { handler, type Api, type Scope } from './multitudes-api/handler.ts'
import { Store, type StoredDeployment } from './multitudes-api/store.ts'

export type { Fault } from './multitudes-api/faults.ts'
export { type StoredDeployment } from './multitudes-api/store.ts'
export { validateDeployment } from './multitudes-api/validate.ts'

export type { Scope } from './multitudes-api/handler.ts'

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
  const requests: RecordedRequest[] = []
  const api: Api = {
    keys: options.keys ?? DEFAULT_KEYS,
    store: new Store(options.persistPath, options.now ?? (() => new Date())),
    faults: new Faults([...(options.faults ?? [])]),
    countPosts: () =>
      requests.filter(
        (r) => r.method === 'POST' && r.url.split('?')[0] === '/deployment'
      ).length
  }
  const server = recording(requests, handler(api), options.latencyMs)
  const actual = await listen(server, port, host)
  return {
    url: `http://${host}:${actual}/deployment`,
    deployments: api.store.deployments,
    received: api.store.received,
    requests,
    posts: api.countPosts,
    faults: api.faults.list,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** A server that records each request whole, then answers it (after `latencyMs`, if given). */
function recording(
  requests: RecordedRequest[],
  handle: ReturnType<typeof handler>,
  latencyMs: number | undefined
): http.Server {
  return http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const { method = '', url = '', headers } = req
      requests.push({ method, url, headers, body })
      if (latencyMs)
        setTimeout(() => void handle(req, res, body), latencyMs).unref()
      else void handle(req, res, body)
    })
  })
}

/** Listens on `host:port` (0: any free port); the port it got. */
async function listen(
  server: http.Server,
  port: number,
  host: string
): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  return (server.address() as AddressInfo).port
}
