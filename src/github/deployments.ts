import { PER_PAGE, type GitHubApi } from './api.js'
import type { Requester } from './octokit.js'

type DeploymentsApi = Pick<
  GitHubApi,
  'listDeployments' | 'deploymentStatuses' | 'latestStatus'
>

/**
 * Deployments and their statuses (permission deployments: read). Longer than 40 lines as one
 * object of endpoints, each a few lines.
 */
export function deploymentsApi({
  octokit,
  owner,
  repo,
  call
}: Requester): DeploymentsApi {
  const statuses = (deploymentId: number, perPage: number, page?: number) =>
    octokit.request(
      'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
      {
        owner,
        repo,
        deployment_id: deploymentId,
        per_page: perPage,
        page
      }
    )
  return {
    listDeployments: (page, environment) =>
      call('list deployments', 'deployments:read', async () => {
        const { data } = await octokit.request(
          'GET /repos/{owner}/{repo}/deployments',
          {
            owner,
            repo,
            per_page: PER_PAGE,
            page,
            ...(environment === undefined ? {} : { environment })
          }
        )
        return data.map((d) => ({
          id: Number(d.id),
          sha: d.sha,
          environment: d.environment,
          createdAt: d.created_at
        }))
      }),

    deploymentStatuses: (id, page) =>
      call('list deployment statuses', 'deployments:read', async () => {
        const { data } = await statuses(id, PER_PAGE, page)
        return data.map((s) => ({ state: s.state, createdAt: s.created_at }))
      }),

    latestStatus: (id) =>
      call('list deployment statuses', 'deployments:read', async () => {
        const [latest] = (await statuses(id, 1)).data
        return (
          latest && {
            state: latest.state,
            url: latest.log_url || latest.target_url || ''
          }
        )
      })
  }
}
