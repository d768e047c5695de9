/**
 * The backfill's run loop in process: an injected clock, client and state file, for every stop
 * and skip rule, the spacing of requests, `--is-test` and `--on-error`. The clock only moves when
 * the loop sleeps, so the spacing is exact.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import {
  appendFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { DeploymentPayload } from '../src/deployment.js'
import { ApiError } from '../src/errors.js'
import type {
  MultitudesClient,
  PostOptions,
  RecordCheck
} from '../src/multitudes-client.js'
import type { PlannedDeployment } from '../src/backfill/plan.js'
import { postAll } from '../src/backfill/post-loop.js'
import type { MultitudesRecord, Recorded } from '../src/record/reader.js'
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

/**
 * A client whose POSTs answer as `answer` says, each one noted with the clock's time; a POST
 * takes `postMs` of the clock. The progress bar's calls and the sleeps are noted too.
 */
function client(
  answer: (n: number) => Error | undefined = () => undefined,
  postMs = 0
) {
  const posts: { payload: DeploymentPayload; at: number }[] = []
  const checks: RecordCheck[] = []
  let now = 0
  const api = {
    worstCaseMs: 0,
    postDeployment: async (payload: DeploymentPayload, opts: PostOptions) => {
      posts.push({ payload, at: now })
      now += postMs
      if (opts.checkRecord) checks.push(await opts.checkRecord())
      const error = answer(posts.length)
      if (error) throw error
      return { status: 201, body: '{}', requestId: undefined }
    }
  } as unknown as MultitudesClient
  const lines: string[] = []
  const progress: string[] = []
  const sleeps: number[] = []
  const io: BackfillIo = {
    log: (line) => lines.push(line),
    sleep: (ms) => {
      sleeps.push(ms)
      now += ms
      return Promise.resolve()
    },
    now: () => now,
    progress: {
      start: (total) => progress.push(`start ${total}`),
      update: (done) => progress.push(`update ${done}`),
      stop: () => progress.push('stop')
    },
    interrupted: () => undefined
  }
  return { api, io, posts, lines, progress, sleeps, checks }
}

/** Multitudes' record holding `records`, as the reader lists them. */
function recordOf(...records: Recorded[]): MultitudesRecord {
  return {
    scan: (environment) =>
      Promise.resolve(
        records.filter(
          (r) => r.environment.toLowerCase() === environment.toLowerCase()
        )
      ),
    prefetch: () => undefined,
    unreadable: undefined
  }
}

const recorded = (n: number, environment = 'production'): Recorded => ({
  shas: [sha(n)],
  environment,
  deployedAt: `2026-02-0${n}T00:00:00.000Z`,
  time: Date.UTC(2026, 1, n),
  isTest: false
})

/** The state file's lines, parsed. */
const stateLines = (file: string): Record<string, string>[] =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, string>)

const rejected = (status: number): ApiError =>
  new ApiError(`Multitudes answered ${status}`, { status, attempts: 1 })

/** An interrupt that comes once `count` POSTs are made. */
const interruptAfter =
  (posts: readonly unknown[], count: number) =>
  (): NodeJS.Signals | undefined =>
    posts.length === count ? 'SIGTERM' : undefined

/** `fn`, run on the first call only. */
function once(fn: () => void): () => void {
  let done = false
  return () => {
    if (!done) fn()
    done = true
  }
}

/** The run's item for a planned deployment of one commit, before its POST. */
const plannedItem = (p: PlannedDeployment) => ({
  head: p.head,
  base: p.base ?? null,
  commitCount: 1,
  rangeStatus: p.range.status,
  deployedAt: p.deployedAt,
  source: p.source,
  status: 'planned' as const
})

/** POST n's answer from a table: an error where it names one, else `otherwise`. */
const answers =
  (table: Record<number, Error>, otherwise?: Error) =>
  (n: number): Error | undefined =>
    table[n] ?? otherwise

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
    const first = client(answers({ 2: rejected(503) }))

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
      const c = client(answers({ 1: rejected(401) }))

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
      const c = client(answers({ 1: rejected(503) }))

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

  it("skips without a POST a deployment Multitudes' record holds, says so, and keeps it in the state file as seen there", async () => {
    const opts = options()
    const c = client()
    c.io.record = recordOf(recorded(2), recorded(3, 'staging'))

    const result = await runBackfill(planned(3), opts, c.api, c.io)

    expect(c.posts.map((p) => p.payload.commitSha)).toEqual([
      [sha(1)],
      [sha(3)]
    ])
    expect(result).toMatchObject({ posted: 2, skipped: 1, failed: 0 })
    expect(c.lines).toEqual([
      "Skipped: tag v2: Multitudes' record holds it (recorded at 2026-02-02T00:00:00.000Z)."
    ])
    expect(stateLines(opts.stateFile)).toMatchObject([
      { source: 'tag v1', head: sha(1), via: 'post' },
      { source: 'tag v2', head: sha(2), via: 'record' },
      { source: 'tag v3', head: sha(3), via: 'post' }
    ])
  })

  it('stops before the next deployment once interrupted, naming it; the one in flight is settled and saved', async () => {
    const opts = options()
    const c = client()
    c.io.interrupted = interruptAfter(c.posts, 1)

    const result = await runBackfill(planned(3), opts, c.api, c.io)

    expect(c.posts).toHaveLength(1)
    expect(result.stopped).toBe('interrupted by SIGTERM before tag v2')
    expect(result).toMatchObject({ posted: 1, skipped: 0, failed: 0 })
    expect(readState(opts.stateFile).size).toBe(1)
  })

  it('shows progress over the deployments left to send: each one handled, failed ones too, and stops the bar when the run stops early', async () => {
    const opts = options({ onError: 'warn' })
    const first = client()
    await runBackfill(planned(1), opts, first.api, first.io)
    const c = client(answers({ 1: rejected(503) }, rejected(401)))

    await runBackfill(planned(4), opts, c.api, c.io)

    expect(c.posts).toHaveLength(2)
    expect(c.progress).toEqual(['start 3', 'update 1', 'update 2', 'stop'])
  })

  it('logs each failed POST with its source and the error', async () => {
    const c = client(answers({ 2: rejected(503) }))

    await runBackfill(planned(3), options({ onError: 'warn' }), c.api, c.io)

    expect(c.lines).toEqual(['Failed: tag v2: Multitudes answered 503'])
  })

  it('does not sleep when the POST itself took the interval', async () => {
    const c = client(() => undefined, 500)

    await runBackfill(planned(3), options({ rate: 2 }), c.api, c.io)

    expect(c.posts.map((p) => p.at)).toEqual([0, 500, 1000])
    expect(c.sleeps).toEqual([])
  })

  it('after an ambiguous failure, the client is told what a fresh read of the record says', async () => {
    const c = client()
    let fresh: MultitudesRecord | undefined
    c.io.freshRecord = () => fresh

    await runBackfill(planned(1), options(), c.api, c.io)
    fresh = recordOf(recorded(2))
    await runBackfill(planned(2), options(), c.api, c.io)
    fresh = { ...recordOf(), unreadable: 'Multitudes answered 502' }
    await runBackfill(planned(1), options(), c.api, c.io)

    expect(c.checks).toEqual([
      { state: 'unknown', why: 'the record is not read' },
      { state: 'absent' },
      { state: 'recorded', deployedAt: '2026-02-02T00:00:00.000Z' },
      { state: 'unknown', why: 'Multitudes answered 502' }
    ])
  })

  it('gives each deployment its base, none for the first', async () => {
    const c = client()

    const result = await runBackfill(planned(2), options(), c.api, c.io)

    expect(result.deployments.map((d) => d.base)).toEqual([null, sha(1)])
  })

  it('reads the state again under its lock: what another run posted meanwhile is skipped', async () => {
    const other = options()
    const o = client()
    await runBackfill(planned(2), other, o.api, o.io)
    const theirs = readFileSync(other.stateFile, 'utf8')
    const opts = options()
    // The other run finishes after this one read the state file, before it takes the lock.
    const finishOther = once(() => appendFileSync(opts.stateFile, theirs))
    Object.defineProperty(opts, 'dryRun', { get: () => (finishOther(), false) })
    const c = client()

    const result = await runBackfill(planned(3), opts, c.api, c.io)

    expect(c.posts.map((p) => p.payload.commitSha)).toEqual([[sha(3)]])
    expect(result).toMatchObject({ posted: 1, skipped: 2 })
  })

  it('stops after a recorded POST whose state line cannot be written, saying it is recorded and will not be sent again', async () => {
    const plan = planned(2)
    const items = plan.map(plannedItem)
    const c = client()

    const stopped = await postAll(plan, items, options(), c.api, c.io, {
      recorded: () => undefined,
      save: () => {
        throw new Error('ENOSPC: no space left on device')
      }
    })

    expect(c.posts).toHaveLength(1)
    expect(items.map((i) => i.status)).toEqual(['posted', 'planned'])
    expect(stopped).toBe(
      "stopped after tag v1, which Multitudes recorded, because the state file could not be written (ENOSPC: no space left on device); Multitudes' record is checked on the next run, so it is not sent again"
    )
  })

  it('with nothing left to send, takes no lock and reads no record: a run in progress elsewhere is no error', async () => {
    const opts = options()
    const first = client()
    await runBackfill(planned(2), opts, first.api, first.io)
    // Another backfill, alive, holds the state file's lock.
    writeFileSync(`${opts.stateFile}.lock`, String(process.ppid))
    const c = client()
    let scans = 0
    c.io.record = {
      ...recordOf(),
      scan: () => {
        scans++
        return Promise.resolve([])
      }
    }

    const result = await runBackfill(planned(2), opts, c.api, c.io)

    expect(result).toMatchObject({ posted: 0, skipped: 2, stopped: undefined })
    expect(scans).toBe(0)
    expect(c.posts).toHaveLength(0)
  })
})
