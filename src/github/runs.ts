import { PER_PAGE, type GitHubApi } from './api.js'
import type { Requester } from './octokit.js'

type RunsApi = Pick<GitHubApi, 'listWorkflowRuns' | 'jobRun'>

/**
 * Workflow runs and jobs (permission actions: read). Longer than 40 lines as one object of
 * endpoints, each a few lines.
 */
export function runsApi({ octokit, owner, repo, call }: Requester): RunsApi {
  return {
    listWorkflowRuns: (workflow, { branch, createdBefore }, page) =>
      call('list workflow runs', 'actions:read', async () => {
        const { data } = await octokit.request(
          'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs',
          {
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
          }
        )
        return {
          totalCount: data.total_count,
          runs: data.workflow_runs.map((r) => ({
            id: Number(r.id),
            headSha: r.head_sha,
            conclusion: r.conclusion,
            runNumber: r.run_number,
            attempt: r.run_attempt ?? 1,
            createdAt: r.created_at,
            updatedAt: r.updated_at
          }))
        }
      }),

    jobRun: (jobId) =>
      call('get job', 'actions:read', async () => {
        const { data } = await octokit.request(
          'GET /repos/{owner}/{repo}/actions/jobs/{job_id}',
          {
            owner,
            repo,
            job_id: jobId
          }
        )
        return Number(data.run_id)
      })
  }
}
