/**
 * Test doubles for corporate networks, on loopback only: a CONNECT proxy that records what it
 * is asked for (and can refuse), and a TLS terminator that plays a TLS-inspecting proxy's
 * certificate for any host name, signed by a test CA made with openssl.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import net, { type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import tls from 'node:tls'

export interface ConnectProxy {
  url: string
  /** Every CONNECT asked for, as `host:port`. */
  seen: string[]
  close(): Promise<void>
}

export async function startConnectProxy(
  options: {
    /** Answer every CONNECT with this status instead of tunnelling. */
    refuse?: number
    /** Where a tunnel to host:port really goes (default: where it asks, loopback only). */
    route?: (host: string, port: number) => number | undefined
  } = {}
): Promise<ConnectProxy> {
  const seen: string[] = []
  const sockets = new Set<net.Socket>()
  const server = http.createServer((_req, res) => {
    res.writeHead(405).end()
  })
  server.on('connect', (req: http.IncomingMessage, client: net.Socket) => {
    sockets.add(client)
    const target = req.url ?? ''
    seen.push(target)
    const [host, portText] = target.split(':')
    const port =
      options.route?.(host, Number(portText)) ??
      (host === '127.0.0.1' ? Number(portText) : undefined)
    if (options.refuse || port === undefined) {
      client.end(
        `HTTP/1.1 ${options.refuse ?? 502} Refused by the test proxy\r\n\r\n`
      )
      return
    }
    const upstream = net.connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.pipe(client)
      client.pipe(upstream)
    })
    sockets.add(upstream)
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      })
  }
}

export interface TestCa {
  /** PEM file of the CA, for NODE_EXTRA_CA_CERTS. */
  caFile: string
  key: string
  cert: string
}

/** A CA and a certificate it signed for `names`, made with openssl in a temporary folder. */
export function makeTestCa(names: string[]): TestCa {
  const dir = mkdtempSync(path.join(tmpdir(), 'test-ca-'))
  const file = (name: string): string => path.join(dir, name)
  const openssl = (...args: string[]): void =>
    void execFileSync('openssl', args, { stdio: 'ignore' })
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=Test TLS-inspecting proxy CA',
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem')
  )
  openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    `/CN=${names[0]}`,
    '-keyout',
    file('leaf.key'),
    '-out',
    file('leaf.csr')
  )
  writeFileSync(
    file('ext.cnf'),
    `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}\n`
  )
  openssl(
    'x509',
    '-req',
    '-in',
    file('leaf.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    file('ext.cnf'),
    '-out',
    file('leaf.pem')
  )
  return {
    caFile: file('ca.pem'),
    key: readFileSync(file('leaf.key'), 'utf8'),
    cert: readFileSync(file('leaf.pem'), 'utf8')
  }
}

/** Terminates TLS with the test certificate and forwards plain HTTP to `port` on loopback. */
export async function startTlsTerminator(
  ca: TestCa,
  port: number
): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>()
  const server = tls.createServer({ key: ca.key, cert: ca.cert }, (socket) => {
    const upstream = net.connect(port, '127.0.0.1')
    sockets.add(socket).add(upstream)
    socket.pipe(upstream).pipe(socket)
    socket.on('error', () => upstream.destroy())
    upstream.on('error', () => socket.destroy())
  })
  server.on('tlsClientError', () => undefined)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      })
  }
}
