/** The CI systems the CLI knows, each as its documentation names its variables. */
import { describe, expect, it } from '@jest/globals'
import { ciSystems, detectCi, repositoryFromUrl } from '../src/cli/ci.js'

describe('ciSystems', () => {
  it('knows ten CI systems, in detection order, and says what each previous commit is', () => {
    const systems = ciSystems()

    expect(systems.map((c) => c.name)).toEqual([
      'GitHub Actions',
      'GitLab CI',
      'Jenkins',
      'CircleCI',
      'Buildkite',
      'Azure Pipelines',
      'Bitbucket Pipelines',
      'Woodpecker',
      'Drone',
      'Travis CI'
    ])
    expect(
      systems.filter((c) => c.previous).map((c) => [c.name, c.previousMeaning])
    ).toEqual([
      [
        'GitLab CI',
        'the branch head before the push (not the previous deployment)'
      ],
      ['Jenkins', 'the commit of the last successful build of the branch'],
      ['Woodpecker', 'the commit of the previous pipeline, when it succeeded'],
      [
        'Drone',
        'the branch head before the push (not the previous deployment)'
      ],
      [
        'Travis CI',
        'the branch head before the push (not the previous deployment)'
      ]
    ])
    expect(systems[0].head).toEqual(['GITHUB_SHA'])
  })

  it.each<[string, NodeJS.ProcessEnv, string | undefined, string | undefined]>([
    [
      'GitHub Actions',
      { GITHUB_ACTIONS: 'true', GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '9' },
      'o/r',
      'https://github.com/o/r/actions/runs/9'
    ],
    [
      'GitHub Actions',
      { GITHUB_ACTIONS: 'true', GITHUB_RUN_ID: '9' },
      undefined,
      undefined
    ],
    [
      'GitHub Actions',
      { GITHUB_ACTIONS: 'true', GITHUB_REPOSITORY: 'o/r' },
      'o/r',
      undefined
    ],
    [
      'GitLab CI',
      { GITLAB_CI: 'true', CI_PROJECT_PATH: ' g/s/r ', CI_PIPELINE_URL: '  ' },
      'g/s/r',
      undefined
    ],
    [
      'CircleCI',
      {
        CIRCLECI: 'true',
        CIRCLE_PROJECT_USERNAME: 'o',
        CIRCLE_REPOSITORY_URL: 'git@github.com:x/y.git'
      },
      'x/y',
      undefined
    ],
    [
      'CircleCI',
      {
        CIRCLECI: 'true',
        CIRCLE_PROJECT_REPONAME: 'r',
        CIRCLE_REPOSITORY_URL: 'git@github.com:x/y.git'
      },
      'x/y',
      undefined
    ],
    [
      'Azure Pipelines',
      {
        TF_BUILD: 'True',
        SYSTEM_COLLECTIONURI: 'https://dev.azure.com/org',
        SYSTEM_TEAMPROJECT: 'My Project',
        BUILD_BUILDID: '5'
      },
      undefined,
      'https://dev.azure.com/org/My%20Project/_build/results?buildId=5'
    ],
    [
      'Azure Pipelines',
      { TF_BUILD: 'True', SYSTEM_TEAMPROJECT: 'P', BUILD_BUILDID: '5' },
      undefined,
      undefined
    ],
    [
      'Azure Pipelines',
      {
        TF_BUILD: 'True',
        SYSTEM_COLLECTIONURI: 'https://a/',
        BUILD_BUILDID: '5'
      },
      undefined,
      undefined
    ],
    [
      'Azure Pipelines',
      {
        TF_BUILD: 'True',
        SYSTEM_COLLECTIONURI: 'https://a/',
        SYSTEM_TEAMPROJECT: 'P'
      },
      undefined,
      undefined
    ],
    [
      'Bitbucket Pipelines',
      {
        BITBUCKET_BUILD_NUMBER: '7',
        BITBUCKET_GIT_HTTP_ORIGIN: 'http://bitbucket.org/o/r',
        BITBUCKET_REPO_FULL_NAME: 'o/r'
      },
      'o/r',
      'https://bitbucket.org/o/r/pipelines/results/7'
    ],
    [
      'Bitbucket Pipelines',
      { BITBUCKET_BUILD_NUMBER: '7' },
      undefined,
      undefined
    ],
    [
      'Woodpecker',
      { CI: 'woodpecker', CI_REPO: 'o/r', CI_PIPELINE_URL: 'https://w/1' },
      'o/r',
      'https://w/1'
    ],
    [
      'Drone',
      { DRONE: 'true', DRONE_REPO: 'o/r', DRONE_BUILD_LINK: 'https://d/1' },
      'o/r',
      'https://d/1'
    ],
    [
      'Travis CI',
      {
        TRAVIS: 'true',
        TRAVIS_REPO_SLUG: 'o/r',
        TRAVIS_BUILD_WEB_URL: 'https://t/1'
      },
      'o/r',
      'https://t/1'
    ]
  ])('%s with %j: repository %s, run %s', (name, env, repository, runUrl) => {
    const ci = detectCi(env)

    expect([ci?.name, ci?.repository(env), ci?.runUrl(env)]).toEqual([
      name,
      repository,
      runUrl
    ])
  })

  it.each([
    ['a1a1...b2b2', 'a1a1'],
    ['a1a1..b2b2', 'a1a1'],
    ['a1a1.b2b2', 'a1a1.b2b2']
  ])(
    'Travis: the previous commit of TRAVIS_COMMIT_RANGE %s is %s',
    (range, from) => {
      const env = { TRAVIS: 'true', TRAVIS_COMMIT_RANGE: range }

      expect(detectCi(env)?.previous?.(env)).toEqual([
        'TRAVIS_COMMIT_RANGE',
        from
      ])
    }
  )

  it('Travis without a range has no previous commit', () => {
    const env = { TRAVIS: 'true' }

    expect(detectCi(env)?.previous?.(env)).toBeUndefined()
  })
})

describe('repositoryFromUrl', () => {
  it.each([
    ['git@github.com:octo-org/octo-repo.git', 'octo-org/octo-repo'],
    ['https://github.com/octo-org/octo-repo.git', 'octo-org/octo-repo'],
    ['https://gitlab.com//group/sub/repo//', 'group/sub/repo'],
    ['ssh://git@host:22/o/r.git', 'o/r'],
    ['https://dev.azure.com/org/project/_git/repo', 'org/project/_git/repo'],
    ['https://bitbucket.example/scm/proj/repo.git', 'proj/repo'],
    ['https://host/_git/proj/repo', 'proj/repo'],
    ['https://host/o/r.gitlab', 'o/r.gitlab'],
    ['https://host/o/my.git.repo', 'o/my.git.repo'],
    ['https://host/x/scm/r', 'x/scm/r'],
    ['https://host/repo', undefined],
    ['  ', undefined],
    [undefined, undefined],
    ['not a url', undefined],
    ['see git@github.com:o/r', undefined]
  ])('%s → %s', (url, repository) => {
    expect(repositoryFromUrl(url)).toBe(repository)
  })
})
