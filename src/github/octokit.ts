import { Octokit } from '@octokit/core'
import { throttling } from '@octokit/plugin-throttling'
import { errorMessage, ProxyError } from '../errors.js'
import { transport } from '../http.js'
import { ACTION_NAME, ACTION_VERSION } from '../version.js'
import { GitHubApiError, type GitHubApi, type GitHubApiOptions } from './api.js'
import { githubBounds } from './bounds.js'
import { compareApi } from './compare.js'
import { deploymentsApi } from './deployments.js'
import { repositoryApi } from './repository.js'
import { runsApi } from './runs.js'
import { boundedFetch, GitHubUnreachable } from './transport.js'

// Routes go through octokit.request: the REST plugin's table of every endpoint (≈ 100 KB) would
// be compiled on every run for the eight this client calls.
const GitHubOctokit = Octokit.plugin(throttling)
type GitHubOctokit = InstanceType<typeof GitHubOctokit>

/** What every resource module calls GitHub with. */
export interface Requester {
  octokit: GitHubOctokit
  owner: string
  repo: string
  /** One call, bounded by the run's GitHub deadline; a failure becomes a GitHubApiError. */
  call: <T>(
    what: string,
    permission: string,
    fn: () => Promise<T>
  ) => Promise<T>
  /** One call whose 404 (and the statuses given) is an answer: undefined. */
  lookup: <T>(
    what: string,
    notFound: readonly number[],
    fn: () => Promise<T>
  ) => Promise<T | undefined>
}

/** The GitHub client behind GitHubApi: Octokit over the action's transport, by resource. */
export function createOctokitApi(options: GitHubApiOptions): GitHubApi {
  const requester = createRequester(options)
  return {
    ...deploymentsApi(requester),
    ...repositoryApi(requester),
    ...runsApi(requester),
    ...compareApi(requester)
  }
}

/**
 * Octokit with the run's bounds, and the two ways each resource module calls it. Longer than 40
 * lines as a whole, short in its parts: the throttle, error mapping and look-up share the one
 * bounded transport and token name.
 */
function createRequester(options: GitHubApiOptions): Requester {
  const tokenName = options.tokenName ?? "'github-token'"
  const [owner, repo] = options.repository.split('/')
  // The action's one transport (the same proxy rules as the Multitudes client), bounded alike.
  const bounded = boundedFetch(
    transport().request,
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
    // Success bodies are parsed in parseBodiesWithJson.
    request: { fetch: bounded.fetch, parseSuccessResponseBody: false },
    throttle: { onRateLimit: waits(2), onSecondaryRateLimit: waits(1) }
  })
  parseBodiesWithJson(octokit)

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

  return {
    octokit,
    owner,
    repo,
    async call(what, permission, fn) {
      try {
        return await bounded.race(fn())
      } catch (error) {
        throw failure(what, permission, error)
      }
    },
    async lookup(what, notFound, fn) {
      try {
        return await bounded.race(fn())
      } catch (error) {
        if (notFound.includes(statusOf(error) ?? 0)) return undefined
        throw failure(what, 'contents:read', error)
      }
    }
  }
}

/**
 * Octokit parses each JSON answer with json-with-bigint, which keeps integers past 2^53 exact at
 * about eight times the cost of JSON.parse (3–4 ms for one 100-commit compare page on a slow
 * machine). The ids this client reads are far below 2^53, so a successful answer is parsed here
 * with JSON.parse; other answers stay text, as Octokit leaves them (errors are still Octokit's).
 */
function parseBodiesWithJson(octokit: GitHubOctokit): void {
  octokit.hook.after('request', (response) => {
    // The bounded transport's answer is read whole: its body is that text.
    const text = response.data as unknown
    if (
      typeof text === 'string' &&
      JSON_TYPE.test(String(response.headers['content-type']))
    )
      response.data = parseOrText(text)
  })
}

const JSON_TYPE = /^application\/(?:scim\+)?json\s*(?:;|$)/i

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status
  return typeof status === 'number' ? status : undefined
}
