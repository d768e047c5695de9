/**
 * Multitudes' record in process: the reader's pages, order and bounds, and the look-ups built on
 * it (base, the duplicate check, the backfill index), against the local API and scripted pages.
 */
import { afterAll, afterEach, describe, expect, it } from '@jest/globals'
import type { DeploymentPayload } from '../src/deployment.js'
import {
  createMultitudesClient,
  type ApiResponse,
  type MultitudesClient
} from '../src/multitudes-client.js'
import {
  findRecorded,
  isSameDeployment,
  recordBase,
  recordIndex
} from '../src/record/lookup.js'
import {
  githubMembership,
  membershipOf,
  type Membership
} from '../src/record/membership.js'
import { createRecord, RECORD_BOUNDS } from '../src/record/reader.js'
import {
  startMultitudesServer,
  type MultitudesServer
} from '../dev/multitudes-server.ts'
import { createGitClient } from '../src/git/client.js'
import { removeTestRepos, TestRepo } from '../__fixtures__/git-repo.js'

const sha = (n: number): string =>
  n.toString(16).padStart(8, '0') + 'f'.repeat(32)
const ours = new Set(Array.from({ length: 100 }, (_, i) => sha(i)))

/** GitHub's commit lookup for a repository holding `commits`, noting each SHA asked about. */
const repositoryOf = (commits: Set<string>, asked: string[]) => ({
  resolveCommit: (ref: string) => {
    asked.push(ref)
    return Promise.resolve(commits.has(ref) ? ref : undefined)
  }
})
/** This repository's commits are sha(0)…sha(99); anything else is another repository's. */
const membership: Membership = {
  everySha: true,
  present: (shas) => Promise.resolve(new Set(shas.filter((s) => ours.has(s))))
}

interface Listed {
  commitSha: string[]
  environmentName: string
  deployedAt: string
  isTest?: boolean
}
const at = (minute: number): string =>
  new Date(Date.UTC(2026, 10, 30, 9, minute)).toISOString()
const listed = (
  shas: string[],
  minute: number,
  environmentName = 'production'
): Listed => ({ commitSha: shas, environmentName, deployedAt: at(minute) })

/** A client whose GET pages are `pages`, as given; counts the pages asked for. */
function pagesClient(pages: Listed[][] | ((page: number) => ApiResponse)) {
  const asked: number[] = []
  const client: Pick<MultitudesClient, 'listDeployments'> = {
    listDeployments: (page) => {
      asked.push(page)
      if (typeof pages === 'function') return Promise.resolve(pages(page))
      return Promise.resolve({
        status: 200,
        body: JSON.stringify({ deployments: pages[page - 1] ?? [] }),
        complete: true,
        requestId: undefined,
        attempts: 1
      })
    }
  }
  return { client, asked }
}

const payload = (shas: string[], environmentName = 'production') =>
  ({
    commitSha: shas,
    environmentName,
    deployedAt: at(59)
  }) satisfies DeploymentPayload

const warnings: string[] = []
const warn = (m: string) => void warnings.push(m)
afterEach(() => void warnings.splice(0))
afterAll(removeTestRepos)

describe('recordBase', () => {
  it('is the newest of this repository’s deployments by deployedAt, whatever order the pages list them in', async () => {
    // Oldest first on the page: the reader must sort, not trust the order.
    const { client } = pagesClient([
      [listed([sha(1)], 1), listed([sha(3), sha(2)], 3), listed([sha(5)], 2)]
    ])
    const record = createRecord(client, { includeTests: false, warn })

    const base = await recordBase(record, 'production', sha(9), membership)

    expect(base).toEqual({ sha: sha(3), deployedAt: at(3) })
  })

  it('passes over other repositories, other environments and a record that holds head', async () => {
    const { client } = pagesClient([
      [
        listed(['b'.repeat(40)], 50), // another repository
        listed([sha(7)], 40, 'staging'),
        listed([sha(9), sha(8)], 30, 'Production'), // this deployment, sent before
        listed([sha(6)], 20, 'PRODUCTION')
      ]
    ])
    const record = createRecord(client, { includeTests: false, warn })

    expect(await recordBase(record, 'production', sha(9), membership)).toEqual({
      sha: sha(6),
      deployedAt: at(20)
    })
  })

  it('reads on past 900 other repositories’ records, and no further than the page that has it', async () => {
    const others = Array.from({ length: 9 }, (_, p) =>
      Array.from({ length: 100 }, (_, i) =>
        listed([`c${String(p * 100 + i).padStart(39, '0')}`], 59 - p)
      )
    )
    const tenth = [listed([sha(4)], 1), ...others[0].slice(1)]
    const { client, asked } = pagesClient([...others, tenth, ...others])
    const record = createRecord(client, { includeTests: false, warn })

    const base = await recordBase(record, 'production', sha(9), membership)

    expect(base?.sha).toBe(sha(4))
    expect(asked).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
  })

  it('stops at its page bound and says nothing is there', async () => {
    const full = Array.from({ length: 100 }, (_, i) =>
      listed([`d${String(i).padStart(39, '0')}`], 1)
    )
    const { client, asked } = pagesClient(() => ({
      status: 200,
      body: JSON.stringify(full),
      complete: true,
      requestId: undefined,
      attempts: 1
    }))
    const record = createRecord(client, {
      includeTests: false,
      maxPages: 3,
      warn
    })

    expect(
      await recordBase(record, 'production', sha(9), membership)
    ).toBeUndefined()
    expect(asked).toEqual([1, 2, 3])
    expect(RECORD_BOUNDS).toEqual({ maxPages: 10, maxMs: 10_000 })
  })

  it('takes a short SHA the record lists as this repository’s commit', async () => {
    const short = sha(3).slice(0, 8)
    const { client } = pagesClient([[listed([short], 1)]])
    const record = createRecord(client, { includeTests: false, warn })
    const git: Membership = {
      everySha: true,
      present: (shas) =>
        Promise.resolve(new Set(shas.filter((s) => sha(3).startsWith(s))))
    }

    expect(await recordBase(record, 'production', sha(9), git)).toEqual({
      sha: short,
      deployedAt: at(1)
    })
  })
})

describe('the reader', () => {
  it.each([
    ['not JSON', '<html>502</html>', true],
    ['no list in it', '{"message":"ok"}', true],
    ['a body cut short', '{"deployments":[', false]
  ])(
    'a page that is %s warns once and reads as empty, never as absent',
    async (_name, body, complete) => {
      const { client, asked } = pagesClient(() => ({
        status: 200,
        body,
        complete,
        requestId: undefined,
        attempts: 1
      }))
      const record = createRecord(client, { includeTests: false, warn })

      expect(
        await findRecorded(record, payload([sha(1)]), membership)
      ).toBeUndefined()
      expect(
        await findRecorded(record, payload([sha(1)]), membership)
      ).toBeUndefined()
      expect(record.unreadable).toMatch(/^page 1 is not a list of deployments/)
      expect(warnings).toHaveLength(1)
      expect(asked).toEqual([1])
    }
  )

  it('passes over items without the fields a comparison needs', async () => {
    const { client } = pagesClient([
      [
        { commitSha: ['zz'], environmentName: 'production', deployedAt: at(3) },
        {
          commitSha: [sha(2)],
          environmentName: 'production',
          deployedAt: 'soon'
        },
        { commitSha: [], environmentName: 'production', deployedAt: at(2) },
        listed([sha(1)], 1)
      ] as Listed[]
    ])
    const record = createRecord(client, { includeTests: false, warn })

    expect(await recordBase(record, 'production', sha(9), membership)).toEqual({
      sha: sha(1),
      deployedAt: at(1)
    })
  })

  describe('against the local API', () => {
    let server: MultitudesServer
    afterEach(() => server.close())

    const client = (key = 'mtd_demo_key') =>
      createMultitudesClient({
        url: new URL(server.url),
        apiKey: key,
        timeoutMs: 2000,
        maxAttempts: 1
      })

    it('reads test deployments only for a test run', async () => {
      server = await startMultitudesServer()
      const writer = client()
      await writer.postDeployment({ ...payload([sha(1)]), isTest: true })

      const real = createRecord(writer, { includeTests: false, warn })
      const test = createRecord(writer, { includeTests: true, warn })

      expect(
        await findRecorded(real, { ...payload([sha(1)]) }, membership)
      ).toBeUndefined()
      expect(
        await findRecorded(
          test,
          { ...payload([sha(1)]), isTest: true },
          membership
        )
      ).toMatchObject({ isTest: true })
      expect(server.requests.map((r) => r.url)).toEqual([
        '/deployment',
        '/deployment?page=1&pageSize=100&includeTests=false',
        '/deployment?page=1&pageSize=100&includeTests=true'
      ])
    })

    it('a key that may not read: one warning naming the 403, and an empty record', async () => {
      server = await startMultitudesServer({
        keys: { mtd_write_only: ['deployments:write'] },
        faults: [{ on: 'get', kind: 'status', status: 403 }]
      })
      const record = createRecord(client('mtd_write_only'), {
        includeTests: false,
        warn
      })

      expect(
        await recordBase(record, 'production', sha(9), membership)
      ).toBeUndefined()
      expect(warnings).toEqual([
        expect.stringMatching(
          /^Multitudes' record could not be read \(The API key may not read deployments \(403 Forbidden\)/
        )
      ])
    })

    it('gives up at its time bound, warning once', async () => {
      server = await startMultitudesServer({
        faults: [{ on: 'get', kind: 'delay', ms: 1500 }]
      })
      const record = createRecord(client(), {
        includeTests: false,
        maxMs: 200,
        warn
      })
      const started = Date.now()

      expect(
        await recordBase(record, 'production', sha(9), membership)
      ).toBeUndefined()
      expect(Date.now() - started).toBeLessThan(1000)
      expect(record.unreadable).toBe('no whole page within 0.2 s')
      expect(warnings).toHaveLength(1)
    })

    it('a prefetch and the scan after it share one GET of the first page', async () => {
      server = await startMultitudesServer()
      const writer = client()
      await writer.postDeployment(payload([sha(1)]))
      const record = createRecord(writer, { includeTests: false, warn })

      record.prefetch()
      record.prefetch()
      const found = await findRecorded(record, payload([sha(1)]), membership)

      expect(found).toMatchObject({ shas: [sha(1)] })
      expect(server.requests.filter((r) => r.method === 'GET')).toHaveLength(1)
      record.prefetch()
      await findRecorded(record, payload([sha(2)]), membership)
      expect(server.requests.filter((r) => r.method === 'GET')).toHaveLength(1)
    })

    it('a prefetch that cannot read says nothing; the scan that meets it warns once', async () => {
      server = await startMultitudesServer({
        keys: { mtd_write_only: ['deployments:write'] },
        faults: [{ on: 'get', kind: 'status', status: 403 }]
      })
      const record = createRecord(client('mtd_write_only'), {
        includeTests: false,
        warn
      })

      record.prefetch()
      while (record.unreadable === undefined)
        await new Promise((resolve) => setTimeout(resolve, 5))
      expect(warnings).toEqual([])

      await recordBase(record, 'production', sha(9), membership)
      await findRecorded(record, payload([sha(9)]), membership)
      expect(warnings).toHaveLength(1)
      expect(server.requests).toHaveLength(1)
    })
  })
})

describe('findRecorded', () => {
  it('finds the same commits in the same environment, without case and in any order', async () => {
    const { client } = pagesClient([
      [listed([sha(2), sha(3)], 5, 'Production'), listed([sha(1)], 1)]
    ])
    const record = createRecord(client, { includeTests: false, warn })

    const found = await findRecorded(
      record,
      payload([sha(3), sha(2)]),
      membership
    )

    expect(found?.deployedAt).toBe(at(5))
  })

  it('an older record of the same commits, behind the deployment before this one, is a rollback, not a duplicate', async () => {
    const { client } = pagesClient([
      [listed([sha(5)], 5), listed([sha(2)], 2), listed([sha(1)], 1)]
    ])
    const record = createRecord(client, { includeTests: false, warn })

    expect(
      await findRecorded(record, payload([sha(2)]), membership)
    ).toBeUndefined()
  })

  it('a record with one commit more or less is another deployment', async () => {
    const { client } = pagesClient([[listed([sha(3), sha(2), sha(1)], 5)]])
    const record = createRecord(client, { includeTests: false, warn })

    expect(
      await findRecorded(record, payload([sha(3), sha(2)]), membership)
    ).toBeUndefined()
  })

  it('isSameDeployment: a test run matches test records only', () => {
    const record = { shas: [sha(1)], environment: 'production', isTest: false }
    expect(isSameDeployment(record, payload([sha(1)]))).toBe(true)
    expect(
      isSameDeployment(record, { ...payload([sha(1)]), isTest: true })
    ).toBe(false)
    expect(isSameDeployment(record, payload([sha(1)], 'staging'))).toBe(false)
  })
})

describe('recordIndex (backfill)', () => {
  it('finds each payload among every record read, by its commits and environment', async () => {
    const { client } = pagesClient([
      Array.from({ length: 100 }, (_, i) => listed([sha(i)], i % 60)),
      [listed([sha(1), 'e'.repeat(40)], 1, 'PRODUCTION')]
    ])
    const index = await recordIndex(
      createRecord(client, { includeTests: false, warn }),
      'production'
    )

    expect(index(payload([sha(42)]))?.shas).toEqual([sha(42)])
    expect(index(payload([sha(1), 'e'.repeat(40)]))?.environment).toBe(
      'PRODUCTION'
    )
    expect(index(payload([sha(42), sha(43)]))).toBeUndefined()
    expect(index(payload([sha(42)], 'staging'))).toBeUndefined()
  })
})

describe('githubMembership (commit-source api)', () => {
  it('asks GitHub once per SHA, up to its budget, and counts a 404 as another repository', async () => {
    const asked: string[] = []
    const github = repositoryOf(ours, asked)
    const membership = githubMembership(github, 3)

    expect(membership.everySha).toBe(false)
    expect(await membership.present([sha(1), 'b'.repeat(40)])).toEqual(
      new Set([sha(1)])
    )
    expect(await membership.present([sha(1), sha(2), sha(3)])).toEqual(
      new Set([sha(1), sha(2)])
    )
    expect(asked).toEqual([sha(1), 'b'.repeat(40), sha(2)])
  })

  it('only each record’s first SHA is asked about', async () => {
    const asked: string[] = []
    const { client } = pagesClient([
      [listed([sha(2), sha(1)], 2), listed(['b'.repeat(40), sha(3)], 1)]
    ])
    const record = createRecord(client, { includeTests: false, warn })
    const github = repositoryOf(ours, asked)

    const base = await recordBase(
      record,
      'production',
      sha(9),
      githubMembership(github)
    )

    expect(base).toEqual({ sha: sha(2), deployedAt: at(2) })
    expect(asked).toEqual([sha(2), 'b'.repeat(40)])
  })
})

describe('what the mutation run asked for', () => {
  const full = (minute: number) =>
    Array.from({ length: 100 }, (_, i) =>
      listed([`c${String(minute * 1000 + i).padStart(39, '0')}`], minute)
    )

  it('scan lists newest first, and a second scan reuses the pages read instead of skipping ahead', async () => {
    const { client, asked } = pagesClient([
      [listed([sha(1)], 1), ...full(30).slice(1)],
      [listed([sha(2)], 50)],
      [listed([sha(3)], 3)]
    ])
    const record = createRecord(client, { includeTests: false, warn })
    const all = () => Promise.resolve(false)

    const first = await record.scan('production', all)
    const second = await record.scan('production', all)

    expect(first[0].shas).toEqual([sha(2)])
    expect(first.at(-1)?.shas).toEqual([sha(1)])
    const times = first.map((r) => r.time)
    expect(times).toEqual([...times].sort((a, b) => b - a))
    expect(second).toEqual(first)
    expect(asked).toEqual([1, 2])
  })

  it('asks about each record once, and not at all for a page with none of the environment', async () => {
    const asked: string[][] = []
    const counting: Membership = {
      everySha: true,
      present: (shas) => {
        asked.push([...shas])
        return Promise.resolve(new Set<string>())
      }
    }
    const { client } = pagesClient([
      [listed(['b'.repeat(40)], 9), ...full(8).slice(1)],
      [...full(7).map((r) => ({ ...r, environmentName: 'staging' }))],
      [listed(['d'.repeat(40)], 1)]
    ])
    const record = createRecord(client, { includeTests: false, warn })

    await recordBase(record, 'production', sha(9), counting)

    expect(asked.map((a) => a.length)).toEqual([100, 1])
  })

  it('reads past its page bound only when told: the stop is the page that holds the base', async () => {
    const others = Array.from({ length: 3 }, (_, p) => full(50 - p))
    const { client, asked } = pagesClient([
      ...others,
      [listed([sha(4)], 1), ...full(1).slice(1)],
      ...others
    ])
    const record = createRecord(client, {
      includeTests: false,
      maxPages: 20,
      warn
    })

    expect(
      (await recordBase(record, 'production', sha(9), membership))?.sha
    ).toBe(sha(4))
    expect(asked).toEqual([1, 2, 3, 4])
  })

  it('a record of this deployment on an earlier page, older than the previous deployment on a later one, is a rollback', async () => {
    // Pages not in deployedAt order: the walk must go by time, not by page.
    const { client } = pagesClient([
      [listed([sha(9), sha(8)], 20), ...full(40).slice(1)],
      [listed([sha(5)], 30)]
    ])
    const record = createRecord(client, { includeTests: false, warn })

    expect(
      await findRecorded(record, payload([sha(9), sha(8)]), membership)
    ).toBeUndefined()
  })

  it('finds a match behind another repository’s record and behind this repository’s other deployment of head', async () => {
    const { client } = pagesClient([
      [
        listed(['b'.repeat(40)], 50), // another repository
        listed([sha(9), sha(7)], 40), // head, with other commits (a monorepo's other service)
        listed([sha(9), sha(8)], 30), // this deployment
        listed([sha(5)], 20)
      ]
    ])
    const record = createRecord(client, { includeTests: false, warn })

    expect(
      (await findRecorded(record, payload([sha(9), sha(8)]), membership))?.time
    ).toBe(Date.parse(at(30)))
    // Without a way to tell this repository's records, it reads on to the end.
    expect(
      (await findRecorded(record, payload([sha(9), sha(8)]), undefined))?.time
    ).toBe(Date.parse(at(30)))
  })

  it('a record that lists head by a short SHA holds head, and is no base', async () => {
    const { client } = pagesClient([
      [listed([sha(9).slice(0, 8)], 5), listed([sha(4)], 1)]
    ])
    const record = createRecord(client, { includeTests: false, warn })
    const git: Membership = {
      everySha: true,
      present: (shas) =>
        Promise.resolve(
          new Set(shas.filter((s) => [...ours].some((o) => o.startsWith(s))))
        )
    }

    expect(await recordBase(record, 'production', sha(9), git)).toEqual({
      sha: sha(4),
      deployedAt: at(1)
    })
  })

  it('isSameDeployment: the same count of other commits is another deployment; short SHAs match', () => {
    const record = {
      shas: [sha(1), sha(3)],
      environment: 'production',
      isTest: false
    }
    expect(isSameDeployment(record, payload([sha(1), sha(2)]))).toBe(false)
    expect(
      isSameDeployment(
        { ...record, shas: [sha(1).slice(0, 8), sha(3).slice(0, 9)] },
        payload([sha(3), sha(1)])
      )
    ).toBe(true)
  })

  it('a test run does not match a real record of the same commits', async () => {
    const { client } = pagesClient([[listed([sha(1)], 1)]])
    const record = createRecord(client, { includeTests: true, warn })

    expect(
      await findRecorded(
        record,
        { ...payload([sha(1)]), isTest: true },
        membership
      )
    ).toBeUndefined()
  })

  it('reads a single SHA given as a string, and passes over SHAs with anything around them', async () => {
    const { client } = pagesClient([
      [
        { commitSha: sha(3), environmentName: 'production', deployedAt: at(9) },
        listed([`${sha(4)}x`], 8),
        listed([`x${sha(5)}`], 7),
        listed([sha(6), 'not-a-sha'], 6),
        { commitSha: [sha(7)], environmentName: 7, deployedAt: at(5) },
        listed([sha(2)], 2)
      ] as unknown as Listed[]
    ])
    const record = createRecord(client, { includeTests: false, warn })

    const read = await record.scan('production', () => Promise.resolve(false))

    expect(read.map((r) => r.shas)).toEqual([[sha(3)], [sha(2)]])
  })

  it('says which way a page could not be read', async () => {
    const answer = (body: string, complete: boolean) =>
      createRecord(
        pagesClient(() => ({
          status: 200,
          body,
          complete,
          requestId: undefined,
          attempts: 1
        })).client,
        { includeTests: false, warn }
      )
    const notJson = answer('<html>', true)
    const cut = answer('[', false)
    await notJson.scan('production', () => Promise.resolve(false))
    await cut.scan('production', () => Promise.resolve(false))

    expect(notJson.unreadable).toBe(
      'page 1 is not a list of deployments (not JSON, or no list in it)'
    )
    expect(cut.unreadable).toBe(
      'page 1 is not a list of deployments (the body broke, stalled or passed its size limit)'
    )
  })

  it('recordIndex finds a deployment whose head no other record shares', async () => {
    const { client } = pagesClient([[listed(['e'.repeat(40), sha(1)], 1)]])
    const index = await recordIndex(
      createRecord(client, { includeTests: false, warn }),
      'production'
    )

    expect(index(payload(['e'.repeat(40), sha(1)]))?.deployedAt).toBe(at(1))
  })
})

describe('membership', () => {
  it('from the checkout: full and short SHAs of its commits, nothing of another repository', async () => {
    const repo = TestRepo.init()
    const mine = repo.commit('one')
    const git = membershipOf(createGitClient(repo.dir), undefined)

    expect(git?.everySha).toBe(true)
    expect(
      await git?.present([mine, mine.slice(0, 10), 'b'.repeat(40)])
    ).toEqual(new Set([mine, mine.slice(0, 10)]))
  })

  it('the checkout when there is one, else GitHub, else nothing', () => {
    const github = { resolveCommit: () => Promise.resolve(undefined) }
    const git = { presentCommits: () => Promise.resolve(new Set<string>()) }

    expect(membershipOf(git, github)?.everySha).toBe(true)
    expect(membershipOf(undefined, github)?.everySha).toBe(false)
    expect(membershipOf(undefined, undefined)).toBeUndefined()
  })
})

describe('the record’s shapes', () => {
  const read = async (body: string) => {
    const { client } = pagesClient(() => ({
      status: 200,
      body,
      complete: true,
      requestId: undefined,
      attempts: 1
    }))
    const record = createRecord(client, { includeTests: false, warn })
    const records = await record.scan('production', () =>
      Promise.resolve(false)
    )
    return { records, unreadable: record.unreadable }
  }
  const one = listed([sha(1)], 1)

  it.each(['deployments', 'data', 'items', 'results'])(
    'reads the list under "%s"',
    async (key) => {
      expect(
        (await read(JSON.stringify({ [key]: [one] }))).records
      ).toHaveLength(1)
    }
  )

  it('a JSON null is no list: unreadable, never empty', async () => {
    expect((await read('null')).unreadable).toMatch(/^page 1 is not a list/)
  })

  it('passes over list items that are not objects, an empty SHA list and a numeric deployedAt', async () => {
    const { records } = await read(
      JSON.stringify([
        1,
        null,
        'x',
        { ...one, commitSha: [] },
        { ...one, deployedAt: 5 },
        one
      ])
    )

    expect(records).toEqual([
      expect.objectContaining({ shas: [sha(1)], deployedAt: at(1) })
    ])
  })

  it('recordIndex answers nothing for a head no record lists', async () => {
    const { client } = pagesClient([[one]])
    const index = await recordIndex(
      createRecord(client, { includeTests: false, warn }),
      'production'
    )

    expect(index(payload(['a'.repeat(40)]))).toBeUndefined()
  })

  it('gitMembership tells two commits of the checkout apart by a short SHA', async () => {
    const repo = TestRepo.init()
    const first = repo.commit('one')
    const second = repo.commit('two')
    const git = membershipOf(createGitClient(repo.dir), undefined)

    expect(await git?.present([first, second, first.slice(0, 12)])).toEqual(
      new Set([first, second, first.slice(0, 12)])
    )
  })
})
