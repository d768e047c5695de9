/** Whether a deployment's status was set by this run (or the run it reports on): never base. */
import { errorMessage } from '../errors.js'
import { GitHubApiError, type GitHubApi } from '../github/api.js'
import { say } from '../untrusted.js'

/**
 * The run a status was set by, from its URL: `/actions/runs/<run>/…` today, or the older
 * `/runs/<job>?check_suite_focus=true` that names a job.
 */
export function statusSetBy(
  url: string
): { run: number } | { job: number } | undefined {
  let path: string
  try {
    path = new URL(url).pathname
  } catch {
    return undefined
  }
  const run = /\/actions\/runs\/(\d+)(?:\/|$)/.exec(path)
  if (run) return { run: Number(run[1]) }
  const job = /^\/[^/]+\/[^/]+\/runs\/(\d+)\/?$/.exec(path)
  return job ? { job: Number(job[1]) } : undefined
}

/**
 * Whether a status was set by one of `ownRunIds`. A job id is mapped to its run with one jobs
 * API request at most: the first such status is nearly always the run's own deployment, and
 * the next one is what was live before it.
 */
export function ownRunCheck(
  github: GitHubApi,
  ownRunIds: readonly number[]
): (url: string, deployment: number) => Promise<boolean> {
  let lookups = 0
  return async (url, deployment) => {
    const by = ownRunIds.length === 0 ? undefined : statusSetBy(url)
    if (by === undefined) return false
    if ('run' in by) return ownRunIds.includes(by.run)
    if (lookups++ > 0) {
      say.debug(
        `Deployment #${deployment}: its status names job ${by.job}; one job was looked up already, so it is taken as another run's.`
      )
      return false
    }
    try {
      return ownRunIds.includes(await github.jobRun(by.job))
    } catch (error) {
      const hint = error instanceof GitHubApiError ? ` ${error.hint}` : ''
      say.warning(
        `Could not tell which run set the status of deployment #${deployment} (job ${by.job}): ${errorMessage(error)}. It is taken as another run's deployment, so it may be this run's own.${hint}`
      )
      return false
    }
  }
}
