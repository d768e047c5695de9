/**
 * Past deployments that GitHub lists: published releases and successful deployments. Every
 * listing is read whole or not at all (see allPages).
 */
import { plural } from '../plural.js'
import type { GitClient, TagRef } from '../git/client.js'
import type { GitHubApi, GitHubRelease } from '../github/api.js'
import { PER_PAGE } from '../github/api.js'
import { FULL_SHA, isFuture, parseDeployedAt } from '../input-parsers.js'
import { onePerCommit, SourceError, type PastDeployment } from './sources.js'

/** Pages read from one GitHub listing at most: 10,000 items. */
export const MAX_PAGES = 100

/**
 * Every page of a listing, newest first, until a short page or until `enough` says the rest is
 * older than anything needed. A listing longer than the cap is an error: its oldest part would
 * be missing, and the first deployment planned would then carry commits that shipped earlier.
 */
export async function allPages<T>(
  what: string,
  list: (page: number) => Promise<T[]>,
  enough: (item: T) => boolean = () => false
): Promise<T[]> {
  const items: T[] = []
  for (let page = 1; page <= MAX_PAGES; page++) {
    const batch = await list(page)
    items.push(...batch)
    if (batch.length < PER_PAGE || batch.some(enough)) return items
  }
  throw tooMany(what)
}

function tooMany(what: string): SourceError {
  return new SourceError(
    `GitHub lists more than ${MAX_PAGES * PER_PAGE} ${what}; the backfill reads no more than that.`,
    NARROW
  )
}

export const NARROW =
  'Narrow the history with --since (and --until), and run the backfill once for each window.'

/**
 * Published releases as deployments, at `published_at`, each at its tag's commit in the checkout.
 * Drafts are left out, and prereleases unless asked for. A release whose tag the checkout lacks
 * stops the run: without it, the next release would claim its commits.
 */
export async function releaseDeployments(
  github: GitHubApi,
  git: GitClient,
  { includePrereleases, since }: { includePrereleases: boolean; since?: string }
): Promise<PastDeployment[]> {
  const kept = (r: GitHubRelease): r is Published =>
    !r.draft && r.publishedAt !== null && (includePrereleases || !r.prerelease)
  // The newest release before the window is the first one's base; older pages are not needed.
  const before = (r: GitHubRelease): boolean =>
    kept(r) &&
    since !== undefined &&
    Date.parse(r.publishedAt) < Date.parse(since)
  const releases = (
    await allPages('releases', (page) => github.listReleases(page), before)
  ).filter(kept)
  const tags = new Map((await git.tags('**')).map((t) => [t.name, t]))
  refuseMissingTags(releases, tags)
  refuseMovedTags(releases, tags)
  return onePerCommit(
    releases.map((r) => {
      const tag = tags.get(r.tagName) as TagRef
      return {
        head: tag.peeled ?? tag.object,
        deployedAt: parseDeployedAt('published_at', r.publishedAt),
        source: `release ${r.tagName}`,
        id: `release ${r.id}`
      }
    })
  )
}

type Published = GitHubRelease & { publishedAt: string }

function refuseMissingTags(
  releases: readonly Published[],
  tags: ReadonlyMap<string, TagRef>
): void {
  const missing = releases.filter((r) => !tags.has(r.tagName))
  if (missing.length === 0) return
  const names = missing.slice(0, 5).map((r) => r.tagName)
  throw new SourceError(
    `${plural(missing.length, 'release')} ${missing.length === 1 ? 'names a tag' : 'name tags'} the checkout does not have: ${names.join(', ')}${missing.length > 5 ? ', …' : ''}. Nothing was sent.`,
    'Fetch the tags (git fetch --tags, or actions/checkout with fetch-depth: 0) and run again.'
  )
}

/**
 * A tag moved after the release was published names a commit that did not exist then: its
 * commits were not what shipped at published_at, and no guess replaces them.
 */
function refuseMovedTags(
  releases: readonly Published[],
  tags: ReadonlyMap<string, TagRef>
): void {
  const moved = releases.flatMap((r) => {
    const tag = tags.get(r.tagName) as TagRef
    // The commit's date: of a lightweight tag's commit, or of an annotated tag's (one level).
    const committed = tag.peeled ? tag.peeledDate : tag.committerDate
    return committed &&
      isFuture(Date.parse(committed), Date.parse(r.publishedAt))
      ? [
          `${r.tagName} (published ${r.publishedAt}, its commit dated ${committed})`
        ]
      : []
  })
  if (moved.length > 0) {
    throw new SourceError(
      `${plural(moved.length, 'release')} ${moved.length === 1 ? 'names a commit made after it was' : 'name a commit made after they were'} published, so the tag moved since: ${moved.slice(0, 5).join(', ')}${moved.length > 5 ? ', …' : ''}. What shipped at published_at is unknown; nothing was sent.`,
      'Point each tag back at the commit that was released (git tag -f <tag> <commit>, then push the tag), and run again.'
    )
  }
}

/**
 * GitHub deployments to `environment` that reached `success`, at that status's `created_at`.
 * GitHub treats environment names without case, so every deployment is read and `Production`
 * and `production` are one environment (its `environment=` filter matches the exact name only).
 */
export async function githubDeployments(
  github: GitHubApi,
  environment: string,
  { since, until }: { since?: string; until?: string }
): Promise<PastDeployment[]> {
  const wanted = environment.toLowerCase()
  return successfulDeployments(
    github,
    (page) => github.listDeployments(page),
    (name) => name.toLowerCase() === wanted,
    { since, until }
  )
}

async function successfulDeployments(
  github: GitHubApi,
  list: (page: number) => ReturnType<GitHubApi['listDeployments']>,
  matches: (environment: string) => boolean,
  { since, until }: { since?: string; until?: string }
): Promise<PastDeployment[]> {
  const found: PastDeployment[] = []
  // Newest first: once a success before the window is found (the first one's base), older
  // deployments are not needed. One created after the window needs no status look-up.
  const beforeWindow = (time: string): boolean =>
    since !== undefined && Date.parse(time) < Date.parse(since)
  const afterWindow = (time: string): boolean =>
    until !== undefined && Date.parse(time) > Date.parse(until)
  for (let page = 1; page <= MAX_PAGES; page++) {
    const deployments = await list(page)
    for (const d of deployments) {
      if (!matches(d.environment) || !FULL_SHA.test(d.sha)) continue
      if (afterWindow(d.createdAt)) continue
      const statuses = await allPages('deployment statuses', (p) =>
        github.deploymentStatuses(d.id, p)
      )
      // Listed newest first: the last success listed is when it became a success.
      const success = statuses.filter((s) => s.state === 'success').at(-1)
      if (success === undefined) continue
      const deployedAt = parseDeployedAt('created_at', success.createdAt)
      found.push({
        head: d.sha.toLowerCase(),
        deployedAt,
        source: `deployment #${d.id}`,
        id: `deployment ${d.id}`
      })
      if (beforeWindow(deployedAt)) return found
    }
    if (deployments.length < PER_PAGE) return found
  }
  throw tooMany('deployments')
}
