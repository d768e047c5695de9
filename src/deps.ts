import { say } from './untrusted.js'
import { createGitClient, type GitClient } from './git.js'
import { createGitHubApi, type GitHubApi } from './github-api.js'
import { transport } from './http.js'
import type { Inputs } from './inputs.js'
import {
  createMultitudesClient,
  type MultitudesClient
} from './multitudes-client.js'

/** The side effects of a run, behind interfaces that tests replace. */
export interface Deps {
  git: GitClient
  /** Undefined without a token or a repository. */
  github: GitHubApi | undefined
  /** Undefined on a dry run without a key: nothing can be sent. */
  multitudes: MultitudesClient | undefined
}

export function createDeps(inputs: Inputs, repository?: string): Deps {
  return {
    git: createGitClient(inputs.workingDirectory ?? process.cwd()),
    github:
      inputs.githubToken && repository
        ? createGitHubApi({ token: inputs.githubToken, repository })
        : undefined,
    multitudes:
      inputs.apiKey === undefined
        ? undefined
        : createMultitudesClient({
            url: inputs.apiUrl,
            apiKey: inputs.apiKey,
            timeoutMs: inputs.timeoutSeconds * 1000,
            maxAttempts: inputs.maxAttempts,
            fetch: transport().fetch,
            proxy: transport().proxyFor(inputs.apiUrl),
            log: (message) => say.warning(message)
          })
  }
}
