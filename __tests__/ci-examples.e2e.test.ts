/**
 * Every CI example under docs/examples/ci/: its report command, as written, run through the
 * bundled CLI with that CI's variables set as its documentation lists them. Head, base source,
 * repository and the link to the run must come out right, with one POST.
 */
import { afterAll, afterEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { assertDistFresh } from '../dev/source-hash.ts'
import { compareFromGit, startFakeGitHub } from '../dev/fake-github-api.ts'
import {
  startMultitudesServer,
  type MultitudesServer
} from '../dev/multitudes-server.ts'
import { ACTION_DIR } from '../dev/run-action.ts'
import { removeTestRepos, TestRepo } from '../__fixtures__/git-repo.js'
import { cliMode, runCli } from '../__fixtures__/run-cli.js'

// In process, the source runs, not the bundle (and Stryker's sandbox has mutated the source).
if (!cliMode.inProcess) assertDistFresh()
afterAll(removeTestRepos)
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()))
})

const EXAMPLES = path.join(ACTION_DIR, 'docs/examples/ci')
const COMMAND = /(?:npx --yes )?multitudes-deployment-action@1 (report\b.*)$/m

/** The report command of an example: the one line that runs it, cut after the package name. */
function reportCommand(file: string): string {
  const text = readFileSync(path.join(EXAMPLES, file), 'utf8')
  const found = text.match(new RegExp(COMMAND, 'gm')) ?? []
  expect(found).toHaveLength(1)
  return COMMAND.exec(text)![1].trim()
}

/** Shell words of a command line, with $VAR and ${VAR} taken from env, as sh would. */
function shellWords(line: string, env: Record<string, string>): string[] {
  const words: string[] = []
  let word: string | undefined
  let quote: '"' | "'" | undefined
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (quote === "'") {
      if (c === "'") quote = undefined
      else word += c
    } else if (c === '$') {
      const m = /^\$(?:\{(\w+)\}|(\w+))/.exec(line.slice(i))!
      word = (word ?? '') + (env[m[1] ?? m[2]] ?? '')
      i += m[0].length - 1
    } else if (quote === '"') {
      if (c === '"') quote = undefined
      else word += c
    } else if (c === '"' || c === "'") {
      quote = c
      word ??= ''
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word)
      word = undefined
    } else word = (word ?? '') + c
  }
  if (word !== undefined) words.push(word)
  return words
}

const run = (args: string[], env: Record<string, string>, cwd: string) =>
  runCli(args, cwd, env)

const repo = TestRepo.init()
const live = repo.commit('live in production')
const pushedBefore = repo.commits(2, 'pushed earlier')[1]
const shipped = repo.commits(3, 'shipped')
const head = repo.head()

interface Case {
  file: string
  /** The CI's documented variables for a push to main. */
  env: Record<string, string>
  repository: string
  runUrl: string | null
  /** Base with an empty record: the CI's previous commit, or none. */
  ciBase: 'push' | 'none' | 'previous-deployment'
}

const CASES: Case[] = [
  {
    file: 'gitlab-ci.yml',
    env: {
      GITLAB_CI: 'true',
      CI: 'true',
      CI_COMMIT_SHA: head,
      CI_COMMIT_BEFORE_SHA: pushedBefore,
      CI_PROJECT_PATH: 'octo-group/octo-repo',
      CI_PIPELINE_URL: 'https://gitlab.com/octo-group/octo-repo/-/pipelines/42'
    },
    repository: 'octo-group/octo-repo',
    runUrl: 'https://gitlab.com/octo-group/octo-repo/-/pipelines/42',
    ciBase: 'push'
  },
  {
    file: 'Jenkinsfile',
    env: {
      JENKINS_URL: 'https://jenkins.example.com/',
      BUILD_URL: 'https://jenkins.example.com/job/deploy/17/',
      GIT_COMMIT: head,
      GIT_PREVIOUS_SUCCESSFUL_COMMIT: pushedBefore,
      GIT_URL: 'git@github.com:octo-org/octo-repo.git'
    },
    repository: 'octo-org/octo-repo',
    runUrl: 'https://jenkins.example.com/job/deploy/17/',
    ciBase: 'push'
  },
  {
    file: 'circleci.yml',
    env: {
      CI: 'true',
      CIRCLECI: 'true',
      CIRCLE_SHA1: head,
      CIRCLE_PROJECT_USERNAME: 'octo-org',
      CIRCLE_PROJECT_REPONAME: 'octo-repo',
      CIRCLE_BUILD_URL: 'https://circleci.com/gh/octo-org/octo-repo/123'
    },
    repository: 'octo-org/octo-repo',
    runUrl: 'https://circleci.com/gh/octo-org/octo-repo/123',
    ciBase: 'none'
  },
  {
    file: 'buildkite.yml',
    env: {
      CI: 'true',
      BUILDKITE: 'true',
      BUILDKITE_COMMIT: head,
      BUILDKITE_REPO: 'https://github.com/octo-org/octo-repo.git',
      BUILDKITE_BUILD_URL: 'https://buildkite.com/octo/deploy/builds/9'
    },
    repository: 'octo-org/octo-repo',
    runUrl: 'https://buildkite.com/octo/deploy/builds/9',
    ciBase: 'none'
  },
  {
    file: 'azure-pipelines.yml',
    env: {
      TF_BUILD: 'True',
      BUILD_SOURCEVERSION: head,
      BUILD_REPOSITORY_NAME: 'octo-org/octo-repo',
      BUILD_BUILDID: '77',
      SYSTEM_COLLECTIONURI: 'https://dev.azure.com/octo/',
      SYSTEM_TEAMPROJECT: 'Octo Project'
    },
    repository: 'octo-org/octo-repo',
    runUrl:
      'https://dev.azure.com/octo/Octo%20Project/_build/results?buildId=77',
    ciBase: 'none'
  },
  {
    file: 'bitbucket-pipelines.yml',
    env: {
      CI: 'true',
      BITBUCKET_BUILD_NUMBER: '31',
      BITBUCKET_COMMIT: head,
      BITBUCKET_REPO_FULL_NAME: 'octo-ws/octo-repo',
      BITBUCKET_GIT_HTTP_ORIGIN: 'http://bitbucket.org/octo-ws/octo-repo'
    },
    repository: 'octo-ws/octo-repo',
    runUrl: 'https://bitbucket.org/octo-ws/octo-repo/pipelines/results/31',
    ciBase: 'none'
  },
  {
    file: 'github-actions.yml',
    env: {
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_SHA: head,
      GITHUB_REPOSITORY: 'octo-org/octo-repo',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: '5550001'
    },
    repository: 'octo-org/octo-repo',
    runUrl: 'https://github.com/octo-org/octo-repo/actions/runs/5550001',
    ciBase: 'previous-deployment'
  }
]

/** The local Multitudes API, and a GitHub API with one production deployment (or none). */
async function servers(githubDeployments = true): Promise<{
  api: MultitudesServer
  githubUrl: string
}> {
  const api = await startMultitudesServer()
  const github = await startFakeGitHub({
    deployments: githubDeployments
      ? [
          {
            id: 1,
            sha: pushedBefore,
            environment: 'production',
            statuses: [{ state: 'success' }]
          }
        ]
      : [],
    commits: repo.revList('HEAD'),
    compare: compareFromGit(
      (...args) => repo.revList(...args),
      (a, b) => repo.revList(`${b}..${a}`).length === 0
    )
  })
  closers.push(
    () => api.close(),
    () => github.close()
  )
  return { api, githubUrl: github.url }
}

/** Multitudes already holds the deployment of `live`, sent by any CI. */
async function recordLive(api: MultitudesServer): Promise<void> {
  const response = await fetch(api.url, {
    method: 'POST',
    headers: {
      Authorization: 'Bearer mtd_demo_key',
      'Content-Type': 'application/json'
    },
    body: JSON.stringify({
      commitSha: [live],
      environmentName: 'production',
      deployedAt: '2026-01-01T00:00:00.000Z'
    })
  })
  expect(response.status).toBe(201)
}

/** A run's exit, with its stderr shown only when it failed. */
const exit = (r: { code: number | null; stderr: string }) => ({
  code: r.code,
  stderr: r.code === 0 ? '' : r.stderr
})

describe.each(CASES)('$file', (c) => {
  const args = (api: MultitudesServer) => [
    ...shellWords(reportCommand(c.file), c.env),
    '--api-url',
    api.url,
    '--json'
  ]
  const env = (githubUrl: string) => ({
    ...c.env,
    MULTITUDES_API_KEY: 'mtd_demo_key',
    ...(c.ciBase === 'previous-deployment'
      ? { GITHUB_TOKEN: 'ghs_token', GITHUB_API_URL: githubUrl }
      : {})
  })
  // Without a base from the CI, head is sent alone.
  const shas = c.ciBase === 'none' ? [head] : [...shipped].reverse()

  it('reports head from the CI, the repository and the run link; base from what the CI has', async () => {
    const { api, githubUrl } = await servers()

    const { code, stdout, stderr } = await run(
      args(api),
      env(githubUrl),
      repo.dir
    )

    expect(exit({ code, stderr })).toEqual({ code: 0, stderr: '' })
    const out = JSON.parse(stdout) as Record<string, unknown>
    expect(out).toMatchObject({
      reported: true,
      'head-sha': head,
      'base-source': c.ciBase,
      repository: c.repository,
      'run-url': c.runUrl
    })
    expect(out['commit-shas']).toEqual(shas)
    expect(api.posts()).toBe(1)
  })

  it("takes base from Multitudes' record first", async () => {
    const { api, githubUrl } = await servers()
    await recordLive(api)
    const { code, stdout } = await run(
      args(api),
      { ...env(githubUrl), GITHUB_TOKEN: '' },
      repo.dir
    )

    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({
      'head-sha': head,
      'base-source': 'multitudes',
      'base-sha': live,
      'commit-count': 5
    })
    expect(api.posts()).toBe(2) // the record's own, and this one
  })
})

describe('argocd-postsync.yaml, a Kubernetes Job with no clone', () => {
  it('sends the commits since the recorded deployment, from the compare API', async () => {
    // Argo CD makes no GitHub deployment: Multitudes' record is what knows the last one.
    const { api, githubUrl } = await servers(false)
    await recordLive(api)
    const pod = mkdtempSync(path.join(tmpdir(), 'pod-')) // no clone in the pod
    const jobEnv = { DEPLOYED_SHA: head }

    const { code, stdout, stderr } = await run(
      [
        ...shellWords(reportCommand('argocd-postsync.yaml'), jobEnv),
        '--api-url',
        api.url,
        '--json'
      ],
      {
        ...jobEnv,
        MULTITUDES_API_KEY: 'mtd_demo_key',
        GITHUB_TOKEN: 'ghs_token',
        GITHUB_API_URL: githubUrl
      },
      pod
    )

    expect(exit({ code, stderr })).toEqual({ code: 0, stderr: '' })
    expect(JSON.parse(stdout)).toMatchObject({
      reported: true,
      'head-sha': head,
      'base-source': 'multitudes',
      'base-sha': live,
      'commit-count': 5,
      repository: 'octo-org/octo-repo',
      'run-url': null
    })
    expect(api.posts()).toBe(2)
  })
})

describe('the example parser', () => {
  it('splits words and expands variables as sh does', () => {
    expect(shellWords(`a --x "$V w" '$V' \${V}z ""`, { V: 'v' })).toEqual([
      'a',
      '--x',
      'v w',
      '$V',
      'vz',
      ''
    ])
  })
})
