import type * as Http from 'node:http'

/** What the clients read of an answer: fetch's Response has it, and so has this. */
export interface HttpResponse {
  status: number
  statusText: string
  /** The address that answered, after any redirect followed. */
  url: string
  headers: Iterable<[string, string]> & { get(name: string): string | null }
  body: HttpBody | null
}

/** What the clients read of a body: a fetch Response's stream has it, and so has bodyOf's. */
export interface HttpBody {
  getReader(): BodyReader
  cancel(): Promise<void>
}

export interface BodyReader {
  read(): Promise<
    { done: true; value?: undefined } | { done: false; value: Uint8Array }
  >
  cancel(): Promise<void>
}

export interface HttpInit {
  method?: string
  headers?: Record<string, string>
  body?: string
  signal?: AbortSignal | null
  /** As fetch: `follow` (the default) or `manual`, which answers with the redirect. */
  redirect?: 'follow' | 'manual'
}

/** fetch, reduced to what the clients ask of it. */
export type HttpFetch = (
  url: string | URL,
  init?: HttpInit
) => Promise<HttpResponse>

/**
 * How long a connection may sit idle and still carry the next request. A server closes idle
 * connections on its own clock (gunicorn after 2 s, Node after 5 s); a POST written as it does so
 * is reset, and nobody can say whether it was recorded. Closing first, well inside those, leaves
 * no such race: a backfill's POSTs, seconds apart, each take a new connection.
 */
export const IDLE_MS = 1000

type Module = Pick<typeof Http, 'request' | 'Agent'>
const loaded = new Map<string, { module: Module; agent: Http.Agent }>()

/**
 * node:http or node:https with its agent, on the first request: loading node:https costs about
 * 15 ms, which an input error or a dry run should not pay. process.getBuiltinModule (Node 20.16+)
 * loads it as CommonJS; an ES import of node:http would also load Node's internal undici.
 * Agents keep connections alive, so the record check's GET and the POST share one; idle ones
 * never hold the process open (Node unrefs them), and are closed after IDLE_MS.
 */
async function client(protocol: string) {
  const name = protocol === 'https:' ? 'node:https' : 'node:http'
  let found = loaded.get(name)
  if (!found) {
    const module =
      (process.getBuiltinModule?.(name) as Module | undefined) ??
      (protocol === 'https:'
        ? await import('node:https')
        : await import('node:http'))
    found = {
      module,
      agent: new module.Agent({ keepAlive: true, timeout: IDLE_MS })
    }
    loaded.set(name, found)
  }
  return found
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])
/** fetch's limit. */
const MAX_REDIRECTS = 20

/**
 * Requests with no proxy, over node:http or node:https: undici (≈ 20–70 ms to load) is left for
 * proxies. It answers as fetch does: redirects are followed (at most 20; a 303, or a 301/302 to a
 * POST, continues as a GET) unless `redirect: 'manual'`, the signal aborts the request or its
 * body with the signal's reason, and a connection failure is a TypeError whose cause holds the
 * system error and its code.
 */
export const directFetch: HttpFetch = async (input, init = {}) => {
  let url = new URL(String(input))
  let request = init
  for (let redirects = 0; ; redirects++) {
    const response = await once(url, request)
    const location = response.headers.get('location')
    if (
      request.redirect === 'manual' ||
      !REDIRECTS.has(response.status) ||
      location === null
    )
      return response
    await response.body?.cancel()
    if (redirects === MAX_REDIRECTS)
      throw new TypeError('fetch failed', {
        cause: new Error('redirect count exceeded')
      })
    const asGet =
      response.status === 303 ||
      (request.method === 'POST' &&
        response.status !== 307 &&
        response.status !== 308)
    if (asGet) request = { ...request, method: 'GET', body: undefined }
    url = new URL(location, url)
  }
}

async function once(url: URL, init: HttpInit): Promise<HttpResponse> {
  const { module, agent } = await client(url.protocol)
  return new Promise((resolve, reject) => {
    const { signal } = init
    if (signal?.aborted) return reject(signal.reason as Error)
    const body = init.body === undefined ? undefined : Buffer.from(init.body)
    const request = module.request(url, {
      method: init.method ?? 'GET',
      agent,
      headers: {
        ...init.headers,
        ...(body && { 'Content-Length': String(body.length) })
      }
    })
    const abort = (): void => {
      request.destroy(signal?.reason as Error)
      reject(signal?.reason as Error)
    }
    signal?.addEventListener('abort', abort, { once: true })
    request.on('error', (error) => {
      signal?.removeEventListener('abort', abort)
      reject(new TypeError('fetch failed', { cause: error }))
    })
    request.on('response', (response) => {
      response.on('close', () => signal?.removeEventListener('abort', abort))
      resolve({
        status: response.statusCode ?? 0,
        statusText: response.statusMessage ?? '',
        url: url.href,
        headers: headersOf(response.headers),
        body: bodyOf(response)
      })
    })
    request.end(body)
  })
}

/**
 * A response as a body reader: a read at a time, and a cancel at any moment that ends a pending
 * read as done (a failure rejects it with its reason). Readable.toWeb does the same, but loads
 * Node's web streams, ≈ 2–3 ms of every run.
 */
function bodyOf(stream: Http.IncomingMessage): HttpBody {
  const cancel = (): Promise<void> => {
    stream.destroy()
    return Promise.resolve()
  }
  const read: BodyReader['read'] = () =>
    new Promise((resolve, reject) => {
      const events = ['readable', 'end', 'error', 'close'] as const
      const settle = (): void => {
        const chunk = stream.read() as Buffer | null
        if (chunk === null && !stream.readableEnded && !stream.destroyed) return
        for (const event of events) stream.off(event, settle)
        if (chunk !== null) resolve({ done: false, value: chunk })
        else if (stream.errored) reject(stream.errored)
        else resolve({ done: true })
      }
      for (const event of events) stream.on(event, settle)
      settle()
    })
  return { cancel, getReader: () => ({ read, cancel }) }
}

/** Response headers as fetch's Headers reads them: any case, repeated ones joined. */
function headersOf(
  raw: Record<string, string | string[] | undefined>
): HttpResponse['headers'] {
  const map = new Map<string, string>()
  for (const [name, value] of Object.entries(raw))
    if (value !== undefined)
      map.set(
        name.toLowerCase(),
        Array.isArray(value) ? value.join(', ') : value
      )
  return {
    get: (name) => map.get(name.toLowerCase()) ?? null,
    [Symbol.iterator]: () => map.entries()
  }
}
