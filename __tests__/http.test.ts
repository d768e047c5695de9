/**
 * The transport: request takes a URL as a string or an object, goes over node:http without a
 * proxy and answers as fetch does, and through undici when a proxy applies.
 */
import {
  afterAll,
  afterEach,
  beforeEach,
  describe,
  expect,
  it
} from '@jest/globals'
import { createServer, type IncomingMessage } from 'node:http'
import { getEventListeners } from 'node:events'
import { createServer as createTcpServer } from 'node:net'
import type { AddressInfo, Socket } from 'node:net'
import { setTimeout as delay } from 'node:timers/promises'
import { startConnectProxy } from '../dev/connect-proxy.ts'
import { directFetch, IDLE_MS } from '../src/http-direct.js'
import { ProxyError } from '../src/errors.js'
import { createTransport, redactProxy, transport } from '../src/http.js'
import { readBodyText } from '../src/http-response.js'

const paths: string[] = []
/** The connections of answers to /found, which start a body and never end it. */
const redirectSockets: Socket[] = []
const received: { req: IncomingMessage; body: string }[] = []
const server = createServer((req, res) => {
  paths.push(req.url ?? '')
  let body = ''
  req.on('data', (c: Buffer) => (body += c.toString()))
  req.on('end', () => {
    received.push({ req, body })
    if (req.url === '/redirect')
      res.writeHead(307, { location: '/elsewhere' }).end()
    else if (req.url === '/see-other')
      res.writeHead(303, { location: `${base}/after` }).end()
    else if (req.url === '/permanent')
      res.writeHead(308, { location: '/elsewhere' }).end()
    else if (req.url === '/moved')
      res.writeHead(301, { location: '/elsewhere' }).end()
    else if (req.url === '/loop')
      res.writeHead(302, { location: '/loop' }).end()
    else if (req.url === '/found-nowhere') res.writeHead(302).end()
    else if (req.url === '/found') {
      res.writeHead(302, { location: '/elsewhere' }).write('moving')
      redirectSockets.push(res.socket!)
    } else if (req.url === '/teapot')
      res.writeHead(418, "I'm a teapot", { 'X-B': '2', 'x-a': '1' }).end()
    else if (req.url === '/slow') setTimeout(() => res.end('late'), 2000)
    else if (req.url === '/stall') res.writeHead(200).write('part')
    else if (req.url === '/break') {
      res.writeHead(200).write('part')
      setTimeout(() => res.destroy(), 20)
    } else if (req.url === '/big') res.writeHead(200).end('x'.repeat(1 << 20))
    else
      res
        .writeHead(201, {
          'x-request-id': 'req-1',
          'set-cookie': ['a=1', 'b=2']
        })
        .end('ok')
  })
})
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
afterAll(() => {
  // A connection left open (as /found's, were its body not dropped) must not hold the file open.
  server.closeAllConnections()
  return new Promise((resolve) => server.close(resolve))
})

/** A loopback port nothing listens on: a server's, closed again. */
async function refusedPort(): Promise<number> {
  const closed = createServer()
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
  const port = (closed.address() as AddressInfo).port
  await new Promise((resolve) => closed.close(resolve))
  return port
}

/** Whether `check` holds within two seconds: the other end sees a close a moment later. */
async function eventually(check: () => boolean): Promise<boolean> {
  for (let waited = 0; waited < 2000 && !check(); waited += 10) await delay(10)
  return check()
}

describe('createTransport().request', () => {
  it.each([
    ['a string', (p: string) => `${base}${p}`],
    ['a URL', (p: string) => new URL(p, base)]
  ])('takes %s', async (_kind, input) => {
    const path = `/${paths.length}`
    const response = await createTransport().request(input(path))

    expect((await readBodyText(response, 100)).text).toBe('ok')
    expect(paths.at(-1)).toBe(path)
  })
})

describe('directFetch (node:http, no proxy)', () => {
  it('sends the method, headers and body, and answers with status, headers and body', async () => {
    const response = await directFetch(new URL('/deployment', base), {
      method: 'POST',
      headers: { Authorization: 'key', 'Content-Type': 'application/json' },
      body: '{"commitSha":["é"]}'
    })

    expect(response.status).toBe(201)
    expect(response.headers.get('X-Request-Id')).toBe('req-1')
    expect(response.headers.get('set-cookie')).toBe('a=1, b=2')
    expect(response.headers.get('absent')).toBeNull()
    await expect(readBodyText(response, 100)).resolves.toEqual({
      text: 'ok',
      complete: true
    })
    const { req, body } = received.at(-1)!
    expect([req.method, req.headers.authorization, body]).toEqual([
      'POST',
      'key',
      '{"commitSha":["é"]}'
    ])
    expect(req.headers['content-length']).toBe(String(Buffer.byteLength(body)))
  })

  it('answers a redirect with the redirect, as fetch does with redirect: manual', async () => {
    const response = await directFetch(new URL('/redirect', base), {
      redirect: 'manual'
    })

    expect(response.status).toBe(307)
    expect(response.headers.get('location')).toBe('/elsewhere')
    expect(paths.at(-1)).toBe('/redirect')
  })

  it('follows redirects as fetch does: the method and headers kept on a 307 or 308, a GET after any 303 or a POST’s 301, at most 20', async () => {
    const kept = await directFetch(`${base}/redirect`, {
      method: 'POST',
      body: 'x'
    })
    expect([kept.status, kept.url]).toEqual([201, `${base}/elsewhere`])
    expect(
      received.slice(-2).map((r) => [r.req.method, r.req.url, r.body])
    ).toEqual([
      ['POST', '/redirect', 'x'],
      ['POST', '/elsewhere', 'x']
    ])

    await directFetch(`${base}/permanent`, { method: 'POST', body: 'y' })
    expect(received.at(-1)).toMatchObject({
      req: { method: 'POST', url: '/elsewhere' },
      body: 'y'
    })
    await directFetch(`${base}/moved`, { method: 'POST', body: 'z' })
    expect(received.at(-1)).toMatchObject({
      req: { method: 'GET', url: '/elsewhere' },
      body: ''
    })
    await directFetch(`${base}/moved`, { method: 'PUT', body: 'w' })
    expect(received.at(-1)).toMatchObject({
      req: { method: 'PUT', url: '/elsewhere' },
      body: 'w'
    })

    const seeOther = await directFetch(new URL('/see-other', base), {
      method: 'PUT',
      headers: { 'X-Kept': 'yes' },
      body: 'x'
    })
    expect(seeOther.url).toBe(`${base}/after`)
    expect(received.at(-1)).toMatchObject({
      req: { method: 'GET', headers: { 'x-kept': 'yes' } },
      body: ''
    })

    const before = paths.length
    await expect(directFetch(new URL('/loop', base))).rejects.toMatchObject({
      name: 'TypeError',
      message: 'fetch failed',
      cause: { message: 'redirect count exceeded' }
    })
    expect(paths.length - before).toBe(21)
  })

  it("rejects with the signal's reason when it aborts before the answer, or at once when it already has", async () => {
    const signal = AbortSignal.timeout(50)
    await expect(
      directFetch(new URL('/slow', base), { signal })
    ).rejects.toMatchObject({ name: 'TimeoutError' })
    const aborted = AbortSignal.abort(new Error('stop'))
    const before = paths.length
    await expect(
      directFetch(new URL('/x', base), { signal: aborted })
    ).rejects.toThrow('stop')
    expect(paths).toHaveLength(before)
  })

  it('a body that stalls past the signal breaks off with what arrived', async () => {
    const controller = new AbortController()
    const response = await directFetch(new URL('/stall', base), {
      signal: controller.signal
    })
    setTimeout(() => controller.abort(new Error('deadline')), 50)

    await expect(readBodyText(response, 100)).resolves.toEqual({
      text: 'part',
      complete: false,
      cut: 'broken'
    })
  })

  it('a body is read whole, a chunk at a time, and then reads as done', async () => {
    const reader = (await directFetch(new URL('/big', base))).body!.getReader()
    let size = 0
    let reads = 0
    for (
      let next = await reader.read();
      !next.done;
      next = await reader.read()
    ) {
      size += next.value.byteLength
      reads++
    }

    expect(size).toBe(1 << 20)
    expect(reads).toBeGreaterThan(1)
    await expect(reader.read()).resolves.toEqual({ done: true })
  })

  it('a cancel ends a pending read as done, as a web stream does', async () => {
    const reader = (
      await directFetch(new URL('/stall', base))
    ).body!.getReader()
    await expect(reader.read()).resolves.toMatchObject({ done: false })
    const pending = reader.read()

    await reader.cancel()

    await expect(pending).resolves.toEqual({ done: true })
  })

  it('a body that breaks while nobody reads it gives what arrived, then the failure, never a clean end', async () => {
    const response = await directFetch(new URL('/break', base))
    await new Promise((resolve) => setTimeout(resolve, 100))
    const reader = response.body!.getReader()

    await expect(reader.read()).resolves.toMatchObject({ done: false })
    await expect(reader.read()).rejects.toThrow('aborted')
  })

  it('a refused connection is a TypeError whose cause holds the system code, as with fetch', async () => {
    const port = await refusedPort()

    await expect(
      directFetch(new URL(`http://127.0.0.1:${port}/`), {})
    ).rejects.toMatchObject({
      name: 'TypeError',
      message: 'fetch failed',
      cause: { code: 'ECONNREFUSED' }
    })
  })
})

describe('directFetch: what else fetch would do', () => {
  it('a GET by default, with no body and no Content-Length', async () => {
    await directFetch(`${base}/plain`)

    const { req, body } = received.at(-1)!
    expect([req.method, req.url, body]).toEqual(['GET', '/plain', ''])
    expect(req.headers).not.toHaveProperty('content-length')
  })

  it('answers with the status text, and its headers iterate lower-cased', async () => {
    const response = await directFetch(`${base}/teapot`)

    expect([response.status, response.statusText]).toEqual([
      418,
      "I'm a teapot"
    ])
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'x-a': '1',
      'x-b': '2'
    })
  })

  it('a redirect with no location is the answer, not followed', async () => {
    const response = await directFetch(`${base}/found-nowhere`, {
      method: 'POST',
      body: 'x'
    })

    expect([response.status, response.url]).toEqual([
      302,
      `${base}/found-nowhere`
    ])
    expect(paths.at(-1)).toBe('/found-nowhere')
  })

  it("a POST's 302 continues as a GET, and the redirect's own body is dropped, closing its connection", async () => {
    const response = await directFetch(`${base}/found`, {
      method: 'POST',
      body: 'x'
    })

    expect([response.status, response.url]).toEqual([201, `${base}/elsewhere`])
    expect(received.at(-1)).toMatchObject({
      req: { method: 'GET', url: '/elsewhere' },
      body: ''
    })
    const socket = redirectSockets.at(-1)!
    expect(await eventually(() => socket.destroyed)).toBe(true)
  })

  it('an https: address speaks TLS (the first byte a handshake record)', async () => {
    const first: number[] = []
    const tcp = createTcpServer((socket) =>
      socket.once('data', (data) => {
        first.push(data[0])
        socket.destroy()
      })
    )
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve))
    try {
      const port = (tcp.address() as AddressInfo).port

      await expect(
        directFetch(`https://127.0.0.1:${port}/`)
      ).rejects.toMatchObject({ name: 'TypeError', message: 'fetch failed' })
      expect(first).toEqual([0x16])
    } finally {
      await new Promise((resolve) => tcp.close(resolve))
    }
  })

  it('holds an abort listener only while a request or its body is open', async () => {
    const { signal } = new AbortController()
    const listeners = () => getEventListeners(signal, 'abort').length

    const response = await directFetch(`${base}/plain`, { signal })
    expect(listeners()).toBe(1)
    await readBodyText(response, 10)
    expect(await eventually(() => listeners() === 0)).toBe(true)

    const port = await refusedPort()
    await expect(
      directFetch(`http://127.0.0.1:${port}/`, { signal })
    ).rejects.toThrow('fetch failed')
    expect(listeners()).toBe(0)
  })
})

describe('directFetch: kept-alive connections', () => {
  const opened: { close(): Promise<unknown> }[] = []
  afterEach(() => Promise.all(opened.splice(0).map((s) => s.close())))

  /**
   * A server whose idle close crosses the next request: one that arrives on a connection idle for
   * IDLE_MS or more is reset unanswered, as a request written while the server closes would be.
   */
  async function closingServer() {
    const idleSince = new Map<Socket, number>()
    let connections = 0
    const racing = createServer((req, res) => {
      const since = idleSince.get(req.socket)
      if (since !== undefined && Date.now() - since >= IDLE_MS)
        return void req.socket.resetAndDestroy()
      req.resume().on('end', () => {
        res.end('ok')
        idleSince.set(req.socket, Date.now())
      })
    })
    racing.on('connection', () => connections++)
    await new Promise<void>((resolve) => racing.listen(0, '127.0.0.1', resolve))
    opened.push({
      close: () => {
        racing.closeAllConnections()
        return new Promise((resolve) => racing.close(resolve))
      }
    })
    const url = `http://127.0.0.1:${(racing.address() as AddressInfo).port}/`
    const send = async (method: string) =>
      (await readBodyText(await directFetch(url, { method, body: 'x' }), 10))
        .text
    return { send, connections: () => connections }
  }

  it('the POST right after a GET shares its connection', async () => {
    const server = await closingServer()

    expect(await server.send('GET')).toBe('ok')
    expect(await server.send('POST')).toBe('ok')
    expect(server.connections()).toBe(1)
  })

  it('an answer slower than IDLE_MS still arrives: only idle connections are closed', async () => {
    const response = await directFetch(`${base}/slow`, {})

    expect((await readBodyText(response, 10)).text).toBe('late')
  })

  it('a connection idle past IDLE_MS is not reused, so a server closing it cannot reset the POST', async () => {
    const server = await closingServer()

    expect(await server.send('GET')).toBe('ok')
    await delay(IDLE_MS + 300)
    expect(await server.send('POST')).toBe('ok')
    expect(server.connections()).toBe(2)
  })
})

describe('createTransport().request: proxies', () => {
  afterEach(() => {
    delete process.env.HTTP_PROXY
  })

  it('goes straight to the server without a proxy, and through the proxy when one applies', async () => {
    const proxy = await startConnectProxy()
    try {
      const direct = await createTransport().request(new URL('/a', base), {})
      expect(direct.status).toBe(201)
      expect(proxy.seen).toEqual([])

      process.env.HTTP_PROXY = proxy.url
      const proxied = await createTransport().request(new URL('/b', base), {})
      expect(proxied.status).toBe(201)
      expect(proxy.seen).toEqual([new URL(base).host])
      expect(paths.slice(-2)).toEqual(['/a', '/b'])
    } finally {
      await proxy.close()
    }
  })

  it('a proxy it cannot use is a rejection naming the variable, and nothing is sent', async () => {
    process.env.HTTP_PROXY = 'socks5://127.0.0.1:1080'
    const before = paths.length

    await expect(
      createTransport().request(new URL('/c', base), {})
    ).rejects.toMatchObject({
      name: 'ProxyError',
      message: expect.stringContaining('HTTP_PROXY')
    })
    expect(paths).toHaveLength(before)
  })
})

describe('redactProxy', () => {
  it.each([
    ['http://user:s3cret@proxy.corp:3128', 'http://proxy.corp:3128'],
    ['http://:s3cret@proxy.corp:3128/', 'http://proxy.corp:3128'],
    ['http://user@proxy.corp:3128', 'http://proxy.corp:3128'],
    ['https://us%40er:p%3Ass@proxy.corp', 'https://proxy.corp'],
    ['http://proxy.corp:3128', 'http://proxy.corp:3128'],
    ['http://user:s3cret@[not a host', 'the configured proxy']
  ])('%s → %s', (proxy, shown) => {
    expect(redactProxy(proxy)).toBe(shown)
  })

  it('names the proxy without its password when a request through it fails', () => {
    process.env.HTTP_PROXY = 'http://user:s3cret@127.0.0.1:9'
    try {
      expect(createTransport().proxyFor(new URL(base))).toBe(
        'http://127.0.0.1:9'
      )
    } finally {
      delete process.env.HTTP_PROXY
    }
  })
})

describe('which proxy a URL takes', () => {
  const NAMES = ['http_proxy', 'https_proxy', 'all_proxy', 'no_proxy']
  const VARIABLES = [...NAMES, ...NAMES.map((n) => n.toUpperCase())]
  const saved = Object.fromEntries(VARIABLES.map((v) => [v, process.env[v]]))
  const clear = () => VARIABLES.forEach((v) => delete process.env[v])
  beforeEach(clear)
  afterAll(() => {
    clear()
    for (const [v, value] of Object.entries(saved))
      if (value !== undefined) process.env[v] = value
  })
  const api = new URL('https://api.example.com/deployment')
  const local = new URL('http://127.0.0.1:1/deployment')
  const proxyFor = (url: URL) => createTransport().proxyFor(url)

  it('none without a variable; the lower-case name first; a host alone is an HTTP proxy', () => {
    const none = proxyFor(api)
    process.env.HTTPS_PROXY = 'http://upper.corp:1'
    const upper = proxyFor(api)
    process.env.https_proxy = 'lower.corp:3128'

    expect([none, upper, proxyFor(api)]).toEqual([
      undefined,
      'http://upper.corp:1',
      'http://lower.corp:3128'
    ])
  })

  it("each scheme takes its own variable, then ALL_PROXY; NO_PROXY's hosts take none", () => {
    process.env.HTTP_PROXY = 'http://plain.corp:1'
    process.env.ALL_PROXY = 'http://all.corp:2'

    expect([proxyFor(local), proxyFor(api)]).toEqual([
      'http://plain.corp:1',
      'http://all.corp:2'
    ])
    process.env.NO_PROXY = 'api.example.com'
    expect(proxyFor(api)).toBeUndefined()
  })

  it.each([
    ['a longer name holding it', 'myapi.example.com'],
    ['a name it begins', 'api.example.co'],
    ['another port', 'api.example.com:8443'],
    ['a list of others', 'example.org, .example.net']
  ])(
    'NO_PROXY with %s leaves the host on the proxy (no match by substring)',
    (_what, noProxy) => {
      process.env.HTTPS_PROXY = 'http://secure.corp:3'
      process.env.NO_PROXY = noProxy

      expect(proxyFor(api)).toBe('http://secure.corp:3')
    }
  )

  it.each(['.example.com', '*.example.com', '*', 'x.org,api.example.com'])(
    'NO_PROXY %s sends the host around the proxy',
    (noProxy) => {
      process.env.HTTPS_PROXY = 'http://secure.corp:3'
      process.env.NO_PROXY = noProxy

      expect(proxyFor(api)).toBeUndefined()
    }
  )

  it('a value that is no URL is an error naming the variable and what to do; nothing is sent', () => {
    process.env.HTTPS_PROXY = 'http://[not a host'

    expect(() => createTransport().check(api)).toThrow(
      new ProxyError(
        'HTTPS_PROXY is not a URL, so api.example.com cannot be reached through it.',
        ''
      )
    )
    expect(() => proxyFor(api)).toThrow(
      expect.objectContaining({
        hint: 'Set HTTPS_PROXY to http://host:port (or https://), or add api.example.com to NO_PROXY; nothing was sent.'
      })
    )
  })

  it('a SOCKS proxy is refused, named without its password', () => {
    process.env.https_proxy = 'socks5://user:pw@socks.corp:1080'

    expect(() => createTransport().check(api)).toThrow(
      new ProxyError(
        'https_proxy names a socks5 proxy (socks5://socks.corp:1080); only http:// and https:// proxies are supported, so api.example.com cannot be reached through it.',
        ''
      )
    )
    expect(() => proxyFor(api)).toThrow(
      expect.objectContaining({
        hint: 'Set https_proxy to an HTTP proxy (http://host:port), or add api.example.com to NO_PROXY; nothing was sent.'
      })
    )
  })

  it('the process shares one transport', () => {
    expect(transport()).toBe(transport())
  })
})
