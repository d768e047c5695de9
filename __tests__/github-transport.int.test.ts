/**
 * The bounds of GitHub calls against a real HTTP server on loopback: the deadline shared by
 * every call of a run, the body cap, and retries of 5xx with the Multitudes client's backoff.
 */
import { afterAll, describe, expect, it, jest } from '@jest/globals'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { DEFAULT_BACKOFF } from '../src/backoff.js'
import { ProxyError } from '../src/errors.js'
import { createGitHubApi } from '../src/github/api.js'
import { githubBounds } from '../src/github/bounds.js'
import { boundedFetch, GitHubUnreachable } from '../src/github/transport.js'

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void
const servers: http.Server[] = []
afterAll(async () => {
  await Promise.all(
    servers.map(
      (s) =>
        new Promise((resolve) => {
          s.closeAllConnections()
          s.close(resolve)
        })
    )
  )
})

async function serve(
  handler: Handler
): Promise<{ url: string; hits: () => number }> {
  let hits = 0
  const server = http.createServer((req, res) => {
    hits++
    handler(req, res)
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}/repos/o/r`, hits: () => hits }
}

const quick = { ...DEFAULT_BACKOFF, minMs: 10, maxMs: 20, random: () => 0 }
const json = (res: http.ServerResponse, status: number, body: string): void => {
  res.writeHead(status, { 'Content-Type': 'application/json' })
  res.end(body)
}

/** A failed fetch's message when GitHub was unreachable; 'other' for any other error. */
const unreachable = (e: unknown) =>
  e instanceof GitHubUnreachable ? e.message : 'other'

/** Answers each request with the next of `answers`, and the last one from then on. */
function inTurn(answers: [status: number, body: string][]) {
  let n = 0
  return (res: http.ServerResponse) =>
    json(res, ...answers[Math.min(n++, answers.length - 1)])
}

describe('boundedFetch', () => {
  it('shares one deadline between calls that each answer in time', async () => {
    const server = await serve((_req, res) =>
      setTimeout(() => json(res, 200, '[]'), 150)
    )
    const bounded = boundedFetch(
      fetch,
      githubBounds(1000, 2, { totalMs: 400, backoff: quick })
    )
    const started = Date.now()
    const outcomes: string[] = []
    for (let i = 0; i < 5; i++) {
      outcomes.push(
        await bounded
          .fetch(server.url)
          .then((r) => String(r.status), unreachable)
      )
    }

    expect(outcomes.slice(0, 2)).toEqual(['200', '200'])
    expect(outcomes.at(-1)).toBe(
      "GitHub did not answer within 0.4 s, the deadline for all of a run's GitHub calls"
    )
    expect(Date.now() - started).toBeLessThan(1000)
    expect(bounded.remainingMs()).toBe(0)
  })

  it('ends a call at the deadline whatever it waits on', async () => {
    const bounded = boundedFetch(fetch, githubBounds(1000, 2, { totalMs: 100 }))
    const never = new Promise<never>(() => undefined)

    await expect(bounded.race(never)).rejects.toThrow(GitHubUnreachable)
  })

  it('reads no more than the body cap, and does not ask again', async () => {
    const server = await serve((_req, res) =>
      json(res, 200, 'x'.repeat(10_000))
    )
    const bounded = boundedFetch(
      fetch,
      githubBounds(1000, 3, { bodyLimit: 1024, backoff: quick })
    )

    await expect(bounded.fetch(server.url)).rejects.toThrow(
      'sent an answer larger than 1024 bytes, which is not read'
    )
    expect(server.hits()).toBe(1)
  })

  it('retries a 5xx, and hands on the last answer when every attempt fails', async () => {
    const seen: (string | undefined)[] = []
    const answer = inTurn([
      [500, '{}'],
      [200, '[1]']
    ])
    const flaky = await serve((req, res) => {
      seen.push(req.headers.accept)
      answer(res)
    })
    const down = await serve((_req, res) =>
      json(res, 503, '{"message":"down"}')
    )
    const bounded = boundedFetch(
      fetch,
      githubBounds(1000, 3, { backoff: quick })
    )

    const recovered = await bounded.fetch(flaky.url, {
      headers: { accept: 'application/vnd.github+json' }
    })
    const failed = await bounded.fetch(down.url)

    expect([recovered.status, await recovered.text()]).toEqual([200, '[1]'])
    expect(flaky.hits()).toBe(2)
    expect(seen).toEqual(Array(2).fill('application/vnd.github+json'))
    expect([failed.status, await failed.text()]).toEqual([
      503,
      '{"message":"down"}'
    ])
    expect(down.hits()).toBe(3)
  })

  it('retries a refused connection, then says what failed and how often', async () => {
    // A port that was just free: nothing listens there.
    const spare = http.createServer()
    await new Promise<void>((resolve) => spare.listen(0, '127.0.0.1', resolve))
    const { port } = spare.address() as AddressInfo
    await new Promise((resolve) => spare.close(resolve))
    const url = `http://127.0.0.1:${port}/repos/o/r`
    const bounded = boundedFetch(
      fetch,
      githubBounds(1000, 2, { backoff: quick })
    )

    await expect(bounded.fetch(url)).rejects.toThrow(
      new GitHubUnreachable(
        `could not connect to 127.0.0.1:${port}: ECONNREFUSED (2 attempts)`
      )
    )
  })

  it('times out an answer that trickles, on every attempt', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      const timer = setInterval(() => res.write(' '), 50)
      res.on('close', () => clearInterval(timer))
    })
    const bounded = boundedFetch(
      fetch,
      githubBounds(300, 2, { backoff: quick })
    )

    await expect(bounded.fetch(server.url)).rejects.toThrow(
      'answer did not finish within 0.3 s (2 attempts)'
    )
    expect(server.hits()).toBe(2)
  })

  it('never retries a proxy it cannot use', async () => {
    let calls = 0
    const inner = (() => {
      calls++
      return Promise.reject(
        new ProxyError('ALL_PROXY names a socks5 proxy', 'fix it')
      )
    }) as unknown as typeof fetch
    const bounded = boundedFetch(
      inner,
      githubBounds(1000, 3, { backoff: quick })
    )

    await expect(bounded.fetch('https://api.github.com/x')).rejects.toThrow(
      ProxyError
    )
    expect(calls).toBe(1)
  })
})

describe("the client's reading of GitHub's answers", () => {
  /** The client against one answer, with its content type. */
  async function branchFrom(type: string, body: string) {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': type })
      res.end(body)
    })
    return createGitHubApi({
      token: 't',
      repository: 'o/r',
      baseUrl: server.url.replace('/repos/o/r', '')
    }).defaultBranch()
  }

  it("parses a JSON answer with JSON.parse, not with Octokit's slower parser", async () => {
    const parse = jest.spyOn(JSON, 'parse')
    try {
      await expect(
        branchFrom(
          'application/json; charset=utf-8',
          '{"default_branch":"trunk"}'
        )
      ).resolves.toBe('trunk')
      expect(parse).toHaveBeenCalledWith('{"default_branch":"trunk"}')
    } finally {
      parse.mockRestore()
    }
  })

  it('reads the JSON types Octokit reads as JSON, and only those', async () => {
    const body = '{"default_branch":"trunk"}'
    await expect(branchFrom('application/json', body)).resolves.toBe('trunk')
    await expect(branchFrom('Application/JSON ;q=1', body)).resolves.toBe(
      'trunk'
    )
    await expect(branchFrom('application/scim+json', body)).resolves.toBe(
      'trunk'
    )
    // Octokit leaves these as text, so a field of it is undefined.
    for (const type of [
      'text/plain',
      'application/jsonx',
      'x/application/json'
    ])
      await expect(branchFrom(type, body)).resolves.toBeUndefined()
    await expect(
      branchFrom('application/json', '{"default_branch":')
    ).resolves.toBeUndefined()
  })
})
