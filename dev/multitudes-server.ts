/**
 * A local, Multitudes-compatible Deployments API for the demo and the tests: POST and GET
 * /deployment as the vendor documents them, persistence to a JSON file, and a scripted list of
 * faults. Plain TypeScript that Node runs directly (type stripping), with no project imports.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export type Scope = 'deployments:write' | 'deployments:read'

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

/** One scripted answer, used up by one POST (or GET, with `on: 'get'`) in order. */
export type Fault = { on?: 'post' | 'get' } & (
  | {
      kind: 'status'
      status: number
      body?: string
      headers?: Record<string, string>
      /** Store the deployment first, then answer with this status (a 5xx after the write). */
      stored?: boolean
    }
  | { kind: 'retry-after'; value: string }
  | { kind: 'drop' }
  /** The deployment is stored; the answer's body breaks after its first bytes. */
  | { kind: 'reset-mid-body' }
  /** The deployment is stored; the answer's body arrives a byte every 500 ms, for up to 60 s. */
  | { kind: 'trickle' }
  /**
   * A slow answer. A POST is handled (and stored) at once and answered `ms` later, as a slow real
   * server does: a client that gives up first has still been recorded. A GET answers `ms` late.
   */
  | { kind: 'delay'; ms: number }
)

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

const HEX_SHA = /^[0-9a-fA-F]{7,64}$/
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?Z$/

type Problem = { field: string; message: string }

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

export async function startMultitudesServer(
  options: ServerOptions = {},
  port = 0,
  host = '127.0.0.1'
): Promise<MultitudesServer> {
  const keys = options.keys ?? DEFAULT_KEYS
  const now = options.now ?? (() => new Date())
  const deployments: StoredDeployment[] = options.persistPath
    ? load(options.persistPath)
    : []
  const requests: RecordedRequest[] = []
  const received: StoredDeployment[] = []
  const faults = [...(options.faults ?? [])]

  const persist = (): void => {
    if (options.persistPath)
      writeFileSync(
        options.persistPath,
        JSON.stringify(deployments, null, 2) + '\n'
      )
  }

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

  const send = (
    res: http.ServerResponse,
    status: number,
    json: unknown,
    requestId: string
  ): void => {
    const text = bodyOverride.get(res) ?? JSON.stringify(json)
    const broken = brokenBody.get(res)
    res.writeHead(statusOverride.get(res) ?? status, {
      'Content-Type': 'application/json',
      'X-Request-Id': requestId,
      ...(broken ? { 'Content-Length': String(text.length + 1000) } : {})
    })
    if (broken === 'reset-mid-body') {
      res.write(text.slice(0, 10))
      setTimeout(() => res.socket?.destroy(), 10).unref()
    } else if (broken === 'trickle') {
      let sent = 0
      const timer = setInterval(() => {
        if (res.destroyed || sent >= 120) {
          clearInterval(timer)
          res.socket?.destroy()
          return
        }
        res.write(text.charAt(sent++ % text.length))
      }, 500)
      timer.unref()
    } else {
      res.end(text)
    }
  }
  const bodyOverride = new WeakMap<http.ServerResponse, string>()
  /** POSTs stored at once and answered this many ms later. */
  const lateAnswer = new WeakMap<http.ServerResponse, number>()
  const countPosts = (): number =>
    requests.filter(
      (r) => r.method === 'POST' && r.url.split('?')[0] === '/deployment'
    ).length
  const statusOverride = new WeakMap<http.ServerResponse, number>()
  /** Answers whose body breaks or stalls after the deployment was stored. */
  const brokenBody = new WeakMap<
    http.ServerResponse,
    'reset-mid-body' | 'trickle'
  >()

  async function handle(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    body: string
  ): Promise<void> {
    const requestId = randomUUID()
    const url = new URL(req.url ?? '/', 'http://localhost')
    const method = (req.method ?? '').toLowerCase()
    if (url.pathname === '/_received' && method === 'get') {
      // For scripts that run the server in another process: how many POSTs reached it.
      return send(
        res,
        200,
        { posts: countPosts(), stored: received.length },
        requestId
      )
    }
    const faultIndex = faults.findIndex((f) => (f.on ?? 'post') === method)
    if (url.pathname === '/deployment' && faultIndex >= 0) {
      const [fault] = faults.splice(faultIndex, 1)
      if (fault.kind === 'delay') {
        if (method === 'post') lateAnswer.set(res, fault.ms)
        else await new Promise((r) => setTimeout(r, fault.ms).unref())
        if (res.destroyed) return
      } else if (
        fault.kind === 'status' &&
        (fault.status < 300 || fault.stored === true)
      ) {
        // A success with an odd status or body, or a failure after the write: the deployment is
        // stored, the answer replaced.
        statusOverride.set(res, fault.status)
        if (fault.body !== undefined) bodyOverride.set(res, fault.body)
      } else if (fault.kind === 'reset-mid-body' || fault.kind === 'trickle') {
        brokenBody.set(res, fault.kind)
      } else {
        applyFault(fault, res, requestId)
        return
      }
    }
    if (url.pathname !== '/deployment')
      return send(res, 404, { message: 'Not found' }, requestId)
    const auth = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '')
    const scopes = keys[auth]
    if (!scopes) return send(res, 401, { message: 'Unauthorized' }, requestId)
    if (method === 'post') {
      if (!scopes.includes('deployments:write'))
        return send(res, 403, { message: 'Forbidden' }, requestId)
      let json: unknown
      try {
        json = JSON.parse(body)
      } catch {
        return send(
          res,
          400,
          {
            message: 'Invalid request',
            errors: [{ field: 'body', message: 'must be JSON' }]
          },
          requestId
        )
      }
      const { problems, value } = validateDeployment(json)
      if (!value)
        return send(
          res,
          400,
          { message: 'Invalid request', errors: problems },
          requestId
        )
      const receivedAt = now().toISOString()
      const record: StoredDeployment = {
        id: randomUUID(),
        ...value,
        deployedAt: value.deployedAt || receivedAt,
        receivedAt
      }
      const key = dedupeKey(record)
      const same = deployments.findIndex((d) => dedupeKey(d) === key)
      if (same >= 0) deployments.splice(same, 1)
      deployments.push(record)
      received.push(record)
      persist()
      const late = lateAnswer.get(res)
      if (late !== undefined) {
        await new Promise((r) => setTimeout(r, late).unref())
        if (res.destroyed) return
      }
      return send(
        res,
        201,
        { message: 'Created successfully', id: record.id, requestId },
        requestId
      )
    }
    if (method === 'get') {
      if (
        !scopes.includes('deployments:read') &&
        !scopes.includes('deployments:write')
      ) {
        return send(res, 403, { message: 'Forbidden' }, requestId)
      }
      const page = Number(url.searchParams.get('page') ?? '1')
      const pageSize = Number(url.searchParams.get('pageSize') ?? '20')
      const includeTests = url.searchParams.get('includeTests') === 'true'
      const bad: Problem[] = []
      if (!Number.isInteger(page) || page < 1)
        bad.push({ field: 'page', message: 'must be a whole number from 1' })
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100)
        bad.push({
          field: 'pageSize',
          message: 'must be a whole number from 1 to 100'
        })
      if (bad.length > 0)
        return send(
          res,
          400,
          { message: 'Invalid request', errors: bad },
          requestId
        )
      // Newest first, as documented: by deployedAt, the latest received first among equals.
      const visible = deployments
        .map((d, i) => ({ d, i }))
        .filter(({ d }) => includeTests || !d.isTest)
        .sort(
          (a, b) =>
            Date.parse(b.d.deployedAt) - Date.parse(a.d.deployedAt) || b.i - a.i
        )
        .map(({ d }) => d)
      const items = visible.slice((page - 1) * pageSize, page * pageSize)
      return send(
        res,
        200,
        { deployments: items, page, pageSize, total: visible.length },
        requestId
      )
    }
    return send(res, 405, { message: 'Method not allowed' }, requestId)
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
    deployments,
    received,
    requests,
    posts: countPosts,
    faults,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

function applyFault(
  fault: Exclude<Fault, { kind: 'delay' }>,
  res: http.ServerResponse,
  requestId: string
): void {
  switch (fault.kind) {
    case 'status':
      res.writeHead(fault.status, {
        'Content-Type': 'application/json',
        'X-Request-Id': requestId,
        ...fault.headers
      })
      res.end(
        fault.body ??
          JSON.stringify({
            message: http.STATUS_CODES[fault.status] ?? 'Error',
            requestId
          })
      )
      return
    case 'retry-after':
      res.writeHead(429, {
        'Content-Type': 'application/json',
        'Retry-After': fault.value,
        'X-Request-Id': requestId
      })
      res.end(JSON.stringify({ message: 'Too many requests' }))
      return
    case 'drop':
      res.socket?.destroy()
      return
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
