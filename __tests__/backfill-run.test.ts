/**
 * The backfill's run loop in process: an injected clock, client and state file, for every stop
 * and skip rule, the spacing of requests, `--is-test` and `--on-error`. The clock only moves when
 * the loop sleeps, so the spacing is exact.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { DeploymentPayload } from '../src/deployment.js'
import { ApiError } from '../src/errors.js'
import type { MultitudesClient } from '../src/multitudes-client.js'
import type { PlannedDeployment } from '../src/backfill/plan.js'
import {
  runBackfill,
  type BackfillIo,
  type BackfillOptions
} from '../src/backfill/run.js'
import { readState } from '../src/backfill/state.js'

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

const sha = (n: number): string => n.toString(16).padStart(40, '0')

function planned(n: number): PlannedDeployment[] {
  return Array.from({ length: n }, (_, i) => ({
    head: sha(i + 1),
    deployedAt: `2026-01-0${i + 1}T00:00:00.000Z`,
    source: `tag v${i + 1}`,
    id: `tag v${i + 1}`,
    base: i === 0 ? undefined : sha(i),
    range: {
      head: sha(i + 1),
      base: i === 0 ? undefined : sha(i),
      baseRef: undefined,
      baseSource: 'previous-deployment',
      status: i === 0 ? 'first' : 'ahead',
      shas: [sha(i + 1)],
      total: 1,
      truncated: false,
      source: 'git'
    }
  }))
}

function options(overrides: Partial<BackfillOptions> = {}): BackfillOptions {
  const dir = mkdtempSync(path.join(tmpdir(), 'backfill-run-'))
  dirs.push(dir)
  const environment = overrides.environment ?? 'production'
  return {
    environment,
    target: {
      apiUrl: 'http://127.0.0.1:1/',
      environment,
      isTest: false,
      repository: 'octo-org/octo-repo'
    },
    dryRun: false,
    stateFile: path.join(dir, 'state.jsonl'),
    rate: 2,
    isTest: false,
    title: undefined,
    tags: [],
    onError: 'fail',
    ...overrides
  }
}

/** A client whose POSTs answer as `answer` says, each one noted with the clock's time. */
function client(answer: (n: number) => Error | undefined = () => undefined) {
  const posts: { payload: DeploymentPayload; at: number }[] = []
  let now = 0
  const api = {
    worstCaseMs: 0,
    postDeployment: (payload: DeploymentPayload) => {
      posts.push({ payload, at: now })
      const error = answer(posts.length)
      return error
        ? Promise.reject(error)
        : Promise.resolve({ status: 201, body: '{}', requestId: undefined })
    }
  } as unknown as MultitudesClient
  const lines: string[] = []
  const io: BackfillIo = {
    log: (line) => lines.push(line),
    sleep: (ms) => {
      now += ms
      return Promise.resolve()
    },
    now: () => now,
    progress: { start: () => {}, update: () => {}, stop: () => {} },
    interrupted: () => undefined
  }
  return { api, io, posts, lines }
}

const rejected = (status: number): ApiError =>
  new ApiError(`Multitudes answered ${status}`, { status, attempts: 1 })

describe('runBackfill', () => {
  it('posts each planned deployment once, in order, and records each in the state file after its POST', async () => {
    const opts = options()
    const c = client()

    const result = await runBackfill(planned(3), opts, c.api, c.io)

    expect(c.posts.map((p) => p.payload.commitSha)).toEqual([
      [sha(1)],
      [sha(2)],
      [sha(3)]
    ])
    expect(result).toMatchObject({ posted: 3, skipped: 0, failed: 0 })
    expect(readState(opts.stateFile).size).toBe(3)
  })

  it('a failed POST is not recorded as done: the next run sends it, and only it', async () => {
    const opts = options({ onError: 'warn' })
    const first = client((n) => (n === 2 ? rejected(503) : undefined))

    const one = await runBackfill(planned(3), opts, first.api, first.io)
    const afterFirst = readState(opts.stateFile).size
    const second = client()
    const two = await runBackfill(planned(3), opts, second.api, second.io)

    expect(one).toMatchObject({ posted: 2, failed: 1 })
    expect(afterFirst).toBe(2)
    expect(second.posts.map((p) => p.payload.commitSha)).toEqual([[sha(2)]])
    expect(two).toMatchObject({ posted: 1, skipped: 2 })
  })

  it('a second run against the same state file sends nothing', async () => {
    const opts = options()
    const first = client()
    await runBackfill(planned(2), opts, first.api, first.io)
    const again = client()

    const result = await runBackfill(planned(2), opts, again.api, again.io)

    expect(again.posts).toHaveLength(0)
    expect(result).toMatchObject({ posted: 0, skipped: 2 })
  })

  it('another environment in the same state file is a backfill of its own', async () => {
    const production = options()
    const staging = options({
      environment: 'staging',
      stateFile: production.stateFile
    })
    const first = client()
    await runBackfill(planned(2), production, first.api, first.io)
    const second = client()

    const result = await runBackfill(planned(2), staging, second.api, second.io)

    expect(second.posts).toHaveLength(2)
    expect(second.posts[0].payload.environmentName).toBe('staging')
    expect(result).toMatchObject({ posted: 2, skipped: 0 })
  })

  it('keeps to --rate: requests are at least 1000/rate ms apart, and the first does not wait', async () => {
    const c = client()

    await runBackfill(planned(4), options({ rate: 4 }), c.api, c.io)

    expect(c.posts.map((p) => p.at)).toEqual([0, 250, 500, 750])
  })

  it('--is-test sends every deployment as a test deployment; without it none is', async () => {
    const test = client()
    const real = client()

    await runBackfill(planned(2), options({ isTest: true }), test.api, test.io)
    await runBackfill(planned(2), options(), real.api, real.io)

    expect(test.posts.map((p) => p.payload.isTest)).toEqual([true, true])
    expect(real.posts.map((p) => p.payload.isTest)).toEqual([
      undefined,
      undefined
    ])
  })

  it.each(['fail', 'warn', 'warn-on-outage'] as const)(
    'on-error %s: a rejected key (401) stops at once, whatever on-error says',
    async (onError) => {
      const c = client((n) => (n === 1 ? rejected(401) : undefined))

      const result = await runBackfill(
        planned(3),
        options({ onError }),
        c.api,
        c.io
      )

      expect(c.posts).toHaveLength(1)
      expect(result.stopped).toMatch(
        /^stopped at tag v1 \(2026-01-01T00:00:00.000Z\): /
      )
      expect(result).toMatchObject({ posted: 0, failed: 1 })
    }
  )

  it.each([
    ['fail', 1, 0],
    ['warn', 3, 2],
    ['warn-on-outage', 3, 2]
  ] as const)(
    'on-error %s: an outage (503) on the first is %i POSTs in all, %i posted',
    async (onError, posts, posted) => {
      const c = client((n) => (n === 1 ? rejected(503) : undefined))

      const result = await runBackfill(
        planned(3),
        options({ onError }),
        c.api,
        c.io
      )

      expect(c.posts).toHaveLength(posts)
      expect(result).toMatchObject({ posted, failed: 1 })
      expect(result.stopped === undefined).toBe(onError !== 'fail')
    }
  )

  it('a dry run sends nothing and writes no state', async () => {
    const opts = options({ dryRun: true })
    const c = client()

    const result = await runBackfill(planned(2), opts, c.api, c.io)

    expect(c.posts).toHaveLength(0)
    expect(result).toMatchObject({ planned: 2, posted: 0 })
    expect(readState(opts.stateFile).size).toBe(0)
  })
})
