import { getProxyForUrl } from 'proxy-from-env'
import {
  Agent,
  ProxyAgent,
  fetch as undiciFetch,
  type Dispatcher
} from 'undici'

/**
 * The one HTTP transport of the action, for the Multitudes API and the GitHub API alike.
 * Proxies come from HTTPS_PROXY / HTTP_PROXY / ALL_PROXY and NO_PROXY (upper or lower case,
 * wildcards and ports), decided per URL by proxy-from-env, as curl and most tools decide.
 * TLS trusts Node's CA store, NODE_EXTRA_CA_CERTS included (a TLS-inspecting proxy's CA).
 */
export interface Transport {
  fetch: typeof globalThis.fetch
  /** The proxy a request to `url` goes through (credentials removed), or undefined. */
  proxyFor(url: URL): string | undefined
}

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

export function createTransport(): Transport {
  const direct = new Agent()
  const proxies = new Map<string, Dispatcher>()
  const dispatcherFor = (url: URL): Dispatcher => {
    const proxy = getProxyForUrl(url.href)
    if (!proxy) return direct
    let agent = proxies.get(proxy)
    if (!agent) {
      agent = new ProxyAgent(proxy)
      proxies.set(proxy, agent)
    }
    return agent
  }
  const fetch = ((input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    return undiciFetch(input as never, {
      ...(init as object),
      dispatcher: dispatcherFor(url)
    })
  }) as unknown as typeof globalThis.fetch
  return {
    fetch,
    proxyFor: (url) => {
      const proxy = getProxyForUrl(url.href)
      return proxy ? redactProxy(proxy) : undefined
    }
  }
}

let shared: Transport | undefined

/** The process's transport, made on first use (the environment is read per request). */
export function transport(): Transport {
  shared ??= createTransport()
  return shared
}
