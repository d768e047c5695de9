/**
 * What a backfill reads: the clone it plans against, the past deployments of its source, and why
 * none were selected.
 */
import path from 'node:path'
import { GitError, HintedError } from '../errors.js'
import { plural } from '../plural.js'
import { createGitClient, type GitClient } from '../git/client.js'
import { createGitHubApi } from '../github/api.js'
import { githubBounds } from '../github/bounds.js'
import { transport } from '../http.js'
import type { Options } from './backfill-options.js'
import { tagDeployments, type PastDeployment } from '../backfill/sources.js'
import {
  githubDeployments,
  releaseDeployments
} from '../backfill/github-sources.js'
import { workflowRunDeployments } from '../backfill/run-sources.js'

/** Each request of a backfill, to Multitudes and to GitHub: the action's defaults. */
export const REQUEST = { timeoutMs: 30_000, maxAttempts: 4 }

/** All of a backfill's GitHub calls: a source of thousands of deployments reads many pages. */
export const BACKFILL_GITHUB_MS = 10 * 60_000

/**
 * How much of Multitudes' record a backfill reads before its first POST: every deployment it may
 * send again is looked up there.
 */
export const RECORD_BOUNDS = { maxPages: 100, maxMs: 60_000 }

/** The clone every range is planned against: outside one, said before anything is read. */
export async function cloneAt(dir: string): Promise<GitClient> {
  const git = createGitClient(dir)
  try {
    await git.isShallow()
  } catch (error) {
    if (error instanceof GitError && /not a git repository/i.test(error.stderr))
      throw new HintedError(
        `There is no git clone in ${path.resolve(dir)}. Nothing was sent.`,
        'Run the backfill in a clone of the repository, or point --working-directory at one.'
      )
    throw error
  }
  return git
}

/** The past deployments of the chosen source, in no order. */
export async function readSource(
  options: Options,
  git: GitClient,
  log: (text: string) => void
): Promise<PastDeployment[]> {
  const { source, since, until } = options
  if (source.kind === 'tags') return tagDeployments(git, source.pattern)
  transport().check(source.github.apiUrl)
  const github = createGitHubApi({
    token: source.github.token,
    repository: source.github.repository,
    baseUrl: source.github.apiUrl.href.replace(/\/$/, ''),
    bounds: githubBounds(REQUEST.timeoutMs, REQUEST.maxAttempts, {
      totalMs: BACKFILL_GITHUB_MS
    }),
    tokenName: '--github-token',
    log
  })
  switch (source.kind) {
    case 'releases':
      return releaseDeployments(github, git, {
        includePrereleases: source.includePrereleases,
        since
      })
    case 'deployments':
      return githubDeployments(github, options.environment, { since, until })
    case 'workflow-runs':
      return workflowRunDeployments(github, {
        workflow: source.workflow,
        branch: source.branch ?? (await github.defaultBranch()),
        since,
        until
      })
  }
}

/** Why a backfill has nothing to send, naming what selected nothing. */
export function nothingSelected(options: Options, found: number): string {
  const { source, since, until } = options
  const what =
    source.kind === 'tags'
      ? `--tag-pattern "${source.pattern}" matches no tag in the clone`
      : source.kind === 'releases'
        ? `${options.target.repository} has no published release${source.includePrereleases ? '' : ' (prereleases are left out without --include-prereleases)'}`
        : source.kind === 'deployments'
          ? `${options.target.repository} has no successful GitHub deployment to "${options.environment}"`
          : `--workflow "${source.workflow}" has no successful run${source.branch ? ` on --branch "${source.branch}"` : ''}`
  const window = [
    since && `--since ${since}`,
    until && `--until ${until}`
  ].filter(Boolean)
  return found === 0
    ? `${what}. Nothing was sent.`
    : `${window.join(' ')} selects none of the ${plural(found, 'deployment')} found. Nothing was sent.`
}
