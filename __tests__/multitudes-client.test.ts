import { readFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from '@jest/globals'
import { ApiError } from '../src/errors.js'
import type { DeploymentPayload } from '../src/deployment.js'
import {
  createMultitudesClient,
  type ClientOptions,
  type RecordCheck
} from '../src/multitudes-client.js'
import { BODY_LIMIT } from '../src/multitudes/limits.js'
import { ACTION_NAME, ACTION_VERSION } from '../src/version.js'
import {
  startMultitudesServer,
  type Fault,
  type MultitudesServer
} from '../dev/multitudes-server.ts'

const SHA = '8750d79cce5f2d137c3f4a34cdd4c9da76c26cfb'
const payload: DeploymentPayload = {
  commitSha: [SHA],
  environmentName: 'production',
  deployedAt: '2026-11-30T09:00:00.000Z'
}

let server: MultitudesServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function setup(
  faults: Fault[] = [],
  options: Partial<ClientOptions> = {}
) {
  server = await startMultitudesServer({ faults })
  const slept: number[] = []
  const logs: string[] = []
  const client = createMultitudesClient({
    url: new URL(server.url),
    apiKey: 'mtd_demo_key',
    timeoutMs: 2000,
    maxAttempts: 4,
    backoff: { minMs: 1, maxMs: 2, random: () => 0 },
    sleep: (ms) => {
      slept.push(ms)
      return Promise.resolve()
    },
    log: (m) => logs.push(m),
    ...options
  })
  return { server, client, slept, logs }
}

describe('a deployment the API accepts', () => {
  it('is posted once as JSON with the key, and the answer is returned', async () => {
    const { server, client } = await setup()

    const result = await client.postDeployment(payload)

    expect(result).toMatchObject({ status: 201, attempts: 1 })
    expect(result.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(JSON.parse(result.body)).toMatchObject({
      message: 'Created successfully'
    })
    expect(server.requests).toHaveLength(1)
    const [request] = server.requests
    expect(request.headers['content-type']).toBe('application/json')
    expect(request.headers.authorization).toBe('mtd_demo_key')
    expect(request.headers['user-agent']).toBe(
      `${ACTION_NAME}/${ACTION_VERSION}`
    )
    expect(JSON.parse(request.body)).toEqual(payload)
    expect(server.deployments).toMatchObject([
      {
        commitSha: [SHA],
        environmentName: 'production',
        deployedAt: payload.deployedAt
      }
    ])
  })

  it('sends a key given as "Bearer …" exactly as given', async () => {
    const { server } = await setup()
    const client = createMultitudesClient({
      url: new URL(server.url),
      apiKey: 'Bearer mtd_demo_key',
      timeoutMs: 2000,
      maxAttempts: 1
    })

    await client.postDeployment(payload)

    expect(server.requests[0].headers.authorization).toBe('Bearer mtd_demo_key')
  })

  it('accepts a 201 whose body is not JSON', async () => {
    const { client } = await setup([
      { kind: 'status', status: 201, body: 'Created successfully' }
    ])

    await expect(client.postDeployment(payload)).resolves.toMatchObject({
      status: 201,
      body: 'Created successfully'
    })
  })
})

describe('errors a user must fix are not retried', () => {
  it('400 names each field the API rejected', async () => {
    const { server, client } = await setup()
    const bad = { ...payload, commitSha: ['xyz'], environmentName: '' }

    const error = await client.postDeployment(bad).then(
      () => undefined,
      (e: unknown) => e
    )

    expect(error).toBeInstanceOf(ApiError)
    const api = error as ApiError
    expect(api.status).toBe(400)
    expect(api.outage).toBe(false)
    expect(api.fields.map((f) => f.field)).toEqual([
      'commitSha',
      'environmentName'
    ])
    expect(api.message).toMatch(/invalid \(400\): 'commitSha' each value/)
    expect(server.requests).toHaveLength(1)
  })

  it.each([
    [401, 'mtd_unknown', /rejected the API key \(401 Unauthorized\).*revoked/],
    [
      403,
      'mtd_read_only_key',
      /403 Forbidden.*Deployments write scope.*organisation/
    ]
  ])('%i says what to check about the key', async (status, apiKey, message) => {
    const { server } = await setup()
    const client = createMultitudesClient({
      url: new URL(server.url),
      apiKey,
      timeoutMs: 2000,
      maxAttempts: 4
    })

    const attempt = client.postDeployment(payload)

    await expect(attempt).rejects.toMatchObject({ status, attempts: 1 })
    await expect(attempt).rejects.toThrow(message)
    expect(server.requests).toHaveLength(1)
  })

  it.each([408, 429, 500, 502, 503, 504])(
    '%i is transient: retried, then one record',
    async (status) => {
      const { server, client } = await setup([{ kind: 'status', status }])

      await expect(client.postDeployment(payload)).resolves.toMatchObject({
        status: 201,
        attempts: 2
      })
      expect(server.requests).toHaveLength(2)
      expect(server.deployments).toHaveLength(1)
      expect(server.posts()).toBe(2) // every attempt is a POST; the failed ones stored nothing
    }
  )

  it.each([404, 413])('%i is final', async (status) => {
    const { server, client } = await setup([{ kind: 'status', status }])

    await expect(client.postDeployment(payload)).rejects.toMatchObject({
      status
    })
    expect(server.requests).toHaveLength(1)
  })

  it('does not follow a redirect, which would drop the body or leak the key', async () => {
    const { client } = await setup([
      {
        kind: 'status',
        status: 301,
        headers: { Location: 'https://elsewhere.example/deployment' }
      }
    ])

    await expect(client.postDeployment(payload)).rejects.toThrow(
      /redirected \(301\) to https:\/\/elsewhere.example\/deployment/
    )
  })
})

describe('transient failures are retried with the same body', () => {
  it('5xx then 201: one record, with the original deployedAt', async () => {
    const { server, client, logs } = await setup([
      { kind: 'status', status: 503 },
      { kind: 'status', status: 500 }
    ])

    const result = await client.postDeployment(payload)

    expect(result).toMatchObject({ status: 201, attempts: 3 })
    expect(new Set(server.requests.map((r) => r.body)).size).toBe(1)
    expect(server.deployments).toHaveLength(1)
    expect(server.posts()).toBe(3) // every attempt is a POST; the failed ones stored nothing
    expect(server.deployments[0].deployedAt).toBe(payload.deployedAt)
    expect(logs[0]).toMatch(
      /^Attempt 1 of 4 failed: .* answered 503\. Retrying in/
    )
  })

  it('5xx on every attempt: an outage error with the request id and the attempts', async () => {
    const faults: Fault[] = Array.from({ length: 3 }, () => ({
      kind: 'status',
      status: 500
    }))
    const { server, client } = await setup(faults, { maxAttempts: 3 })

    const error = (await client
      .postDeployment(payload)
      .catch((e: unknown) => e)) as ApiError

    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 500, attempts: 3, outage: true })
    expect(error.requestId).toBeDefined()
    expect(error.message).toContain(`Request id: ${error.requestId}`)
    expect(server.requests).toHaveLength(3)
    expect(server.deployments).toHaveLength(0)
    expect(server.posts()).toBe(3) // every attempt is a POST; the failed ones stored nothing
  })

  it('429 waits as long as Retry-After asks, in seconds', async () => {
    const { client, slept } = await setup([{ kind: 'retry-after', value: '7' }])

    await expect(client.postDeployment(payload)).resolves.toMatchObject({
      attempts: 2
    })
    expect(slept).toEqual([7000])
  })

  it('429 waits until an HTTP-date Retry-After', async () => {
    const when = new Date(Date.now() + 20_000).toUTCString()
    const { client, slept } = await setup([
      { kind: 'retry-after', value: when }
    ])

    await client.postDeployment(payload)

    expect(slept[0]).toBeGreaterThan(17_000)
    expect(slept[0]).toBeLessThanOrEqual(20_000)
  })

  it('caps a Retry-After that asks for too long', async () => {
    const { client, slept } = await setup(
      [{ kind: 'retry-after', value: '86400' }],
      {
        backoff: { minMs: 1, maxMs: 2, random: () => 0, retryAfterCapMs: 5000 }
      }
    )

    await client.postDeployment(payload)

    expect(Math.max(...slept)).toBeLessThanOrEqual(5000)
  })

  it.each<[string, Fault, RegExp]>([
    ['a dropped connection', { kind: 'drop' }, /could not connect to/],
    [
      'a response slower than the timeout',
      { kind: 'delay', ms: 1500 },
      /no answer from .* within 0.3 s/
    ]
  ])('%s is retried', async (_name, fault, logged) => {
    const { server, client, logs } = await setup([fault], { timeoutMs: 300 })

    const result = await client.postDeployment(payload)

    expect(result).toMatchObject({ status: 201, attempts: 2 })
    expect(logs[0]).toMatch(logged)
    expect(server.deployments).toHaveLength(1)
    expect(server.posts()).toBe(2) // every attempt is a POST; the failed ones stored nothing
  })

  it.each<[string, Fault]>([
    ['breaks after its first bytes', { kind: 'reset-mid-body' }],
    ['trickles a byte every 500 ms', { kind: 'trickle' }]
  ])(
    'a 201 whose body %s is recorded: never POSTed again',
    async (_name, fault) => {
      const { server, client, logs } = await setup([fault], {
        timeoutMs: 1000
      })

      const result = await client.postDeployment(payload)

      expect(result).toMatchObject({
        status: 201,
        attempts: 1,
        complete: false
      })
      expect(server.requests).toHaveLength(1)
      expect(server.deployments).toHaveLength(1)
      expect(server.posts()).toBe(1)
      expect(logs).toEqual([
        "The 201 answer's body did not arrive whole; the deployment is recorded all the same (the status line says so)."
      ])
    }
  )

  it.each([200, 202, 204])(
    'a %i is accepted as recorded, with a warning that 201 was expected',
    async (status) => {
      const { server, client, logs } = await setup([{ kind: 'status', status }])

      await expect(client.postDeployment(payload)).resolves.toMatchObject({
        status,
        attempts: 1
      })
      expect(server.deployments).toHaveLength(1)
      expect(server.posts()).toBe(1)
      expect(logs[0]).toMatch(
        new RegExp(`answered ${status} instead of 201 Created`)
      )
    }
  )

  it('an unreachable API: an outage error that names the host', async () => {
    const { server } = await setup()
    const url = new URL(server.url)
    await server.close()
    const client = createMultitudesClient({
      url,
      apiKey: 'k',
      timeoutMs: 500,
      maxAttempts: 2,
      backoff: { minMs: 1 }
    })

    await expect(client.postDeployment(payload)).rejects.toThrow(
      new RegExp(
        `could not be reached after 2 attempts: could not connect to ${url.host}: ECONNREFUSED`
      )
    )
  })

  it('keeps at most BODY_LIMIT bytes of a huge body', async () => {
    const huge = 'x'.repeat(BODY_LIMIT * 8)
    const { client } = await setup(
      [{ kind: 'status', status: 502, body: huge }],
      {
        maxAttempts: 1
      }
    )

    const error = (await client
      .postDeployment(payload)
      .catch((e: unknown) => e)) as ApiError

    expect(error.body.length).toBe(BODY_LIMIT)
  })
})

describe('bounded time', () => {
  const refused = (): Promise<Response> =>
    Promise.reject(
      new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })
    )

  function downForGood(options: Partial<ClientOptions>) {
    const slept: number[] = []
    const client = createMultitudesClient({
      url: new URL('https://integrations.multitudes.co/deployment'),
      apiKey: 'k',
      timeoutMs: 30_000,
      maxAttempts: 4,
      fetch: refused,
      sleep: (ms) => {
        slept.push(ms)
        return Promise.resolve()
      },
      ...options
    })
    return { client, slept }
  }

  it('an API down for good: max-attempts attempts and at most 14 s of backoff with the defaults', async () => {
    const { client, slept } = downForGood({ backoff: { random: () => 0.9999 } })

    await expect(client.postDeployment(payload)).rejects.toMatchObject({
      attempts: 4,
      outage: true
    })

    expect(slept).toEqual([2000, 4000, 8000])
  })

  it('max-attempts changes the number of waits predictably', async () => {
    const { client, slept } = downForGood({
      maxAttempts: 6,
      backoff: { random: () => 0 }
    })

    await expect(client.postDeployment(payload)).rejects.toMatchObject({
      attempts: 6
    })

    expect(slept).toEqual([1000, 2000, 4000, 8000, 8000])
  })

  it('a server that always asks to retry much later waits at most the cap each time', async () => {
    const { client, slept } = downForGood({
      fetch: () =>
        Promise.resolve(
          new Response('slow down', {
            status: 429,
            headers: { 'Retry-After': '3600' }
          })
        )
    })

    await expect(client.postDeployment(payload)).rejects.toMatchObject({
      status: 429,
      attempts: 4
    })

    expect(slept).toEqual([30_000, 30_000, 30_000])
  })

  it('the client states its own worst case, and the README states the default one', () => {
    const client = createMultitudesClient({
      url: new URL('https://integrations.multitudes.co/deployment'),
      apiKey: 'k',
      timeoutMs: 30_000,
      maxAttempts: 4
    })

    expect(client.worstCaseMs).toBe(134_000)
    expect(readFileSync('README.md', 'utf8')).toContain(
      `4 × 30 s + 14 s of backoff = **${client.worstCaseMs / 1000} s**`
    )
  })

  // The bound covers both; a server that asks for the longest Retry-After comes close to it.
  it.each<[string, () => Promise<Response>, number]>([
    [
      'never answers: every attempt times out',
      () => new Promise<Response>(() => undefined),
      0
    ],
    [
      'always asks to retry an hour later',
      () =>
        Promise.resolve(
          new Response('later', {
            status: 503,
            headers: { 'Retry-After': '3600' }
          })
        ),
      0.85
    ]
  ])(
    'an API that %s ends within the client’s stated worst case',
    async (_name, answer, tightness) => {
      const timeoutMs = 200
      const slept: number[] = []
      const client = createMultitudesClient({
        url: new URL('https://api.example.com/deployment'),
        apiKey: 'k',
        timeoutMs,
        maxAttempts: 4,
        backoff: { random: () => 0.9 },
        fetch: (_url, init) => {
          // A hung request ends when the client's own timeout aborts it.
          return Promise.race([
            answer(),
            new Promise<Response>((_resolve, reject) =>
              init?.signal?.addEventListener('abort', () =>
                reject(init.signal?.reason as Error)
              )
            )
          ])
        },
        sleep: (ms) => {
          slept.push(ms)
          return Promise.resolve()
        }
      })

      const started = performance.now()
      await expect(client.postDeployment(payload)).rejects.toMatchObject({
        attempts: 4
      })
      // Real time spent in requests, plus the waits the client asked for.
      const total =
        performance.now() - started + slept.reduce((a, b) => a + b, 0)
      expect(total).toBeLessThanOrEqual(client.worstCaseMs)
      expect(total).toBeGreaterThanOrEqual(client.worstCaseMs * tightness)
    }
  )
})

describe('an ambiguous failure is checked in the record before the body goes again', () => {
  const checker = (answers: RecordCheck[]) => {
    const calls: number[] = []
    return {
      calls,
      checkRecord: (): Promise<RecordCheck> => {
        calls.push(calls.length + 1)
        return Promise.resolve(answers.shift() ?? { state: 'absent' })
      }
    }
  }

  it.each<[string, Fault[], number]>([
    ['a 500', [{ kind: 'status', status: 500 }], 1],
    ['a 503', [{ kind: 'status', status: 503 }], 1],
    ['a dropped connection', [{ kind: 'drop' }], 1],
    ['a 429', [{ kind: 'retry-after', value: '0' }], 0],
    ['a 408', [{ kind: 'status', status: 408 }], 0]
  ])(
    '%s: the record is read %i time(s), and an absent deployment is sent again',
    async (_name, faults, checks) => {
      const { server, client } = await setup(faults)
      const { calls, checkRecord } = checker([])

      const result = await client.postDeployment(payload, { checkRecord })

      expect(calls).toHaveLength(checks)
      expect(result).toMatchObject({ status: 201, attempts: 2 })
      expect(result.foundInRecord).toBeUndefined()
      expect(server.posts()).toBe(2)
    }
  )

  it('a refused connection was never delivered: sent again without a read', async () => {
    // A port that was just free: nothing listens there, so the connection is refused.
    const closed = http.createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const { port } = closed.address() as AddressInfo
    await new Promise((resolve) => closed.close(resolve))
    const { client } = await setup([], {
      url: new URL(`http://127.0.0.1:${port}/deployment`),
      maxAttempts: 2
    })
    const { calls, checkRecord } = checker([])

    await expect(
      client.postDeployment(payload, { checkRecord })
    ).rejects.toMatchObject({ unknown: false, attempts: 2 })
    expect(calls).toHaveLength(0)
  })

  it('found in the record: reported with the listed time, and never sent again', async () => {
    const { server, client, logs } = await setup([
      { kind: 'status', status: 502 },
      { kind: 'status', status: 502 }
    ])
    const { calls, checkRecord } = checker([
      { state: 'recorded', deployedAt: '2026-11-30T09:00:00.000Z' }
    ])

    const result = await client.postDeployment(payload, { checkRecord })

    expect(calls).toHaveLength(1)
    expect(server.posts()).toBe(1)
    expect(result).toMatchObject({
      status: 502,
      attempts: 1,
      foundInRecord: '2026-11-30T09:00:00.000Z'
    })
    expect(logs).toEqual([
      expect.stringMatching(
        /^Attempt 1 failed \(127\.0\.0\.1:\d+ answered 502\), but Multitudes' record holds the deployment \(deployedAt 2026-11-30T09:00:00\.000Z\)/
      )
    ])
  })

  it('a record that cannot be read makes the outcome unknown: no second POST, no retry wait', async () => {
    const { server, client, slept } = await setup([
      { kind: 'status', status: 500 }
    ])
    const { checkRecord } = checker([{ state: 'unknown', why: '403 on GET' }])

    const error = await client
      .postDeployment(payload, { checkRecord })
      .catch((e: unknown) => e)

    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ unknown: true, outage: true, status: 500 })
    expect((error as ApiError).message).toMatch(
      /^Whether Multitudes recorded the deployment is unknown: attempt 1 failed .* its record could not be read \(403 on GET\)/
    )
    expect(server.posts()).toBe(1)
    expect(slept).toEqual([])
  })

  it('after the last attempt the record is read too: absent there means not recorded, said plainly', async () => {
    const { client } = await setup(
      [
        { kind: 'status', status: 500 },
        { kind: 'status', status: 500 }
      ],
      { maxAttempts: 2 }
    )
    const { calls, checkRecord } = checker([])

    const error = await client
      .postDeployment(payload, { checkRecord })
      .catch((e: unknown) => e)

    expect(calls).toHaveLength(2)
    expect(error).toMatchObject({ unknown: false, status: 500 })
  })

  it('without a record check, an ambiguous last failure is unknown, not "not recorded"', async () => {
    const { client } = await setup([{ kind: 'status', status: 500 }], {
      maxAttempts: 1
    })

    const error = await client.postDeployment(payload).catch((e: unknown) => e)

    expect(error).toMatchObject({ unknown: true })
    expect((error as ApiError).message).toContain(
      'The last attempt may have reached it all the same'
    )
  })

  it('a GET is never ambiguous: it changes nothing', async () => {
    const { client } = await setup(
      [
        { on: 'get', kind: 'status', status: 500 },
        { on: 'get', kind: 'status', status: 500 }
      ],
      { maxAttempts: 2 }
    )

    const error = await client.listDeployments(1, 100).catch((e: unknown) => e)

    expect(error).toMatchObject({ unknown: false, status: 500 })
  })
})
