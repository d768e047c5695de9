import type { GitHubBounds } from './bounds.js'
import { HintedError } from '../errors.js'

/** Ids are numbers, as JSON gives them (the REST types also allow a bigint for 64-bit ids). */
export interface GitHubDeployment {
  id: number
  sha: string
  environment: string
  createdAt: string
}

export interface GitHubRelease {
  id: number
  tagName: string
  draft: boolean
  prerelease: boolean
  /** Null for a draft. */
  publishedAt: string | null
}

export interface GitHubWorkflowRun {
  id: number
  headSha: string
  conclusion: string | null
  runNumber: number
  /** The run's attempt (a re-run of any job makes the next one). */
  attempt: number
  createdAt: string
  updatedAt: string
}

export interface GitHubDeploymentStatus {
  state: string
  /** Where the status points (log_url, else target_url): the run that set it. */
  url: string
}

export interface CompareCommit {
  sha: string
  date: string
  author: string
  subject: string
}

export interface ComparePage {
  status: string
  totalCommits: number
  baseSha: string
  commits: CompareCommit[]
}

/** The GitHub REST calls the action makes; the only user of Octokit. */
export interface GitHubApi {
  /** One page (100, newest first) of the repository's deployments: to `environment`, or all. */
  listDeployments(
    page: number,
    environment?: string
  ): Promise<GitHubDeployment[]>
  latestStatus(
    deploymentId: number
  ): Promise<GitHubDeploymentStatus | undefined>
  /** One page (100, newest first) of a deployment's statuses: state and when it was set. */
  deploymentStatuses(
    deploymentId: number,
    page: number
  ): Promise<{ state: string; createdAt: string }[]>
  /** One page (100, newest first) of the repository's releases, drafts included. */
  listReleases(page: number): Promise<GitHubRelease[]>
  /**
   * One page (100, newest created first) of a workflow's successful runs on `branch`, created
   * at or before `createdBefore` when given. GitHub lists at most 1,000 runs a query.
   */
  listWorkflowRuns(
    workflow: string,
    filter: { branch: string; createdBefore?: string },
    page: number
  ): Promise<{ totalCount: number; runs: GitHubWorkflowRun[] }>
  defaultBranch(): Promise<string>
  /** The id of the workflow run a job belongs to. */
  jobRun(jobId: number): Promise<number>
  /** Full SHA of a commit-ish, or undefined when GitHub does not know it. */
  resolveCommit(ref: string): Promise<string | undefined>
  /** One page (100) of `compare/base...head`; undefined when there is no common ancestor. */
  compare(
    base: string,
    head: string,
    page: number
  ): Promise<ComparePage | undefined>
}

/** A GitHub API call failed; the hint names the token permission or the fix. */
export class GitHubApiError extends HintedError {
  override name = 'GitHubApiError'
  readonly status: number | undefined
  /** GitHub was unreachable, out of time or failing (5xx, 429): nothing to fix in the workflow. */
  readonly outage: boolean

  constructor(
    message: string,
    hint: string,
    status: number | undefined,
    outage = false
  ) {
    super(message, hint)
    this.status = status
    this.outage = outage
  }
}

export const PER_PAGE = 100

export interface GitHubApiOptions {
  token: string
  repository: string
  /** GITHUB_API_URL: https://api.github.com, or a GitHub Enterprise Server's /api/v3. */
  baseUrl: string
  /** Default: the action's defaults (30 s a request, 4 attempts). */
  bounds?: GitHubBounds
  /** How the user passes a token, for the hints: the action's input or a CLI flag. */
  tokenName?: string
  log?: (message: string) => void
}

/**
 * The GitHub client. Octokit and the transport load on the first call
 * (a chunk of their own): most runs make none, and loading them costs every run that does not.
 */
export function createGitHubApi(options: GitHubApiOptions): GitHubApi {
  let loaded: Promise<GitHubApi> | undefined
  const load = (): Promise<GitHubApi> =>
    (loaded ??= import('./octokit.js').then((m) => m.createOctokitApi(options)))
  const use = async <T>(call: (api: GitHubApi) => Promise<T>): Promise<T> =>
    call(await load())
  return {
    listDeployments: (page, environment) =>
      use((api) => api.listDeployments(page, environment)),
    latestStatus: (id) => use((api) => api.latestStatus(id)),
    deploymentStatuses: (id, page) =>
      use((api) => api.deploymentStatuses(id, page)),
    listReleases: (page) => use((api) => api.listReleases(page)),
    listWorkflowRuns: (workflow, filter, page) =>
      use((api) => api.listWorkflowRuns(workflow, filter, page)),
    defaultBranch: () => use((api) => api.defaultBranch()),
    jobRun: (jobId) => use((api) => api.jobRun(jobId)),
    resolveCommit: (ref) => use((api) => api.resolveCommit(ref)),
    compare: (base, head, page) => use((api) => api.compare(base, head, page))
  }
}
