import { getProxyForUrl } from 'proxy-from-env'
import type { Dispatcher } from 'undici'
import { ProxyError } from './errors.js'
import {
  directFetch,
  type HttpFetch,
  type HttpInit,
  type HttpResponse
} from './http-direct.js'

/**
 * The one HTTP transport of the action, for the Multitudes API and the GitHub API alike.
 * Proxies come from HTTPS_PROXY / HTTP_PROXY / ALL_PROXY and NO_PROXY (upper or lower case,
 * wildcards and ports), decided per URL by proxy-from-env, as curl and most tools decide.
 * TLS trusts Node's CA store, NODE_EXTRA_CA_CERTS included (a TLS-inspecting proxy's CA).
 */
export interface Transport {
  /**
   * fetch for both clients: over node:http when no proxy applies; through a proxy, undici's
   * fetch with its ProxyAgent (undici loads then, and only then: ≈ 20–70 ms of start-up).
   */
  request: HttpFetch
  /** The proxy a request to `url` goes through (credentials removed), or undefined. */
  proxyFor(url: URL): string | undefined
  /** Throws ProxyError when the proxy for `url` is one this transport cannot use. */
  check(url: URL): void
}

/** undici tunnels through HTTP proxies only (plain or TLS); SOCKS and the rest are refused. */
const SCHEMES = new Set(['http:', 'https:'])

/** A proxy URL without its user and password, for messages. */
export function redactProxy(proxy: string): string {
  try {
    const url = new URL(proxy)
    url.username = ''
    url.password = ''
    return url.href.replace(/\/$/, '')
  } catch {
    return 'the configured proxy'
  }
}

/**
 * The proxy for `url` and the variable it came from: proxy-from-env decides whether one applies
 * (NO_PROXY), and the variable is looked up in its order (lower case first) to be named. A value
 * without a scheme is an HTTP proxy, as curl and @actions/http-client take it.
 */
function resolveProxy(
  url: URL
): { variable: string; proxy: string } | undefined {
  if (!getProxyForUrl(url.href)) return undefined
  const scheme = url.protocol.slice(0, -1)
  for (const name of [`${scheme}_proxy`, 'all_proxy']) {
    for (const variable of [name, name.toUpperCase()]) {
      const value = process.env[variable]
      if (value)
        return {
          variable,
          proxy: value.includes('://') ? value : `http://${value}`
        }
    }
  }
  return undefined
}

/** The proxy for `url`, checked: ProxyError names the variable when it cannot be used. */
function usableProxy(url: URL): string | undefined {
  const found = resolveProxy(url)
  if (!found) return undefined
  let scheme: string
  try {
    scheme = new URL(found.proxy).protocol
  } catch {
    throw new ProxyError(
      `${found.variable} is not a URL, so ${url.host} cannot be reached through it.`,
      `Set ${found.variable} to http://host:port (or https://), or add ${url.hostname} to NO_PROXY; nothing was sent.`
    )
  }
  if (!SCHEMES.has(scheme)) {
    throw new ProxyError(
      `${found.variable} names a ${scheme.slice(0, -1)} proxy (${redactProxy(found.proxy)}); only http:// and https:// proxies are supported, so ${url.host} cannot be reached through it.`,
      `Set ${found.variable} to an HTTP proxy (http://host:port), or add ${url.hostname} to NO_PROXY; nothing was sent.`
    )
  }
  return found.proxy
}

const loadUndici = () => import('undici')

export function createTransport(): Transport {
  let undici: ReturnType<typeof loadUndici> | undefined
  const proxies = new Map<string, Dispatcher>()
  const throughProxy = async (
    url: URL,
    proxy: string,
    init: HttpInit = {}
  ): Promise<HttpResponse> => {
    const { fetch, ProxyAgent } = await (undici ??= loadUndici())
    let dispatcher = proxies.get(proxy)
    if (!dispatcher) {
      dispatcher = new ProxyAgent(proxy)
      proxies.set(proxy, dispatcher)
    }
    return fetch(url, { ...init, dispatcher })
  }
  return {
    // async: a ProxyError rejects, as fetch's does.
    request: async (input, init) => {
      const url = new URL(String(input))
      const proxy = usableProxy(url)
      return proxy ? throughProxy(url, proxy, init) : directFetch(url, init)
    },
    proxyFor: (url) => {
      const proxy = usableProxy(url)
      return proxy ? redactProxy(proxy) : undefined
    },
    check: (url) => void usableProxy(url)
  }
}

let shared: Transport | undefined

/** The process's transport, made on first use (the environment is read per request). */
export function transport(): Transport {
  shared ??= createTransport()
  return shared
}
