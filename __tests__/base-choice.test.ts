/**
 * How base is chosen, against in-memory git and GitHub: each strategy's source of base, the
 * previous-deployment scan's budget, order and exclusions, and what each says in the log. The
 * HTTP and real-git paths are covered by range-github.int.test.ts and range.int.test.ts.
 */
import { beforeEach, describe, expect, it } from '@jest/globals'
import { InputError } from '../src/errors.js'
import type { GitClient } from '../src/git/client.js'
import {
  GitHubApiError,
  type GitHubApi,
  type GitHubDeployment,
  type GitHubDeploymentStatus
} from '../src/github/api.js'
import { previousDeploymentSha } from '../src/range/previous-deployment.js'
import { ownRunCheck, statusSetBy } from '../src/range/own-run.js'
import { chooseBase } from '../src/range/select.js'
import type { MultitudesRecord, Recorded } from '../src/record/reader.js'
import { testContext, testInputs } from '../__fixtures__/inputs.js'
import { stdout } from '../__fixtures__/stdout.js'

const sha = (n: number): string => n.toString(16).padStart(40, '0')
const run = (id: number): string =>
  `https://github.com/octo-org/octo-repo/actions/runs/${id}/job/7`

interface Deployment extends GitHubDeployment {
  status?: GitHubDeploymentStatus
  /** ms before its status answers: lets a later look-up answer first. */
  delay?: number
}

const deployment = (
  id: number,
  state: string | undefined,
  environment = 'production',
  url = ''
): Deployment => ({
  id,
  sha: sha(id),
  environment,
  createdAt: '2026-01-01T00:00:00Z',
  status: state === undefined ? undefined : { state, url }
})

/** GitHub's deployments, newest first, with `environment=` matching exactly. */
function github(deployments: Deployment[]) {
  const listed: string[] = []
  const looked: number[] = []
  let inFlight = 0
  let maxInFlight = 0
  const api = {
    listDeployments: (page: number, environment?: string) => {
      listed.push(`${environment ?? '*'}:${page}`)
      const all = deployments.filter(
        (d) => environment === undefined || d.environment === environment
      )
      return Promise.resolve(all.slice((page - 1) * 100, page * 100))
    },
    latestStatus: async (id: number) => {
      looked.push(id)
      inFlight++
      maxInFlight = Math.max(maxInFlight, inFlight)
      const d = deployments.find((x) => x.id === id)
      await new Promise((r) => setTimeout(r, d?.delay ?? 0))
      inFlight--
      return d?.status
    }
  } as unknown as GitHubApi
  return { api, listed, looked, maxInFlight: () => maxInFlight }
}

/** Production (#900) first on page 2 of all deployments, among 250 of staging: three pages. */
const productionOnPageTwo = () => [
  ...Array.from({ length: 100 }, (_, i) =>
    deployment(1000 - i, 'success', 'staging')
  ),
  deployment(900, 'success', 'Production'),
  ...Array.from({ length: 150 }, (_, i) =>
    deployment(899 - i, 'success', 'staging')
  )
]

/** The same GitHub, where one page of any listing fails. */
function withFailingPage(api: GitHubApi, failing: number): GitHubApi {
  return {
    ...api,
    listDeployments: (page: number, environment?: string) =>
      page === failing
        ? Promise.reject(new Error('GitHub answered 502'))
        : api.listDeployments(page, environment)
  }
}

/** What `run` resolves to, and the rejections nobody handled while it ran (and just after). */
async function unhandledDuring<T>(run: () => Promise<T>) {
  const unhandled: unknown[] = []
  const note = (reason: unknown) => unhandled.push(reason)
  process.on('unhandledRejection', note)
  try {
    const result = await run()
    await new Promise((resolve) => setTimeout(resolve, 20))
    return { result, unhandled }
  } finally {
    process.off('unhandledRejection', note)
  }
}

beforeEach(() => stdout.clear())

describe('previousDeploymentSha', () => {
  it('takes the newest live deployment of the exact name; the listing of all stops at it', async () => {
    const gh = github([
      deployment(9, 'failure'),
      deployment(8, 'inactive'),
      deployment(7, 'success')
    ])

    const found = await previousDeploymentSha(gh.api, 'production', {
      ownRunIds: []
    })

    expect(found).toBe(sha(8))
    // One page of all deployments: it reaches #8, so nothing newer is missed.
    expect(gh.listed).toEqual(['production:1', '*:1'])
    expect(stdout.text()).not.toContain('::warning::')
    // Ten at a time: the batch is looked up whole, and read in order.
    expect(gh.looked).toEqual([9, 8, 7])
    expect(stdout.text()).toContain(
      `Previous deployment to production: #8 at ${sha(8)} (inactive).`
    )
    expect(stdout.text()).toContain(
      '::debug::Skipping deployment #9: its latest status is failure.'
    )
  })

  it('with none of the exact name, scans every deployment for any case of it, once each', async () => {
    const gh = github([
      deployment(5, 'success', 'Production'),
      deployment(4, 'success', 'staging'),
      deployment(3, 'failure', 'production'),
      deployment(2, 'success', 'PRODUCTION')
    ])

    const found = await previousDeploymentSha(gh.api, 'production', {
      ownRunIds: []
    })

    expect(found).toBe(sha(5))
    expect(gh.listed).toEqual(['production:1', '*:1'])
    // #3 was looked up in the exact listing; it is not looked up again.
    expect(gh.looked).toEqual([3, 5, 2])
    expect(stdout.text()).toContain(
      "::debug::No base among the deployments named exactly 'production'; scanning all deployments for any case of the name."
    )
  })

  it('a newer deployment to another case of the name beats an older exact one (Vercel says Production)', async () => {
    const gh = github([
      deployment(30, 'success', 'preview-9'),
      deployment(21, 'success', 'Production'),
      deployment(20, 'failure', 'PRODUCTION'),
      deployment(10, 'success', 'production'),
      deployment(5, 'success', 'Production')
    ])

    const found = await previousDeploymentSha(gh.api, 'production', {
      ownRunIds: []
    })

    expect(found).toBe(sha(21))
    // #10 from the exact listing, then only what is newer than it: #5 is never looked up.
    expect(gh.looked).toEqual([10, 21, 20])
  })

  it('an exact deployment newer than every other case of the name stays base', async () => {
    const gh = github([
      deployment(10, 'success', 'production'),
      deployment(9, 'success', 'Production')
    ])

    const found = await previousDeploymentSha(gh.api, 'production', {
      ownRunIds: []
    })

    expect(found).toBe(sha(10))
    expect(gh.looked).toEqual([10])
  })

  it('warns when the newer deployments cannot all be read before reaching the exact base', async () => {
    const gh = github([
      ...Array.from({ length: 250 }, (_, i) =>
        deployment(1000 - i, 'success', `preview-${i}`)
      ),
      deployment(10, 'success', 'production')
    ])

    // Three pages in all: one of the exact name, two of every environment.
    const found = await previousDeploymentSha(gh.api, 'production', {
      ownRunIds: [],
      maxPages: 3
    })

    expect(found).toBe(sha(10))
    expect(stdout.text()).toContain(
      "::warning::Deployment #10 to 'production' is the base, but 200 newer deployments were read without reaching it"
    )
    expect(gh.listed).toEqual(['production:1', '*:1', '*:2'])
  })

  it('spends one budget of status look-ups on both listings', async () => {
    const gh = github([
      deployment(60, 'failure', 'Production'),
      deployment(50, 'failure'),
      deployment(40, 'failure'),
      deployment(30, 'success', 'Production')
    ])

    const found = await previousDeploymentSha(gh.api, 'production', {
      ownRunIds: [],
      maxStatusLookups: 3
    })

    expect(found).toBeUndefined()
    expect(gh.looked).toEqual([50, 40, 60])
  })

  it('passes over the event deployment and every one made after it', async () => {
    const gh = github([
      deployment(12, 'success'),
      deployment(11, 'success'),
      deployment(10, 'success'),
      deployment(9, 'success')
    ])

    const found = await previousDeploymentSha(gh.api, 'production', {
      ownRunIds: [],
      eventDeploymentId: 11
    })

    expect(found).toBe(sha(10))
    expect(gh.looked).toEqual([10, 9])
  })

  it('passes over deployments made by this run or the run it reports on, whichever it names', async () => {
    const gh = github([
      deployment(9, 'success', 'production', run(400)),
      deployment(8, 'success', 'production', run(300)),
      deployment(7, 'success', 'production', run(3000))
    ])

    const found = await previousDeploymentSha(gh.api, 'production', {
      ownRunIds: [300, 400]
    })

    // Run 3000 is another run, though its id starts with 300.
    expect(found).toBe(sha(7))
  })

  it('looks statuses up a batch at a time, and the newest live one wins whatever answers first', async () => {
    const list = [
      { ...deployment(6, 'failure'), delay: 30 },
      { ...deployment(5, 'success'), delay: 20 },
      { ...deployment(4, 'success'), delay: 0 },
      deployment(3, 'success'),
      deployment(2, 'success')
    ]
    const gh = github(list)

    const found = await previousDeploymentSha(gh.api, 'production', {
      ownRunIds: [],
      concurrency: 2
    })

    expect(found).toBe(sha(5))
    expect(gh.maxInFlight()).toBe(2)
    expect(gh.looked).toEqual([6, 5])
  })

  it('stops at the status budget and says what it scanned', async () => {
    const gh = github(
      Array.from({ length: 8 }, (_, i) => deployment(20 - i, 'failure'))
    )

    const found = await previousDeploymentSha(gh.api, 'production', {
      ownRunIds: [],
      maxStatusLookups: 5,
      concurrency: 2
    })

    expect(found).toBeUndefined()
    expect(gh.looked).toHaveLength(5)
    // The budget ran out in the exact listing: no second listing.
    expect(gh.listed).toEqual(['production:1'])
    expect(stdout.text()).toContain(
      "::warning::No earlier successful deployment to 'production' was found in the 8 deployments read (8 of them to that environment, 5 statuses looked up); the search stops there. Set 'base' to say what was live."
    )
  })

  it('a budget that ends inside a batch says it ran out, never that nothing was there', async () => {
    // One look-up left in a batch of ten: #19 is never looked up, so the search is cut short.
    const gh = github([deployment(20, 'failure'), deployment(19, 'success')])

    const found = await previousDeploymentSha(gh.api, 'production', {
      ownRunIds: [],
      maxStatusLookups: 1
    })

    expect(found).toBeUndefined()
    expect(gh.looked).toEqual([20])
    expect(stdout.text()).toContain(
      "::warning::No earlier successful deployment to 'production' was found in the 2 deployments read (2 of them to that environment, 1 status looked up); the search stops there."
    )
  })

  it('lists the exact name a page at a time: no page is asked for that is not read', async () => {
    // 100 made after the event, then the base on page 2, then older ones.
    const gh = github(
      Array.from({ length: 150 }, (_, i) => deployment(1000 - i, 'success'))
    )

    const found = await previousDeploymentSha(gh.api, 'production', {
      ownRunIds: [],
      eventDeploymentId: 901
    })

    expect(found).toBe(sha(900))
    expect(gh.listed.filter((l) => l.startsWith('production'))).toEqual([
      'production:1',
      'production:2'
    ])
  })

  it('stops listing all deployments on the page that reaches the base, even when the base ends it', async () => {
    const staging = (from: number, n: number): Deployment[] =>
      Array.from({ length: n }, (_, i) =>
        deployment(from - i, 'success', 'staging')
      )
    const gh = github([
      ...staging(199, 99),
      deployment(100, 'success'),
      ...staging(99, 99)
    ])

    const found = await previousDeploymentSha(gh.api, 'production', {
      ownRunIds: []
    })

    expect(found).toBe(sha(100))
    expect(gh.listed).toEqual(['production:1', '*:1'])
    expect(stdout.text()).not.toContain('::warning::')
    expect(stdout.text()).toContain(
      "::debug::Looking for deployments newer than #100 to another case of 'production'."
    )
  })

  it('reads ahead when listing all deployments for another case of the name: pages 2 and 3 together', async () => {
    const gh = github(productionOnPageTwo())

    const found = await previousDeploymentSha(gh.api, 'production', {
      ownRunIds: []
    })

    expect(found).toBe(sha(900))
    expect(gh.listed).toEqual(['production:1', '*:1', '*:2', '*:3'])
  })

  it('a page read ahead that fails and is never needed leaves no rejection behind', async () => {
    const gh = github(productionOnPageTwo())

    const { result, unhandled } = await unhandledDuring(() =>
      previousDeploymentSha(withFailingPage(gh.api, 3), 'production', {
        ownRunIds: []
      })
    )

    expect(result).toBe(sha(900))
    expect(unhandled).toEqual([])
  })

  it("finds nothing in a short listing: no base, and no warning (the first deployment is the caller's call)", async () => {
    const gh = github([
      deployment(3, 'failure'),
      deployment(2, 'error', 'staging')
    ])

    const found = await previousDeploymentSha(gh.api, 'production', {
      ownRunIds: []
    })

    expect(found).toBeUndefined()
    expect(gh.listed).toEqual(['production:1', '*:1'])
    expect(stdout.text()).not.toContain('::warning::')
    expect(stdout.text()).toContain(
      "::debug::No base among the deployments named exactly 'production'; scanning all deployments for any case of the name."
    )
  })

  it('says what it read when the listing of all deployments runs out of pages with no base found', async () => {
    const gh = github([
      deployment(400, 'failure'),
      deployment(399, 'failure', 'Production'),
      ...Array.from({ length: 300 }, (_, i) =>
        deployment(398 - i, 'success', 'staging')
      )
    ])

    const found = await previousDeploymentSha(gh.api, 'production', {
      ownRunIds: [],
      maxPages: 2
    })

    expect(found).toBeUndefined()
    expect(gh.listed).toEqual(['production:1', '*:1'])
    expect(stdout.text()).toContain(
      "::warning::No earlier successful deployment to 'production' was found in the 1 deployment named exactly so and the newest 100 of all deployments (2 of them to that environment in any case, 2 statuses looked up); the search stops there."
    )
  })

  it('passes over a deployment that has no status yet', async () => {
    const gh = github([deployment(9, undefined), deployment(8, 'success')])

    const found = await previousDeploymentSha(gh.api, 'production', {
      ownRunIds: []
    })

    expect(found).toBe(sha(8))
    expect(gh.looked).toEqual([9, 8])
  })

  it('reads up to maxPages full pages, and stops at a short one', async () => {
    // 250 deployments made after the event: all passed over without a look-up.
    const many = Array.from({ length: 250 }, (_, i) =>
      deployment(1000 - i, 'success')
    )
    const capped = github(many)
    const all = github(many)

    await previousDeploymentSha(capped.api, 'production', {
      ownRunIds: [],
      eventDeploymentId: 1,
      maxPages: 2
    })
    await previousDeploymentSha(all.api, 'production', {
      ownRunIds: [],
      eventDeploymentId: 1
    })

    expect(capped.listed).toEqual(['production:1', 'production:2'])
    expect(capped.looked).toEqual([])
    expect(stdout.text()).toContain(
      'was found in the 200 deployments read (0 of them to that environment, 0 statuses looked up)'
    )
    // Not exhausted: the exact listing ended with a short page, so all deployments are read.
    expect(all.listed).toEqual([
      'production:1',
      'production:2',
      'production:3',
      '*:1',
      '*:2',
      '*:3'
    ])
  })
})

describe('chooseBase', () => {
  const HEAD = sha(0xbeef)
  const git = (answers: Partial<Record<string, string>>) => {
    const asked: string[] = []
    const client = {
      resolveCommit: (rev: string) => {
        asked.push(rev)
        return Promise.resolve(answers[rev])
      },
      nearestTag: (head: string, pattern: string) => {
        asked.push(`tag ${head} ${pattern}`)
        return Promise.resolve(answers[pattern])
      }
    } as unknown as GitClient
    return { client, asked }
  }

  it('parent: base is head^1, from git', async () => {
    const g = git({ [`${HEAD}^1`]: sha(1) })

    const choice = await chooseBase(
      testInputs({ strategy: 'parent' }),
      testContext(),
      HEAD,
      { git: g.client, github: undefined }
    )

    expect(choice).toEqual({ ref: sha(1), source: 'parent' })
    expect(g.asked).toEqual([`${HEAD}^1`])
  })

  describe("multitudes: the newest record of this repository's commits that does not hold head", () => {
    const OTHER_REPO = sha(0xa0)
    const record = (listed: { shas: string[]; deployedAt: string }[]) =>
      ({
        unreadable: undefined,
        prefetch: () => undefined,
        scan: async (
          _environment: string,
          enough: (r: Recorded[]) => Promise<boolean>
        ) => {
          const all = listed.map((r) => ({
            ...r,
            environment: 'production',
            time: Date.parse(r.deployedAt),
            isTest: false
          }))
          await enough(all)
          return all
        }
      }) as unknown as MultitudesRecord
    const ours = (...shas: string[]) =>
      ({
        presentCommits: (asked: string[]) =>
          Promise.resolve(new Set(asked.filter((s) => shas.includes(s))))
      }) as unknown as GitClient
    const inputs = testInputs({ strategy: 'multitudes' })

    it('skips a record of another repository and one that holds head; says what it took', async () => {
      const deps = {
        git: ours(sha(1), sha(2), HEAD),
        github: undefined,
        record: record([
          { shas: [OTHER_REPO], deployedAt: '2026-03-04T00:00:00.000Z' },
          { shas: [HEAD], deployedAt: '2026-03-03T00:00:00.000Z' },
          { shas: [sha(2), sha(1)], deployedAt: '2026-03-02T00:00:00.000Z' }
        ])
      }

      const choice = await chooseBase(inputs, testContext(), HEAD, deps)

      expect(choice).toEqual({ ref: sha(2), source: 'multitudes' })
      expect(stdout.text()).toContain(
        `Base: the deployment Multitudes recorded at 2026-03-02T00:00:00.000Z for this repository; its newest commit is ${sha(2)}.`
      )
    })

    it('finds none in a record with nothing of this repository', async () => {
      const deps = {
        git: ours(HEAD),
        github: undefined,
        record: record([
          { shas: [OTHER_REPO], deployedAt: '2026-03-04T00:00:00.000Z' }
        ])
      }

      const choice = await chooseBase(inputs, testContext(), HEAD, deps)

      expect(choice.ref).toBeUndefined()
      expect(stdout.text()).not.toContain('Base: the deployment Multitudes')
    })

    it('finds none without a record, or with no way to tell which commits are ours', async () => {
      const listed = [
        { shas: [sha(1)], deployedAt: '2026-03-02T00:00:00.000Z' }
      ]
      const noRecord = { git: ours(sha(1)), github: undefined }
      const noMembership = {
        git: undefined,
        github: undefined,
        record: record(listed)
      }

      for (const deps of [noRecord, noMembership])
        expect(
          (await chooseBase(inputs, testContext(), HEAD, deps)).ref
        ).toBeUndefined()
    })
  })

  it("tag: the nearest tag matching the pattern, '*' when none is given", async () => {
    const g = git({ '*': 'v9', 'v1.*': 'v1.2' })
    const deps = { git: g.client, github: undefined }
    const inputs = testInputs({ strategy: 'tag' })

    const any = await chooseBase(
      { ...inputs, tagPattern: undefined },
      testContext(),
      HEAD,
      deps
    )
    const v1 = await chooseBase(
      { ...inputs, tagPattern: 'v1.*' },
      testContext(),
      HEAD,
      deps
    )

    expect(any).toEqual({ ref: 'v9', source: 'tag' })
    expect(v1).toEqual({ ref: 'v1.2', source: 'tag' })
  })

  it.each([
    [
      'push',
      { eventName: 'workflow_dispatch' },
      `Invalid 'strategy': "push" needs a push event, but this run was triggered by 'workflow_dispatch'.`
    ],
    [
      'previous-deployment',
      {},
      `Invalid 'strategy': "previous-deployment" reads GitHub deployments, but there is no 'github-token' or repository.`
    ],
    [
      'parent',
      {},
      `Invalid 'strategy': "parent" needs a git checkout, and commit-source is 'api'.`
    ],
    [
      'tag',
      {},
      `Invalid 'strategy': "tag" needs a git checkout, and commit-source is 'api'.`
    ]
  ] as const)(
    '%s without what it needs is an input error',
    async (strategy, ctx, message) => {
      const choice = chooseBase(
        testInputs({ strategy }),
        testContext(ctx),
        HEAD,
        { git: undefined, github: undefined }
      )

      await expect(choice).rejects.toThrow(InputError)
      await expect(choice).rejects.toThrow(message)
    }
  )

  it('push: base is the push event before, on a push', async () => {
    const choice = await chooseBase(
      testInputs({ strategy: 'push' }),
      testContext({ eventName: 'push', pushBefore: sha(2) }),
      HEAD,
      { git: undefined, github: undefined }
    )

    expect(choice).toEqual({ ref: sha(2), source: 'push' })
  })

  it('auto: without GitHub, goes straight to the push and warns of nothing', async () => {
    const choice = await chooseBase(
      testInputs({ strategy: 'auto' }),
      testContext({ eventName: 'push', pushBefore: sha(2) }),
      HEAD,
      { git: undefined, github: undefined }
    )

    expect(choice).toEqual({ ref: sha(2), source: 'push' })
    expect(stdout.text()).toBe('')
  })

  it('auto: a base input wins, and GitHub is not asked', async () => {
    const gh = github([deployment(3, 'success')])

    const choice = await chooseBase(
      testInputs({ strategy: 'auto', base: 'v1.0.0' }),
      testContext(),
      HEAD,
      { git: undefined, github: gh.api }
    )

    expect(choice).toEqual({ ref: 'v1.0.0', source: 'input' })
    expect(gh.listed).toEqual([])
  })

  it('auto: without a previous deployment, a push takes before; any other event has no base', async () => {
    const gh = github([])
    const deps = { git: undefined, github: gh.api }
    const inputs = testInputs({ strategy: 'auto' })

    const push = await chooseBase(
      inputs,
      testContext({ eventName: 'push', pushBefore: sha(2) }),
      HEAD,
      deps
    )
    const dispatch = await chooseBase(
      inputs,
      testContext({ eventName: 'workflow_dispatch', pushBefore: sha(2) }),
      HEAD,
      deps
    )

    expect(push).toEqual({ ref: sha(2), source: 'push' })
    expect(dispatch).toEqual({ ref: undefined, source: 'none' })
  })

  const refusing = (status: number) =>
    ({
      listDeployments: () =>
        Promise.reject(
          new GitHubApiError(
            'GitHub API list deployments failed',
            "Give the job's token 'deployments:read'.",
            status
          )
        )
    }) as unknown as GitHubApi

  it.each([403, 500])(
    'auto: deployments GitHub will not list (%s) fall back to the push, with a warning naming the permission',
    async (status) => {
      const choice = await chooseBase(
        testInputs({ strategy: 'auto' }),
        testContext({ eventName: 'push', pushBefore: sha(2) }),
        HEAD,
        { git: undefined, github: refusing(status) }
      )

      expect(choice).toEqual({ ref: sha(2), source: 'push' })
      expect(stdout.text()).toContain(
        "::warning::GitHub deployments could not be read (GitHub API list deployments failed); the push event's before is base instead. Give the job's token 'deployments:read'."
      )
    }
  )

  it('auto off a push: deployments that cannot be read leave base unknown, never a quiet first deployment', async () => {
    const choice = await chooseBase(
      testInputs({ strategy: 'auto' }),
      testContext({ eventName: 'deployment_status' }),
      HEAD,
      { git: undefined, github: refusing(403) }
    )

    expect(choice).toEqual({
      ref: undefined,
      source: 'none',
      unknown:
        'GitHub deployments could not be read (GitHub API list deployments failed)'
    })
    expect(stdout.text()).toContain(
      "::warning::GitHub deployments could not be read (GitHub API list deployments failed); without them the previous deployment is unknown. Give the job's token 'deployments:read'."
    )
  })
})

describe('statusSetBy', () => {
  it.each([
    ['https://github.com/o/r/actions/runs/42/job/7', { run: 42 }],
    ['https://github.com/o/r/actions/runs/42', { run: 42 }],
    ['https://ghes.example.com/o/r/actions/runs/42/attempts/2', { run: 42 }],
    [
      'https://github.com/o/r/runs/4687056418?check_suite_focus=true',
      { job: 4687056418 }
    ],
    ['https://github.com/o/r/runs/99', { job: 99 }],
    ['https://github.com/octo-org/octo-repo/runs/99/', { job: 99 }],
    ['https://github.com/octo-org/octo-repo/extra/runs/99', undefined],
    ['https://github.com/octo-org/runs/99', undefined],
    ['https://github.com/o/r/actions/runs/x', undefined],
    ['https://vercel.com/o/r/runs/42x', undefined],
    ['https://example.com/runs/42', undefined],
    ['not a url', undefined],
    ['', undefined]
  ])('%s → %j', (url, expected) => {
    expect(statusSetBy(url)).toEqual(expected)
  })
})

describe('ownRunCheck', () => {
  const jobs = (answer: (job: number) => Promise<number>) => {
    const asked: number[] = []
    const api = {
      jobRun: (job: number) => {
        asked.push(job)
        return answer(job)
      }
    } as unknown as GitHubApi
    return { api, asked }
  }
  const byJob = (job: number): string =>
    `https://github.com/octo-org/octo-repo/runs/${job}?check_suite_focus=true`

  it('a status naming a run is own when the run is one of ours; no request', async () => {
    const { api, asked } = jobs(() => Promise.resolve(1))
    const own = ownRunCheck(api, [42, 43])
    expect(await own(run(43), 1)).toBe(true)
    expect(await own(run(44), 2)).toBe(false)
    expect(asked).toEqual([])
  })

  it('without run ids nothing is own, not even a matching job', async () => {
    const { api, asked } = jobs(() => Promise.resolve(42))
    expect(await ownRunCheck(api, [])(byJob(7), 1)).toBe(false)
    expect(asked).toEqual([])
  })

  it('maps the first job to its run with one request; later jobs are taken as other runs', async () => {
    const runOfJob = new Map([
      [7, 42],
      [8, 43],
      [9, 43]
    ])
    const { api, asked } = jobs((job) => Promise.resolve(runOfJob.get(job)!))
    const own = ownRunCheck(api, [42, 43])
    expect(await own(byJob(7), 10)).toBe(true)
    expect(await own(byJob(8), 9)).toBe(false)
    expect(await own(byJob(9), 8)).toBe(false)
    expect(asked).toEqual([7])
    expect(stdout.text()).toContain(
      "::debug::Deployment #9: its status names job 8; one job was looked up already, so it is taken as another run's."
    )
  })

  it('a job of another run is not own', async () => {
    const { api } = jobs(() => Promise.resolve(99))
    expect(await ownRunCheck(api, [42])(byJob(7), 10)).toBe(false)
  })

  it("a job that cannot be looked up is taken as another run's, with a warning and its hint", async () => {
    const { api } = jobs(() =>
      Promise.reject(
        new GitHubApiError(
          'GitHub API get a job failed',
          "Give the job's token 'actions:read'.",
          403
        )
      )
    )
    expect(await ownRunCheck(api, [42])(byJob(7), 10)).toBe(false)
    expect(stdout.text()).toContain(
      "::warning::Could not tell which run set the status of deployment #10 (job 7): GitHub API get a job failed. It is taken as another run's deployment, so it may be this run's own. Give the job's token 'actions:read'."
    )
  })
})
