/**
 * A fake GitHub REST API on 127.0.0.1: deployments and their statuses, compare, commits, releases,
 * workflow runs and jobs, with scripted faults. Its bodies are GitHub's published examples
 * (fake-github/bodies.ts), its endpoints are in fake-github/routes.ts, and its streamed faults in
 * fake-github/stream.ts.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { answer } from './fake-github/routes.ts'
import { stream } from './fake-github/stream.ts'
import type { Compare, FakeGitHubOptions } from './fake-github/types.ts'

export type {
  FakeCommit,
  FakeDeployment,
  FakeGitHubOptions,
  FakeRelease,
  FakeWorkflowRun
} from './fake-github/types.ts'

export interface FakeGitHub {
  url: string
  requests: string[]
  /** Bytes of streamed (`trickle`, `huge`) bodies the client took before it hung up. */
  streamed(): number
  close(): Promise<void>
}

export async function startFakeGitHub(
  options: FakeGitHubOptions = {}
): Promise<FakeGitHub> {
  const requests: string[] = []
  const faults = [...(options.faults ?? [])]
  const streamed = { bytes: 0 }
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    requests.push(`${req.method} ${url.pathname}${url.search}`)
    const send = sender(res, options.latencyMs)
    const fault = faults.findIndex((f) => f.path.test(url.pathname))
    if (fault >= 0) {
      const [f] = faults.splice(fault, 1)
      if (f.stream) return stream(res, f.status, f.stream, streamed, f.bytes)
      return send(f.status, f.body ?? { message: 'fault' }, f.headers)
    }
    send(...answer(url, options))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    streamed: () => streamed.bytes,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** A JSON answer on `res`, after `latencyMs` when given. */
function sender(res: http.ServerResponse, latencyMs: number | undefined) {
  return (
    status: number,
    body: unknown,
    headers: Record<string, string> = {}
  ): void => {
    const reply = (): void => {
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers })
      res.end(JSON.stringify(body))
    }
    if (latencyMs) setTimeout(reply, latencyMs).unref()
    else reply()
  }
}

/**
 * compare() backed by a real repository: `git rev-list base..head`, oldest first. Commit dates
 * are shuffled, as rebases and cherry-picks leave them, so the order cannot come from dates.
 */
export function compareFromGit(
  revList: (...args: string[]) => string[],
  isAncestor: (a: string, b: string) => boolean
): Compare {
  return (base, head) => {
    const shas = revList('--reverse', `${base}..${head}`)
    const status =
      base === head
        ? 'identical'
        : shas.length === 0
          ? 'behind'
          : isAncestor(base, head)
            ? 'ahead'
            : 'diverged'
    return {
      status,
      baseSha: base,
      commits: shas.map((sha, i) => ({
        sha,
        date: new Date(
          1_700_000_000_000 + ((i * 7919) % shas.length) * 60_000
        ).toISOString(),
        message: `commit ${i}`
      }))
    }
  }
}
