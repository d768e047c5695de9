import { say } from './untrusted.js'
import { createGitClient, type GitClient } from './git/client.js'
import { createGitHubApi, type GitHubApi } from './github/api.js'
import { githubBounds } from './github/bounds.js'
import { transport } from './http.js'
import type { Inputs } from './inputs.js'
import {
  createMultitudesClient,
  type MultitudesClient
} from './multitudes-client.js'
import { createRecord, type MultitudesRecord } from './record/reader.js'

/** The side effects of a run, behind interfaces that tests replace. */
export interface Deps {
  git: GitClient
  /** Undefined without a token or a repository. */
  github: GitHubApi | undefined
  /** Undefined on a dry run without a key: nothing can be sent. */
  multitudes: MultitudesClient | undefined
  /** Multitudes' record, read once a run; undefined without a key or with `record-check: false`. */
  record: MultitudesRecord | undefined
  /** A fresh read of the record, for after an ambiguous failure (pages read before are stale). */
  freshRecord: () => MultitudesRecord | undefined
}

/**
 * The run's clients, made from its inputs: one table of what is made, and when not. Longer than
 * 40 lines on purpose: each dependency is a line or two, and they read best side by side.
 */
export function createDeps(
  inputs: Inputs,
  repository?: string,
  env: NodeJS.ProcessEnv = process.env
): Deps {
  const githubUrl = new URL(env.GITHUB_API_URL || 'https://api.github.com')
  // A proxy that cannot be used is a setting to fix, said before anything is sent.
  transport().check(inputs.apiUrl)
  const github =
    inputs.githubToken && repository
      ? (transport().check(githubUrl),
        createGitHubApi({
          token: inputs.githubToken,
          repository,
          baseUrl: githubUrl.href.replace(/\/$/, ''),
          bounds: githubBounds(
            inputs.timeoutSeconds * 1000,
            inputs.maxAttempts
          ),
          log: (message) => say.warning(message)
        }))
      : undefined
  const multitudes =
    inputs.apiKey === undefined
      ? undefined
      : createMultitudesClient({
          url: inputs.apiUrl,
          apiKey: inputs.apiKey,
          timeoutMs: inputs.timeoutSeconds * 1000,
          maxAttempts: inputs.maxAttempts,
          fetch: transport().request,
          proxy: transport().proxyFor(inputs.apiUrl),
          log: (message) => say.warning(message)
        })
  const freshRecord = (): MultitudesRecord | undefined =>
    multitudes && inputs.recordCheck
      ? createRecord(multitudes, {
          includeTests: inputs.isTest,
          warn: (message) => say.warning(message)
        })
      : undefined
  return {
    git: createGitClient(inputs.workingDirectory ?? process.cwd()),
    github,
    multitudes,
    record: freshRecord(),
    freshRecord
  }
}
