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

interface ProxyOptions {
  /** Answer every CONNECT with this status instead of tunnelling. */
  refuse?: number
  /** Where a tunnel to host:port really goes (default: where it asks, loopback only). */
  route?: (host: string, port: number) => number | undefined
}

export async function startConnectProxy(
  options: ProxyOptions = {}
): Promise<ConnectProxy> {
  const seen: string[] = []
  const sockets = new Set<net.Socket>()
  const server = http.createServer((_req, res) => {
    res.writeHead(405).end()
  })
  server.on('connect', (req: http.IncomingMessage, client: net.Socket) => {
    sockets.add(client)
    seen.push(req.url ?? '')
    tunnel(options, req.url ?? '', client, sockets)
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

/** A CONNECT to `target` (`host:port`): refused, or piped both ways to a port on loopback. */
function tunnel(
  options: ProxyOptions,
  target: string,
  client: net.Socket,
  sockets: Set<net.Socket>
): void {
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
  // Run in `dir` with relative file names, so every argument but the subject is one word.
  const openssl = (command: string, subject?: string): void =>
    void execFileSync(
      'openssl',
      [...command.split(' '), ...(subject ? ['-subj', subject] : [])],
      { cwd: dir, stdio: 'ignore' }
    )
  openssl(
    'req -x509 -newkey rsa:2048 -nodes -days 2 -keyout ca.key -out ca.pem',
    '/CN=Test TLS-inspecting proxy CA'
  )
  openssl(
    'req -newkey rsa:2048 -nodes -keyout leaf.key -out leaf.csr',
    `/CN=${names[0]}`
  )
  writeFileSync(
    path.join(dir, 'ext.cnf'),
    `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}\n`
  )
  openssl(
    'x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile ext.cnf -out leaf.pem'
  )
  const read = (name: string): string =>
    readFileSync(path.join(dir, name), 'utf8')
  return {
    caFile: path.join(dir, 'ca.pem'),
    key: read('leaf.key'),
    cert: read('leaf.pem')
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
