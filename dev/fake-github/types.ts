/** What a test gives the fake GitHub API: the records it serves and the answers it scripts. */

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

export type Compare = (
  base: string,
  head: string
) => { status: string; commits: FakeCommit[]; baseSha: string } | undefined

export interface FakeFault {
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
}

export interface FakeGitHubOptions {
  deployments?: FakeDeployment[]
  /** compare(base, head) → status and commits (chronological, oldest first), or undefined for 404. */
  compare?: Compare
  /** Scripted answers, used up one a request, for paths matching `path`. */
  faults?: FakeFault[]
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
