/**
 * sendDeployment in process, against the local Multitudes API on loopback: a dry run sends
 * nothing even with a client, a real run POSTs once and says so, `verify` reads it back.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import type { DeploymentPayload } from '../src/deployment.js'
import { createMultitudesClient } from '../src/multitudes-client.js'
import { emptyReport } from '../src/report.js'
import { sendDeployment } from '../src/send.js'
import {
  startMultitudesServer,
  type MultitudesServer
} from '../dev/multitudes-server.ts'
import { stdout } from '../__fixtures__/stdout.js'

const payload: DeploymentPayload = {
  commitSha: [
    '8750d79cce5f2d137c3f4a34cdd4c9da76c26cfb',
    '1f0a3a0c3b1e0b7b1d7c06c9f2d8ac1c3c5c1e2f'
  ],
  environmentName: 'production',
  deployedAt: '2026-11-30T09:00:00.000Z'
}

let server: MultitudesServer
beforeEach(async () => {
  server = await startMultitudesServer()
  stdout.clear()
})
afterEach(() => server.close())

function setup(options: { dryRun?: boolean; verify?: boolean } = {}) {
  const apiUrl = new URL(server.url)
  const client = createMultitudesClient({
    url: apiUrl,
    apiKey: 'mtd_demo_key',
    timeoutMs: 2000,
    maxAttempts: 3
  })
  const inputs = { dryRun: false, verify: false, apiUrl, ...options }
  return { client, inputs, report: emptyReport('https://github.com') }
}

describe('sendDeployment', () => {
  it('a dry run with a client sends nothing and says what it would send', async () => {
    const { client, inputs, report } = setup({ dryRun: true, verify: true })

    await sendDeployment(inputs, client, payload, report)

    expect(server.requests).toEqual([])
    expect(report.post).toBeUndefined()
    expect(report.verified).toBe(false)
    expect(stdout.text()).toBe(
      `Dry run: would send 2 commits to ${inputs.apiUrl.href}.\n`
    )
  })

  it('without a client (no key), it is a dry run too', async () => {
    const { inputs, report } = setup()

    await sendDeployment(inputs, undefined, payload, report)

    expect(report.post).toBeUndefined()
    expect(stdout.text()).toContain('Dry run: would send 2 commits')
  })

  it('posts once, in a log group that states the time bound, and records the answer', async () => {
    const { client, inputs, report } = setup()

    await sendDeployment(inputs, client, payload, report)

    expect(server.deployments).toHaveLength(1)
    expect(server.posts()).toBe(1)
    expect(server.requests.map((r) => r.method)).toEqual(['POST'])
    expect(report.post).toMatchObject({ status: 201, attempts: 1 })
    expect(report.verified).toBe(false)
    const seconds = Math.ceil(client.worstCaseMs / 1000)
    expect(seconds).toBeGreaterThan(1)
    expect(stdout.text()).toBe(
      [
        '::group::Reporting deployment',
        `Posting 2 commits to ${inputs.apiUrl.host}; with retries this takes at most ${seconds} s.`,
        '::endgroup::',
        'Multitudes recorded the deployment (HTTP 201).',
        ''
      ].join('\n')
    )
  })

  it('with verify, reads the deployment back and says so', async () => {
    const { client, inputs, report } = setup({ verify: true })

    await sendDeployment(inputs, client, payload, report)

    expect(server.requests.map((r) => r.method)).toEqual(['POST', 'GET'])
    expect(report.verified).toBe(true)
    expect(stdout.text()).toContain(
      '::group::Verifying\n::endgroup::\nThe deployment reads back from GET /deployment.\n'
    )
  })
})
