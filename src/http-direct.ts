import type * as Http from 'node:http'
import { Readable } from 'node:stream'

/** What the Multitudes client reads of an answer: fetch's Response has it, and so has this. */
export interface HttpResponse {
  status: number
  headers: { get(name: string): string | null }
  body: ReadableStream<Uint8Array> | null
}

export interface HttpInit {
  method?: string
  headers?: Record<string, string>
  body?: string
  signal?: AbortSignal
  redirect?: 'manual'
}

/** fetch, reduced to what the Multitudes client asks of it. */
export type HttpFetch = (url: URL, init: HttpInit) => Promise<HttpResponse>

type Module = Pick<typeof Http, 'request' | 'Agent'>
const loaded = new Map<string, { module: Module; agent: Http.Agent }>()

/**
 * node:http or node:https with its agent, on the first request: loading node:https costs about
 * 15 ms, which an input error or a dry run should not pay. process.getBuiltinModule (Node 20.16+)
 * loads it as CommonJS; an ES import of node:http would also load Node's internal undici.
 * Agents keep connections alive, so the record check's GET and the POST share one; idle ones
 * never hold the process open (Node unrefs them).
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
    found = { module, agent: new module.Agent({ keepAlive: true }) }
    loaded.set(name, found)
  }
  return found
}

/**
 * One request with no proxy, over node:http or node:https: undici (≈ 20–70 ms to load) is left
 * for proxies and the GitHub client. It answers as fetch does: redirects are answers (the client
 * asks for `manual`), the signal aborts the request or its body with the signal's reason, and a
 * connection failure is a TypeError whose cause holds the system error and its code.
 */
export const directFetch: HttpFetch = async (url, init) => {
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
        headers: {
          get: (name) => {
            const value = response.headers[name.toLowerCase()]
            return value === undefined
              ? null
              : Array.isArray(value)
                ? value.join(', ')
                : value
          }
        },
        body: Readable.toWeb(response) as ReadableStream<Uint8Array>
      })
    })
    request.end(body)
  })
}
