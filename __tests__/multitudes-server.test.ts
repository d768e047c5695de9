import { afterEach, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  startMultitudesServer,
  type MultitudesServer
} from '../dev/multitudes-server.ts'

let server: MultitudesServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

const SHA = (n: number): string => n.toString(16).padStart(40, 'a')

async function call(
  method: string,
  query = '',
  body?: unknown,
  key = 'mtd_demo_key'
) {
  const response = await fetch(`${server?.url}${query}`, {
    method,
    headers: { Authorization: key, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  return {
    status: response.status,
    json: (await response.json()) as Record<string, unknown>
  }
}

describe('the local Multitudes-compatible API', () => {
  it('answers 401, 403 and 400 as the vendor documents', async () => {
    server = await startMultitudesServer()

    expect((await call('POST', '', {}, 'mtd_nope')).status).toBe(401)
    expect((await call('POST', '', {}, 'mtd_read_only_key')).status).toBe(403)
    const bad = await call('POST', '', {
      commitSha: 'abc',
      deployedAt: 'today',
      isTest: 'yes'
    })
    expect(bad.status).toBe(400)
    expect(bad.json.errors).toEqual([
      { field: 'commitSha', message: expect.any(String) },
      { field: 'environmentName', message: expect.any(String) },
      { field: 'deployedAt', message: expect.any(String) },
      { field: 'isTest', message: expect.any(String) }
    ])
    expect(server.deployments).toHaveLength(0)
  })

  it('keeps the latest of deployments with the same commits and environment', async () => {
    server = await startMultitudesServer()
    const first = {
      commitSha: [SHA(1), SHA(2)],
      environmentName: 'production',
      deployedAt: '2026-11-30T09:00:00.000Z'
    }

    expect((await call('POST', '', first)).status).toBe(201)
    await call('POST', '', {
      ...first,
      commitSha: [SHA(2), SHA(1)],
      deployedAt: '2026-11-30T10:00:00.000Z'
    })
    await call('POST', '', { ...first, environmentName: 'staging' })
    await call('POST', '', { commitSha: SHA(3), environmentName: 'production' })

    expect(
      server.deployments.map((d) => [d.environmentName, d.deployedAt])
    ).toEqual([
      ['production', '2026-11-30T10:00:00.000Z'],
      ['staging', '2026-11-30T09:00:00.000Z'],
      ['production', expect.stringMatching(/Z$/)]
    ])
  })

  it('pages GET results, newest first, without tests unless asked', async () => {
    server = await startMultitudesServer()
    for (let i = 1; i <= 25; i++) {
      await call('POST', '', {
        commitSha: SHA(i),
        environmentName: 'production',
        isTest: i % 5 === 0
      })
    }

    const page1 = await call('GET')
    const page2 = await call('GET', '?page=2&pageSize=10&includeTests=true')
    const tooBig = await call('GET', '?pageSize=101')

    expect(page1.json).toMatchObject({ page: 1, pageSize: 20, total: 20 })
    expect(
      (page1.json.deployments as { commitSha: string[] }[])[0].commitSha
    ).toEqual([SHA(24)])
    expect(page2.json).toMatchObject({ page: 2, pageSize: 10, total: 25 })
    expect(
      (page2.json.deployments as { commitSha: string[] }[])[0].commitSha
    ).toEqual([SHA(15)])
    expect(tooBig.status).toBe(400)
  })

  it('persists to a JSON file and reads it back on start', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'api-')), 'db.json')
    server = await startMultitudesServer({ persistPath: file })
    await call('POST', '', { commitSha: SHA(1), environmentName: 'production' })
    await server.close()

    server = await startMultitudesServer({ persistPath: file })

    expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveLength(1)
    expect(server.deployments).toHaveLength(1)
  })

  it('plays scripted faults in order, then answers normally', async () => {
    server = await startMultitudesServer({
      faults: [
        { kind: 'status', status: 502 },
        { kind: 'retry-after', value: '1' }
      ]
    })
    const body = { commitSha: SHA(1), environmentName: 'production' }

    expect((await call('POST', '', body)).status).toBe(502)
    expect((await call('POST', '', body)).status).toBe(429)
    expect((await call('POST', '', body)).status).toBe(201)
  })
})

describe('npm run api', () => {
  function api(...args: string[]) {
    return spawn(
      process.execPath,
      ['--import', './dev/register-ts.mjs', 'dev/api.ts', ...args],
      {
        stdio: ['ignore', 'pipe', 'pipe']
      }
    )
  }
  const firstLine = (stream: NodeJS.ReadableStream): Promise<string> =>
    new Promise((resolve) => {
      let text = ''
      stream.on('data', (c: Buffer) => {
        text += c.toString()
        if (text.includes('\n')) resolve(text.split('\n')[0])
      })
    })

  it('takes --port 0, and on a busy port says so and suggests --port', async () => {
    const first = api('--port', '0')
    const line = await firstLine(first.stdout)
    const port = /127\.0\.0\.1:(\d+)/.exec(line)?.[1]
    expect(line).toMatch(
      /^Multitudes-compatible API listening on http:\/\/127\.0\.0\.1:\d+\/deployment$/
    )

    const second = api('--port', String(port))
    const [code, stderr] = await Promise.all([
      new Promise<number | null>((resolve) => second.on('close', resolve)),
      firstLine(second.stderr)
    ])
    first.kill()

    expect(code).toBe(1)
    expect(stderr).toBe(
      `Port ${port} on 127.0.0.1 is in use (another \`npm run api\`?). Pick another with \`npm run api -- --port ${Number(port) + 1}\`, or \`--port 0\` for any free port.`
    )
  })
})
