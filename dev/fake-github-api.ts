/**
 * A fake GitHub REST API on 127.0.0.1 for deployments and compare. Response bodies are GitHub's
 * published examples (@octokit/openapi, extracted into github-openapi-examples.json) with the
 * fields each test needs replaced.
 */
import { readFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

const { examples } = JSON.parse(
  readFileSync(
    new URL('./github-openapi-examples.json', import.meta.url),
    'utf8'
  )
) as { examples: Record<string, Record<string, unknown>> }

export interface FakeDeployment {
  id: number
  sha: string
  environment: string
  created_at?: string
  /** Newest first, as GitHub lists them. */
  statuses: { state: string; log_url?: string; created_at?: string }[]
}

export interface FakeRelease {
  tag_name: string
  published_at: string | null
  draft?: boolean
  prerelease?: boolean
}

export interface FakeWorkflowRun {
  id: number
  /** The workflow's file name, e.g. deploy.yml. */
  workflow: string
  head_sha: string
  head_branch: string
  conclusion: string | null
  created_at: string
  updated_at: string
  /** 1 unless a job of the run was re-run. */
  run_attempt?: number
}

export interface FakeCommit {
  sha: string
  date: string
  message: string
}

export interface FakeGitHubOptions {
  deployments?: FakeDeployment[]
  /** compare(base, head) → status and commits (chronological, oldest first), or undefined for 404. */
  compare?: (
    base: string,
    head: string
  ) => { status: string; commits: FakeCommit[]; baseSha: string } | undefined
  /** Scripted answers, used up one a request, for paths matching `path`. */
  faults?: {
    path: RegExp
    status: number
    body?: unknown
    headers?: Record<string, string>
    /**
     * How the body is sent instead: `trickle`, a byte every 200 ms for two minutes; `huge`, a
     * JSON list of `bytes` (200 MB by default), written as fast as the client reads it.
     */
    stream?: 'trickle' | 'huge'
    bytes?: number
  }[]
  /** Commits GET /commits/{ref} knows (by full SHA); every other ref is a 404. */
  commits?: string[]
  /** Newest first, as GitHub lists them. */
  releases?: FakeRelease[]
  workflowRuns?: FakeWorkflowRun[]
  defaultBranch?: string
  /** Job id → the id of the run it belongs to, for GET /actions/jobs/{job_id}. */
  jobs?: Record<number, number>
  latencyMs?: number
}

export interface FakeGitHub {
  url: string
  requests: string[]
  /** Bytes of streamed (`trickle`, `huge`) bodies the client took before it hung up. */
  streamed(): number
  close(): Promise<void>
}

function deploymentBody(d: FakeDeployment): unknown {
  return {
    ...examples.deployment,
    id: d.id,
    sha: d.sha,
    ref: d.sha,
    environment: d.environment,
    original_environment: d.environment,
    ...(d.created_at ? { created_at: d.created_at } : {})
  }
}

function statusBody(
  s: FakeDeployment['statuses'][number],
  id: number
): unknown {
  return {
    ...examples['deployment-status'],
    id,
    state: s.state,
    log_url: s.log_url ?? '',
    target_url: s.log_url ?? '',
    ...(s.created_at ? { created_at: s.created_at } : {})
  }
}

function releaseBody(r: FakeRelease, id: number): unknown {
  return {
    ...examples.release,
    id,
    tag_name: r.tag_name,
    name: r.tag_name,
    draft: r.draft ?? false,
    prerelease: r.prerelease ?? false,
    published_at: r.published_at
  }
}

function runBody(r: FakeWorkflowRun): unknown {
  return {
    ...examples['workflow-run'],
    id: r.id,
    run_number: r.id % 10_000,
    head_sha: r.head_sha,
    head_branch: r.head_branch,
    path: `.github/workflows/${r.workflow}@${r.head_branch}`,
    status: 'completed',
    conclusion: r.conclusion,
    created_at: r.created_at,
    updated_at: r.updated_at,
    run_attempt: r.run_attempt ?? 1
  }
}

/** GitHub's `created` filter, as the backfill uses it: `<=date`. */
function createdMatches(filter: string | null, created: string): boolean {
  if (filter === null) return true
  const m = /^<=(.+)$/.exec(filter)
  if (!m) throw new Error(`fake GitHub: unsupported created filter ${filter}`)
  return Date.parse(created) <= Date.parse(m[1])
}

function commitBody(c: FakeCommit): unknown {
  const example = (
    examples['commit-comparison'].commits as Record<string, unknown>[]
  )[0]
  const commit = example.commit as Record<string, Record<string, unknown>>
  return {
    ...example,
    sha: c.sha,
    commit: {
      ...commit,
      message: c.message,
      author: { ...commit.author, date: c.date },
      committer: { ...commit.committer, date: c.date }
    }
  }
}

export async function startFakeGitHub(
  options: FakeGitHubOptions = {}
): Promise<FakeGitHub> {
  const requests: string[] = []
  const faults = [...(options.faults ?? [])]
  let streamed = 0
  /** A body that never ends in time, or one too large to hold: until the client hangs up. */
  const stream = (
    res: http.ServerResponse,
    status: number,
    kind: 'trickle' | 'huge',
    bytes = 200 * 1024 * 1024
  ): void => {
    res.writeHead(status, { 'Content-Type': 'application/json' })
    if (kind === 'trickle') {
      const timer = setInterval(() => {
        if (res.destroyed || streamed > 600) return void clearInterval(timer)
        res.write(streamed++ === 0 ? '[' : ' ')
      }, 200)
      timer.unref()
      return
    }
    const chunk = Buffer.from(
      `${'{"id":1,"sha":"0","environment":"x"},'.repeat(1700)}`
    )
    let left = bytes
    res.write('[')
    const pump = (): void => {
      while (left > 0 && !res.destroyed) {
        const piece = chunk.subarray(0, Math.min(chunk.length, left))
        left -= piece.length
        streamed += piece.length
        if (!res.write(piece)) return void res.once('drain', pump)
      }
      if (!res.destroyed) res.end('{}]')
    }
    pump()
  }
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    requests.push(`${req.method} ${url.pathname}${url.search}`)
    const send = (
      status: number,
      body: unknown,
      headers: Record<string, string> = {}
    ): void => {
      const reply = (): void => {
        res.writeHead(status, {
          'Content-Type': 'application/json',
          ...headers
        })
        res.end(JSON.stringify(body))
      }
      if (options.latencyMs) setTimeout(reply, options.latencyMs).unref()
      else reply()
    }
    const fault = faults.findIndex((f) => f.path.test(url.pathname))
    if (fault >= 0) {
      const [f] = faults.splice(fault, 1)
      if (f.stream) return stream(res, f.status, f.stream, f.bytes)
      return send(f.status, f.body ?? { message: 'fault' }, f.headers)
    }
    const page = Number(url.searchParams.get('page') ?? '1')
    const perPage = Number(url.searchParams.get('per_page') ?? '30')
    const slice = <T>(items: T[]): T[] =>
      items.slice((page - 1) * perPage, page * perPage)
    let m = /^\/repos\/[^/]+\/[^/]+\/deployments$/.exec(url.pathname)
    if (m) {
      // GitHub's `environment` filter matches the name exactly.
      const environment = url.searchParams.get('environment')
      const listed = (options.deployments ?? []).filter(
        (d) => environment === null || d.environment === environment
      )
      return send(200, slice(listed).map(deploymentBody))
    }
    m = /^\/repos\/[^/]+\/[^/]+\/deployments\/(\d+)\/statuses$/.exec(
      url.pathname
    )
    if (m) {
      const d = options.deployments?.find((x) => x.id === Number(m?.[1]))
      return d
        ? send(
            200,
            slice(d.statuses).map((s, i) => statusBody(s, d.id * 100 + i))
          )
        : send(404, { message: 'Not Found' })
    }
    if (/^\/repos\/[^/]+\/[^/]+$/.test(url.pathname)) {
      return send(200, {
        ...examples['full-repository'],
        default_branch: options.defaultBranch ?? 'main'
      })
    }
    if (/^\/repos\/[^/]+\/[^/]+\/releases$/.test(url.pathname)) {
      const releases = options.releases ?? []
      return send(
        200,
        slice(releases).map((r) => releaseBody(r, releases.indexOf(r) + 1))
      )
    }
    m = /^\/repos\/[^/]+\/[^/]+\/actions\/workflows\/([^/]+)\/runs$/.exec(
      url.pathname
    )
    if (m) {
      const workflow = decodeURIComponent(m[1])
      const branch = url.searchParams.get('branch')
      const status = url.searchParams.get('status')
      const runs = (options.workflowRuns ?? [])
        .filter(
          (r) =>
            r.workflow === workflow &&
            (branch === null || r.head_branch === branch) &&
            (status === null || r.conclusion === status) &&
            createdMatches(url.searchParams.get('created'), r.created_at)
        )
        .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))
      // With these filters GitHub returns at most 1,000 runs a query.
      const reachable = runs.slice(0, 1000)
      return send(200, {
        total_count: runs.length,
        workflow_runs: slice(reachable).map(runBody)
      })
    }
    m = /^\/repos\/[^/]+\/[^/]+\/actions\/jobs\/(\d+)$/.exec(url.pathname)
    if (m) {
      const run = options.jobs?.[Number(m[1])]
      return run === undefined
        ? send(404, { message: 'Not Found' })
        : send(200, { ...examples.job, id: Number(m[1]), run_id: run })
    }
    m = /^\/repos\/[^/]+\/[^/]+\/commits\/([^/]+)$/.exec(url.pathname)
    if (m) {
      const ref = decodeURIComponent(m[1]).toLowerCase()
      return options.commits?.includes(ref)
        ? send(200, { ...examples.commit, sha: ref })
        : send(404, { message: 'No commit found for SHA: ' + ref })
    }
    m = /^\/repos\/[^/]+\/[^/]+\/compare\/(.+)\.\.\.(.+)$/.exec(url.pathname)
    if (m) {
      const result = options.compare?.(
        decodeURIComponent(m[1]),
        decodeURIComponent(m[2])
      )
      if (!result) return send(404, { message: 'Not Found' })
      return send(200, {
        ...examples['commit-comparison'],
        status: result.status,
        ahead_by: result.commits.length,
        total_commits: result.commits.length,
        base_commit: {
          ...(examples['commit-comparison'].base_commit as object),
          sha: result.baseSha
        },
        commits: slice(result.commits).map(commitBody),
        files: []
      })
    }
    send(404, { message: 'Not Found' })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    streamed: () => streamed,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/**
 * compare() backed by a real repository: `git rev-list base..head`, oldest first. Commit dates
 * are shuffled, as rebases and cherry-picks leave them, so the order cannot come from dates.
 */
export function compareFromGit(
  revList: (...args: string[]) => string[],
  isAncestor: (a: string, b: string) => boolean
): NonNullable<FakeGitHubOptions['compare']> {
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
