/** The fake GitHub API's endpoints, each a path under /repos/{owner}/{repo} and its answer. */
import {
  commitBody,
  deploymentBody,
  examples,
  releaseBody,
  runBody,
  statusBody
} from './bodies.ts'
import type { FakeGitHubOptions } from './types.ts'

export interface Request {
  /** The path's captures, decoded. */
  params: string[]
  query: URLSearchParams
  options: FakeGitHubOptions
  /** The requested page of a list (`page`, `per_page`). */
  page: <T>(items: T[]) => T[]
}

export type Answer = [status: number, body: unknown]

const notFound = (message = 'Not Found'): Answer => [404, { message }]

/** GitHub's `created` filter, as the backfill uses it: `<=date`. */
function createdMatches(filter: string | null, created: string): boolean {
  if (filter === null) return true
  const m = /^<=(.+)$/.exec(filter)
  if (!m) throw new Error(`fake GitHub: unsupported created filter ${filter}`)
  return Date.parse(created) <= Date.parse(m[1])
}

function deployments({ query, options, page }: Request): Answer {
  // GitHub's `environment` filter matches the name exactly.
  const environment = query.get('environment')
  const listed = (options.deployments ?? []).filter(
    (d) => environment === null || d.environment === environment
  )
  return [200, page(listed).map(deploymentBody)]
}

function statuses({ params, options, page }: Request): Answer {
  const d = options.deployments?.find((x) => x.id === Number(params[0]))
  if (!d) return notFound()
  return [200, page(d.statuses).map((s, i) => statusBody(s, d.id * 100 + i))]
}

function repository({ options }: Request): Answer {
  return [
    200,
    {
      ...examples['full-repository'],
      default_branch: options.defaultBranch ?? 'main'
    }
  ]
}

function releases({ options, page }: Request): Answer {
  const all = options.releases ?? []
  return [200, page(all).map((r) => releaseBody(r, all.indexOf(r) + 1))]
}

function workflowRuns({ params, query, options, page }: Request): Answer {
  const [workflow] = params
  const branch = query.get('branch')
  const status = query.get('status')
  const runs = (options.workflowRuns ?? [])
    .filter(
      (r) =>
        r.workflow === workflow &&
        (branch === null || r.head_branch === branch) &&
        (status === null || r.conclusion === status) &&
        createdMatches(query.get('created'), r.created_at)
    )
    .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))
  // With these filters GitHub returns at most 1,000 runs a query.
  const reachable = runs.slice(0, 1000)
  return [
    200,
    { total_count: runs.length, workflow_runs: page(reachable).map(runBody) }
  ]
}

function job({ params, options }: Request): Answer {
  const id = Number(params[0])
  const run = options.jobs?.[id]
  return run === undefined
    ? notFound()
    : [200, { ...examples.job, id, run_id: run }]
}

function commit({ params, options }: Request): Answer {
  const ref = params[0].toLowerCase()
  return options.commits?.includes(ref)
    ? [200, { ...examples.commit, sha: ref }]
    : notFound('No commit found for SHA: ' + ref)
}

function compare({ params, options, page }: Request): Answer {
  const result = options.compare?.(params[0], params[1])
  if (!result) return notFound()
  const example = examples['commit-comparison']
  return [
    200,
    {
      ...example,
      status: result.status,
      ahead_by: result.commits.length,
      total_commits: result.commits.length,
      base_commit: {
        ...(example.base_commit as object),
        sha: result.baseSha
      },
      commits: page(result.commits).map(commitBody),
      files: []
    }
  ]
}

const ROUTES: [RegExp, (request: Request) => Answer][] = [
  [/^$/, repository],
  [/^\/deployments$/, deployments],
  [/^\/deployments\/(\d+)\/statuses$/, statuses],
  [/^\/releases$/, releases],
  [/^\/actions\/workflows\/([^/]+)\/runs$/, workflowRuns],
  [/^\/actions\/jobs\/(\d+)$/, job],
  [/^\/commits\/([^/]+)$/, commit],
  [/^\/compare\/(.+)\.\.\.(.+)$/, compare]
]

/** The answer to a GET of `url`: a 404 for any path the fake does not serve. */
export function answer(url: URL, options: FakeGitHubOptions): Answer {
  const repo = /^\/repos\/[^/]+\/[^/]+(\/.*)?$/.exec(url.pathname)
  if (!repo) return notFound()
  const rest = repo[1] ?? ''
  const pageNumber = Number(url.searchParams.get('page') ?? '1')
  const perPage = Number(url.searchParams.get('per_page') ?? '30')
  const page = <T>(items: T[]): T[] =>
    items.slice((pageNumber - 1) * perPage, pageNumber * perPage)
  for (const [path, handle] of ROUTES) {
    const m = path.exec(rest)
    if (m) {
      const params = m.slice(1).map((p) => decodeURIComponent(p))
      return handle({ params, query: url.searchParams, options, page })
    }
  }
  return notFound()
}
