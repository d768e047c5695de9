import { afterEach, describe, expect, it } from '@jest/globals'
import type { DeploymentPayload } from '../src/deployment.js'
import { VerificationError } from '../src/errors.js'
import { createMultitudesClient } from '../src/multitudes-client.js'
import { isSameDeployment, verifyDeployment } from '../src/verify.js'
import { deploymentsOf } from '../src/record/reader.js'
import {
  startMultitudesServer,
  type MultitudesServer
} from '../dev/multitudes-server.ts'

const sha = (n: number): string => n.toString(16).padStart(40, '0')
const payload: DeploymentPayload = {
  commitSha: [sha(1), sha(2)],
  environmentName: 'production',
  deployedAt: '2026-11-30T09:15:00.000Z',
  isTest: true
}

let server: MultitudesServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function clientWith(
  count: number,
  ours: boolean,
  apiKey = 'mtd_demo_key'
) {
  server = await startMultitudesServer()
  const client = createMultitudesClient({
    url: new URL(server.url),
    apiKey,
    timeoutMs: 2000,
    maxAttempts: 1
  })
  const writer = createMultitudesClient({
    url: new URL(server.url),
    apiKey: 'mtd_demo_key',
    timeoutMs: 2000,
    maxAttempts: 1
  })
  if (ours) await writer.postDeployment(payload)
  for (let i = 0; i < count; i++) {
    await writer.postDeployment({ ...payload, commitSha: [sha(1000 + i)] })
  }
  return { client, server }
}

describe('verifyDeployment against the local API', () => {
  it('finds a test deployment, paging past newer ones', async () => {
    const { client, server } = await clientWith(150, true)

    await expect(
      verifyDeployment(client, payload, {
        maxPages: 2,
        sleep: () => Promise.resolve()
      })
    ).resolves.toBeUndefined()

    const gets = server.requests
      .filter((r) => r.method === 'GET')
      .map((r) => r.url)
    expect(gets).toEqual([
      '/deployment?page=1&pageSize=100&includeTests=true',
      '/deployment?page=2&pageSize=100&includeTests=true'
    ])
  })

  it('fails with a hint after reading the list the given number of times', async () => {
    const { client, server } = await clientWith(3, false)
    const waits: number[] = []

    const attempt = verifyDeployment(client, payload, {
      tries: 3,
      waitMs: 500,
      sleep: (ms) => {
        waits.push(ms)
        return Promise.resolve()
      }
    })

    await expect(attempt).rejects.toThrow(VerificationError)
    await expect(attempt).rejects.toMatchObject({
      message:
        'The API accepted the deployment, but it is not in the first 1000 deployments that GET /deployment lists (3 reads).',
      hint: 'Check in Multitudes that the key belongs to the organisation you are looking at; if the deployment appears later, the API was slow to list it.'
    })
    expect(waits).toEqual([500, 500])
    expect(server.requests.filter((r) => r.method === 'GET')).toHaveLength(3)
  })

  it.each([
    ['while a read waits for its answer', [700], 0],
    ['in the wait between two reads', [], 700]
  ])(
    'stops at its deadline %s, says so, and reads no more',
    async (_when, delays, waitMs) => {
      server = await startMultitudesServer({
        faults: delays.map((ms) => ({ on: 'get', kind: 'delay', ms }))
      })
      const client = createMultitudesClient({
        url: new URL(server.url),
        apiKey: 'mtd_demo_key',
        timeoutMs: 5000,
        maxAttempts: 4
      })
      const started = Date.now()

      const attempt = verifyDeployment(client, payload, {
        tries: 5,
        waitMs,
        maxMs: 500
      })

      await expect(attempt).rejects.toThrow(
        'Verifying stopped after 0.5 s without finding the deployment in what GET /deployment listed by then, so whether it is there is unknown.'
      )
      await expect(attempt).rejects.toMatchObject({
        hint: expect.stringMatching(/^The deployment was accepted \(201\)/)
      })
      expect(Date.now() - started).toBeLessThan(1500)
      expect(server.requests.filter((r) => r.method === 'GET')).toHaveLength(1)
    }
  )

  it('says when the key may not read deployments (403)', async () => {
    // A key of the organisation without a deployments scope.
    server = await startMultitudesServer({ keys: { mtd_other_scope: [] } })
    const client = createMultitudesClient({
      url: new URL(server.url),
      apiKey: 'mtd_other_scope',
      timeoutMs: 2000,
      maxAttempts: 1
    })

    const attempt = verifyDeployment(client, payload)

    await expect(attempt).rejects.toMatchObject({ status: 403 })
    await expect(attempt).rejects.toThrow(
      /The API key may not read deployments \(403 Forbidden\)/
    )
  })

  it('says when the key is refused (401)', async () => {
    const { client } = await clientWith(0, true, 'mtd_nope')

    await expect(verifyDeployment(client, payload)).rejects.toMatchObject({
      status: 401
    })
  })
})

describe('reading a GET answer', () => {
  it.each([
    ['[{"commitSha":"a"}]', 1],
    ['{"deployments":[{},{}]}', 2],
    ['{"data":[{}]}', 1],
    ['[]', 0]
  ])('deploymentsOf(%s) has %i items', (body, count) => {
    expect(deploymentsOf(body)).toHaveLength(count)
  })

  it.each(['{"message":"nope"}', 'not json', '{"deployments":[{"commitSha'])(
    'deploymentsOf(%s) cannot tell: undefined, never an empty list',
    (body) => {
      expect(deploymentsOf(body)).toBeUndefined()
    }
  )

  it('reads a page of 100 deployments of 20 SHAs (over 100 KB) whole, and finds ours on it', async () => {
    server = await startMultitudesServer()
    const writer = createMultitudesClient({
      url: new URL(server.url),
      apiKey: 'mtd_demo_key',
      timeoutMs: 5000,
      maxAttempts: 1
    })
    const ours = {
      ...payload,
      commitSha: Array.from({ length: 20 }, (_, i) => sha(5000 + i))
    }
    await writer.postDeployment(ours)
    for (let i = 0; i < 99; i++) {
      await writer.postDeployment({
        ...payload,
        commitSha: Array.from({ length: 20 }, (_, j) => sha(i * 100 + j + 1))
      })
    }
    const page = await writer.listDeployments(1, 100)
    expect(page.body.length).toBeGreaterThan(100 * 1024)

    await expect(
      verifyDeployment(writer, ours, { sleep: () => Promise.resolve() })
    ).resolves.toBeUndefined()
  })

  it('fails loudly when a page cannot be read, instead of calling the deployment missing', async () => {
    server = await startMultitudesServer({
      faults: [{ on: 'get', kind: 'status', status: 200, body: '<html>' }]
    })
    const client = createMultitudesClient({
      url: new URL(server.url),
      apiKey: 'mtd_demo_key',
      timeoutMs: 2000,
      maxAttempts: 1
    })

    await expect(verifyDeployment(client, payload)).rejects.toThrow(
      /GET \/deployment page 1 could not be read as a list of deployments \(not JSON/
    )
  })

  it.each([
    [
      'breaks',
      'reset-mid-body' as const,
      'GET /deployment page 1 could not be read as a list of deployments (the body broke, stalled or passed its size limit), so whether the deployment is there is unknown.'
    ],
    [
      'trickles past the deadline',
      'trickle' as const,
      'Verifying stopped after 1 s without finding the deployment in what GET /deployment listed by then, so whether it is there is unknown.'
    ]
  ])(
    'a page whose body %s is said to be unread, never missing',
    async (_how, kind, message) => {
      server = await startMultitudesServer({ faults: [{ on: 'get', kind }] })
      const client = createMultitudesClient({
        url: new URL(server.url),
        apiKey: 'mtd_demo_key',
        timeoutMs: 5000,
        maxAttempts: 1
      })

      await expect(
        verifyDeployment(client, payload, { maxMs: 1000 })
      ).rejects.toThrow(message)
    }
  )

  it('matches on the commit set, environment and time', () => {
    const listed = {
      commitSha: [sha(2), sha(1).toUpperCase()],
      environmentName: 'production',
      deployedAt: '2026-11-30T09:15:00Z'
    }
    expect(isSameDeployment(listed, payload)).toBe(true)
    expect(
      isSameDeployment({ ...listed, environmentName: 'staging' }, payload)
    ).toBe(false)
    expect(isSameDeployment({ ...listed, commitSha: [sha(1)] }, payload)).toBe(
      false
    )
    // A record of more commits, or of as many but not the same, is another deployment.
    expect(
      isSameDeployment(
        { ...listed, commitSha: [sha(1), sha(2), sha(3)] },
        payload
      )
    ).toBe(false)
    expect(
      isSameDeployment({ ...listed, commitSha: [sha(1), sha(3)] }, payload)
    ).toBe(false)
    expect(
      isSameDeployment(
        { ...listed, deployedAt: '2026-11-30T09:16:00Z' },
        payload
      )
    ).toBe(false)
    expect(
      isSameDeployment(
        { commitSha: sha(1), environmentName: 'production' },
        { ...payload, commitSha: [sha(1)] }
      )
    ).toBe(true)
  })
})
