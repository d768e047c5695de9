import { PER_PAGE, type GitHubApi } from './api.js'
import type { Requester } from './octokit.js'

type RepositoryApi = Pick<GitHubApi, 'listReleases' | 'defaultBranch'>

/** Releases and the repository itself (permission contents: read). */
export function repositoryApi({
  octokit,
  owner,
  repo,
  call
}: Requester): RepositoryApi {
  return {
    listReleases: (page) =>
      call('list releases', 'contents:read', async () => {
        const { data } = await octokit.request(
          'GET /repos/{owner}/{repo}/releases',
          {
            owner,
            repo,
            per_page: PER_PAGE,
            page
          }
        )
        return data.map((r) => ({
          id: r.id,
          tagName: r.tag_name,
          draft: r.draft,
          prerelease: r.prerelease,
          publishedAt: r.published_at
        }))
      }),

    defaultBranch: () =>
      call('get repository', 'contents:read', async () => {
        const { data } = await octokit.request('GET /repos/{owner}/{repo}', {
          owner,
          repo
        })
        return data.default_branch
      })
  }
}
