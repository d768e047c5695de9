import * as github from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import { errorMessage, HintedError } from './errors.js'
import { transport } from './http.js'

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

  constructor(message: string, hint: string, status: number | undefined) {
    super(message, hint)
    this.status = status
  }
}

export const PER_PAGE = 100

export function createGitHubApi(options: {
  token: string
  repository: string
  baseUrl?: string
  /** How the user passes a token, for the hints: the action's input or a CLI flag. */
  tokenName?: string
}): GitHubApi {
  const tokenName = options.tokenName ?? "'github-token'"
  const [owner, repo] = options.repository.split('/')
  const octokit = github.getOctokit(
    options.token,
    {
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      // The action's one transport: the same proxy rules as the Multitudes client.
      request: { fetch: transport().fetch },
      retry: { doNotRetry: [400, 401, 403, 404, 422, 451] },
      throttle: {
        // Wait out a primary rate limit twice, a secondary one once; then fail clearly.
        onRateLimit: (
          _after: number,
          _o: unknown,
          _k: unknown,
          count: number
        ) => count < 2,
        onSecondaryRateLimit: (
          _after: number,
          _o: unknown,
          _k: unknown,
          count: number
        ) => count < 1
      }
    },
    retry,
    throttling
  )

  function failure(
    what: string,
    permission: string,
    error: unknown
  ): GitHubApiError {
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
      code
    )
  }

  async function call<T>(
    what: string,
    permission: string,
    fn: () => Promise<T>
  ): Promise<T> {
    try {
      return await fn()
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
        const { data } = await octokit.rest.repos.getCommit({
          owner,
          repo,
          ref,
          per_page: 1
        })
        return data.sha
      } catch (error) {
        if (statusOf(error) === 404 || statusOf(error) === 422) return undefined
        throw failure('get commit', 'contents:read', error)
      }
    },

    compare: async (base, head, page) => {
      try {
        const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
          owner,
          repo,
          basehead: `${base}...${head}`,
          per_page: PER_PAGE,
          page
        })
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
