import { Octokit } from '@octokit/core'
import { restEndpointMethods } from '@octokit/plugin-rest-endpoint-methods'
import { throttling } from '@octokit/plugin-throttling'
import { errorMessage, HintedError, ProxyError } from './errors.js'
import {
  boundedFetch,
  githubBounds,
  GitHubUnreachable,
  type GitHubBounds
} from './github-transport.js'
import { transport } from './http.js'
import { ACTION_NAME, ACTION_VERSION } from './version.js'

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

const GitHubOctokit = Octokit.plugin(restEndpointMethods, throttling)

export function createGitHubApi(options: {
  token: string
  repository: string
  /** GITHUB_API_URL: https://api.github.com, or a GitHub Enterprise Server's /api/v3. */
  baseUrl: string
  /** Default: the action's defaults (30 s a request, 4 attempts). */
  bounds?: GitHubBounds
  /** How the user passes a token, for the hints: the action's input or a CLI flag. */
  tokenName?: string
  log?: (message: string) => void
}): GitHubApi {
  const tokenName = options.tokenName ?? "'github-token'"
  const [owner, repo] = options.repository.split('/')
  // The action's one transport (the same proxy rules as the Multitudes client), bounded alike.
  const bounded = boundedFetch(
    transport().fetch,
    options.bounds ?? githubBounds(30_000, 4),
    options.log
  )
  // Wait out a rate limit only when the wait ends before the deadline: a primary limit twice,
  // a secondary one once; then fail clearly.
  const waits =
    (times: number) =>
    (after: number, _o: unknown, _k: unknown, count: number): boolean =>
      count < times && after * 1000 < bounded.remainingMs()
  const octokit = new GitHubOctokit({
    auth: options.token,
    baseUrl: options.baseUrl,
    userAgent: `${ACTION_NAME}/${ACTION_VERSION}`,
    request: { fetch: bounded.fetch },
    throttle: { onRateLimit: waits(2), onSecondaryRateLimit: waits(1) }
  })

  function failure(what: string, permission: string, error: unknown): Error {
    // A proxy setting to fix, or GitHub out of time: said as such, not as an HTTP status.
    // Octokit wraps what its fetch threw as the cause of a RequestError.
    const cause = (error as { cause?: unknown } | null)?.cause
    const known = [error, cause].find(
      (e) => e instanceof ProxyError || e instanceof GitHubUnreachable
    )
    if (known instanceof ProxyError) return known
    if (known instanceof GitHubUnreachable) {
      return new GitHubApiError(
        `GitHub API ${what} failed: ${known.message}`,
        'Re-run the job when GitHub answers again; timeout-seconds and max-attempts bound each GitHub call too.',
        undefined,
        true
      )
    }
    const code = statusOf(error)
    const hint =
      code === 403 || code === 401
        ? `Give the job's token '${permission}' (permissions: ${permission.replace(':', ': ')}), or pass ${tokenName} with that access.`
        : code === 404
          ? `Check that the token can see ${options.repository}.`
          : 'Re-run the job; if GitHub keeps failing, set commit-source: git with a full checkout.'
    return new GitHubApiError(
      `GitHub API ${what} failed${code ? ` (${code})` : ''}: ${errorMessage(error)}`,
      hint,
      code,
      code !== undefined && (code >= 500 || code === 429)
    )
  }

  async function call<T>(
    what: string,
    permission: string,
    fn: () => Promise<T>
  ): Promise<T> {
    try {
      return await bounded.race(fn())
    } catch (error) {
      throw failure(what, permission, error)
    }
  }

  return {
    listDeployments: (page, environment) =>
      call('list deployments', 'deployments:read', async () => {
        const { data } = await octokit.rest.repos.listDeployments({
          owner,
          repo,
          per_page: PER_PAGE,
          page,
          ...(environment === undefined ? {} : { environment })
        })
        return data.map((d) => ({
          id: d.id,
          sha: d.sha,
          environment: d.environment,
          createdAt: d.created_at
        }))
      }),

    deploymentStatuses: (id, page) =>
      call('list deployment statuses', 'deployments:read', async () => {
        const { data } = await octokit.rest.repos.listDeploymentStatuses({
          owner,
          repo,
          deployment_id: id,
          per_page: PER_PAGE,
          page
        })
        return data.map((s) => ({ state: s.state, createdAt: s.created_at }))
      }),

    listReleases: (page) =>
      call('list releases', 'contents:read', async () => {
        const { data } = await octokit.rest.repos.listReleases({
          owner,
          repo,
          per_page: PER_PAGE,
          page
        })
        return data.map((r) => ({
          id: r.id,
          tagName: r.tag_name,
          draft: r.draft,
          prerelease: r.prerelease,
          publishedAt: r.published_at
        }))
      }),

    listWorkflowRuns: (workflow, { branch, createdBefore }, page) =>
      call('list workflow runs', 'actions:read', async () => {
        const { data } = await octokit.rest.actions.listWorkflowRuns({
          owner,
          repo,
          workflow_id: /^\d+$/.test(workflow) ? Number(workflow) : workflow,
          branch,
          status: 'success',
          // GitHub's search dates hold whole seconds.
          ...(createdBefore
            ? { created: `<=${createdBefore.replace(/\.\d+Z$/, 'Z')}` }
            : {}),
          per_page: PER_PAGE,
          page
        })
        return {
          totalCount: data.total_count,
          runs: data.workflow_runs.map((r) => ({
            id: r.id,
            headSha: r.head_sha,
            conclusion: r.conclusion,
            runNumber: r.run_number,
            attempt: r.run_attempt ?? 1,
            createdAt: r.created_at,
            updatedAt: r.updated_at
          }))
        }
      }),

    defaultBranch: () =>
      call('get repository', 'contents:read', async () => {
        const { data } = await octokit.rest.repos.get({ owner, repo })
        return data.default_branch
      }),

    jobRun: (jobId) =>
      call('get job', 'actions:read', async () => {
        const { data } = await octokit.rest.actions.getJobForWorkflowRun({
          owner,
          repo,
          job_id: jobId
        })
        return data.run_id
      }),

    latestStatus: (id) =>
      call('list deployment statuses', 'deployments:read', async () => {
        const { data } = await octokit.rest.repos.listDeploymentStatuses({
          owner,
          repo,
          deployment_id: id,
          per_page: 1
        })
        const [latest] = data
        return (
          latest && {
            state: latest.state,
            url: latest.log_url || latest.target_url || ''
          }
        )
      }),

    resolveCommit: async (ref) => {
      try {
        const { data } = await bounded.race(
          octokit.rest.repos.getCommit({ owner, repo, ref, per_page: 1 })
        )
        return data.sha
      } catch (error) {
        if (statusOf(error) === 404 || statusOf(error) === 422) return undefined
        throw failure('get commit', 'contents:read', error)
      }
    },

    compare: async (base, head, page) => {
      try {
        const { data } = await bounded.race(
          octokit.rest.repos.compareCommitsWithBasehead({
            owner,
            repo,
            basehead: `${base}...${head}`,
            per_page: PER_PAGE,
            page
          })
        )
        return {
          status: data.status,
          totalCommits: data.total_commits,
          baseSha: data.base_commit.sha,
          commits: data.commits.map((c) => ({
            sha: c.sha,
            date: c.commit.committer?.date ?? c.commit.author?.date ?? '',
            author: c.commit.author?.name ?? c.author?.login ?? '',
            subject: c.commit.message.split('\n')[0]
          }))
        }
      } catch (error) {
        // 404: an unknown SHA, or no common ancestor.
        if (statusOf(error) === 404) return undefined
        throw failure('compare', 'contents:read', error)
      }
    }
  }
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status
  return typeof status === 'number' ? status : undefined
}
