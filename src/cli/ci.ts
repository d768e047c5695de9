/**
 * The CI systems the CLI knows: how each says it is running, and which of its documented
 * variables give the deployed commit, the repository, a previous commit and a link to the run.
 */
type Env = NodeJS.ProcessEnv

export interface CiSystem {
  name: string
  /** True in this CI's jobs and in no other's. */
  detect: (env: Env) => boolean
  /** Variables naming the commit being built, first set wins. */
  head: readonly string[]
  /** A commit that was live before, where the CI keeps one: [variable, value]. */
  previous?: (env: Env) => [string, string] | undefined
  /** What `previous` is, for the docs and the log. */
  previousMeaning?: string
  repository: (env: Env) => string | undefined
  runUrl: (env: Env) => string | undefined
}

/** A variable's value, trimmed; blank is unset. */
function set(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim()
}

/** A CI's previous commit from one variable: [its name, its value] when it is set. */
function variable(name: string) {
  return (env: Env): [string, string] | undefined => {
    const value = set(env[name])
    return value === undefined ? undefined : [name, value]
  }
}

/** owner/name (or group/…/name) from a clone URL: https://, ssh:// or scp-like git@host:path. */
export function repositoryFromUrl(url: string | undefined): string | undefined {
  const value = set(url)
  if (value === undefined) return undefined
  const path =
    /^[\w.-]+@[\w.-]+:(?!\/\/)(.+)$/.exec(value)?.[1] ?? urlPath(value)
  const trimmed = path
    ?.replace(/^\/+|\/+$/g, '')
    .replace(/\.git$/, '')
    // Azure Repos and Bitbucket Server put fixed segments before owner/name.
    .replace(/^(scm|_git)\//, '')
  return trimmed && trimmed.includes('/') ? trimmed : undefined
}

function urlPath(value: string): string | undefined {
  try {
    return new URL(value).pathname
  } catch {
    return undefined
  }
}

/**
 * Each CI as its documentation names its variables. The order is the detection order. Made on
 * each call (a few a run): a table made when the module loads is out of the mutation tests'
 * reach (see docs/testing.md). Longer than 40 lines on purpose: one entry a CI system, each
 * checked against its own documentation, reads best as one table.
 */
export function ciSystems(): readonly CiSystem[] {
  return [
    {
      name: 'GitHub Actions',
      detect: (env) => env.GITHUB_ACTIONS === 'true',
      head: ['GITHUB_SHA'],
      repository: (env) => set(env.GITHUB_REPOSITORY),
      runUrl: (env) =>
        env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
          ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
          : undefined
    },
    {
      name: 'GitLab CI',
      detect: (env) => env.GITLAB_CI === 'true',
      head: ['CI_COMMIT_SHA'],
      previous: variable('CI_COMMIT_BEFORE_SHA'),
      previousMeaning:
        'the branch head before the push (not the previous deployment)',
      repository: (env) => set(env.CI_PROJECT_PATH),
      runUrl: (env) => set(env.CI_PIPELINE_URL)
    },
    {
      name: 'Jenkins',
      detect: (env) => set(env.JENKINS_URL) !== undefined,
      head: ['GIT_COMMIT'],
      previous: variable('GIT_PREVIOUS_SUCCESSFUL_COMMIT'),
      previousMeaning: 'the commit of the last successful build of the branch',
      repository: (env) => repositoryFromUrl(env.GIT_URL),
      runUrl: (env) => set(env.BUILD_URL)
    },
    {
      name: 'CircleCI',
      detect: (env) => env.CIRCLECI === 'true',
      head: ['CIRCLE_SHA1'],
      repository: (env) =>
        env.CIRCLE_PROJECT_USERNAME && env.CIRCLE_PROJECT_REPONAME
          ? `${env.CIRCLE_PROJECT_USERNAME}/${env.CIRCLE_PROJECT_REPONAME}`
          : repositoryFromUrl(env.CIRCLE_REPOSITORY_URL),
      runUrl: (env) => set(env.CIRCLE_BUILD_URL)
    },
    {
      name: 'Buildkite',
      detect: (env) => env.BUILDKITE === 'true',
      head: ['BUILDKITE_COMMIT'],
      repository: (env) => repositoryFromUrl(env.BUILDKITE_REPO),
      runUrl: (env) => set(env.BUILDKITE_BUILD_URL)
    },
    {
      name: 'Azure Pipelines',
      detect: (env) => env.TF_BUILD?.toLowerCase() === 'true',
      head: ['BUILD_SOURCEVERSION'],
      repository: (env) => set(env.BUILD_REPOSITORY_NAME),
      runUrl: (env) =>
        env.SYSTEM_COLLECTIONURI && env.SYSTEM_TEAMPROJECT && env.BUILD_BUILDID
          ? `${env.SYSTEM_COLLECTIONURI.replace(/\/?$/, '/')}${encodeURIComponent(env.SYSTEM_TEAMPROJECT)}/_build/results?buildId=${env.BUILD_BUILDID}`
          : undefined
    },
    {
      name: 'Bitbucket Pipelines',
      detect: (env) => set(env.BITBUCKET_BUILD_NUMBER) !== undefined,
      head: ['BITBUCKET_COMMIT'],
      repository: (env) => set(env.BITBUCKET_REPO_FULL_NAME),
      runUrl: (env) =>
        env.BITBUCKET_GIT_HTTP_ORIGIN && env.BITBUCKET_BUILD_NUMBER
          ? `${env.BITBUCKET_GIT_HTTP_ORIGIN.replace(/^http:/, 'https:')}/pipelines/results/${env.BITBUCKET_BUILD_NUMBER}`
          : undefined
    },
    {
      name: 'Woodpecker',
      detect: (env) => env.CI === 'woodpecker',
      head: ['CI_COMMIT_SHA'],
      previous: (env) =>
        env.CI_PREV_PIPELINE_STATUS === 'success'
          ? variable('CI_PREV_COMMIT_SHA')(env)
          : undefined,
      previousMeaning: 'the commit of the previous pipeline, when it succeeded',
      repository: (env) => set(env.CI_REPO),
      runUrl: (env) => set(env.CI_PIPELINE_URL)
    },
    {
      name: 'Drone',
      detect: (env) => env.DRONE === 'true',
      head: ['DRONE_COMMIT_SHA'],
      previous: variable('DRONE_COMMIT_BEFORE'),
      previousMeaning:
        'the branch head before the push (not the previous deployment)',
      repository: (env) => set(env.DRONE_REPO),
      runUrl: (env) => set(env.DRONE_BUILD_LINK)
    },
    {
      name: 'Travis CI',
      detect: (env) => env.TRAVIS === 'true',
      head: ['TRAVIS_COMMIT'],
      // "a...b": the push's range; the first commit is the branch head before the push.
      previous: (env) => {
        const from = set(env.TRAVIS_COMMIT_RANGE)?.split(/\.{2,3}/)[0]
        return from ? ['TRAVIS_COMMIT_RANGE', from] : undefined
      },
      previousMeaning:
        'the branch head before the push (not the previous deployment)',
      repository: (env) => set(env.TRAVIS_REPO_SLUG),
      runUrl: (env) => set(env.TRAVIS_BUILD_WEB_URL)
    }
  ]
}

/** The CI this process runs in, if any known one. */
export function detectCi(env: Env): CiSystem | undefined {
  return ciSystems().find((ci) => ci.detect(env))
}
