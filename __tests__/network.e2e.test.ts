/**
 * The bundled action on networks that are not simple, and on text from outside that is hostile:
 * a CONNECT proxy and a TLS-inspecting proxy on loopback, a 201 whose body never finishes, GET
 * pages over 100 KB, and commit subjects, API bodies and GitHub errors that carry workflow
 * commands and markup.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { HtmlRenderer, Parser } from 'commonmark'
import {
  makeTestCa,
  startConnectProxy,
  startTlsTerminator,
  type TestCa
} from '../dev/connect-proxy.ts'
import {
  startFakeGitHub,
  type FakeGitHubOptions
} from '../dev/fake-github-api.ts'
import { startMultitudesServer, type Fault } from '../dev/multitudes-server.ts'
import { runLikeRunner, type RunnerOptions } from '../dev/run-action.ts'
import { createMultitudesClient } from '../src/multitudes-client.js'
import { pushEvent } from '../__fixtures__/events.js'
import { removeTestRepos, TestRepo } from '../__fixtures__/git-repo.js'

const KEY = 'mtd_demo_key'
const repo = TestRepo.init()
const before = repo.commit('live')
repo.commits(2, 'shipped')

let ca: TestCa
beforeAll(() => {
  ca = makeTestCa(['integrations.multitudes.co', 'api.github.com'])
})
afterAll(removeTestRepos)

const closing: { close(): Promise<void> }[] = []
afterAll(async () => {
  await Promise.all(closing.map((c) => c.close()))
})
async function started<T extends { close(): Promise<void> }>(
  server: Promise<T>
): Promise<T> {
  const s = await server
  closing.push(s)
  return s
}

/** The Multitudes API and GitHub, each behind a TLS terminator with the test CA's certificate. */
async function behindTls(faults: Fault[] = [], github: FakeGitHubOptions = {}) {
  const api = await started(startMultitudesServer({ faults }))
  const gh = await started(startFakeGitHub(github))
  const apiTls = await started(
    startTlsTerminator(ca, Number(new URL(api.url).port))
  )
  const ghTls = await started(
    startTlsTerminator(ca, Number(new URL(gh.url).port))
  )
  const route = (host: string): number | undefined =>
    host === 'integrations.multitudes.co'
      ? apiTls.port
      : host === 'api.github.com'
        ? ghTls.port
        : undefined
  return { api, gh, route }
}

/** The bundle in the test repository; GitHub is an empty fake unless the test says otherwise. */
async function run(options: Partial<RunnerOptions>) {
  const gh = await started(startFakeGitHub())
  return runLikeRunner({
    workspace: repo.dir,
    eventName: 'push',
    sha: repo.head(),
    event: pushEvent(before, repo.head()),
    ...options,
    inputs: { environment: 'production', 'api-key': KEY, ...options.inputs },
    env: { GITHUB_API_URL: gh.url, ...options.env }
  })
}

const live = {
  id: 1,
  sha: before,
  environment: 'production',
  statuses: [{ state: 'success' }]
}

describe('behind a corporate proxy', () => {
  it('reaches the default https:// endpoint and GitHub through a TLS-inspecting proxy', async () => {
    const { api, route } = await behindTls([], { deployments: [live] })
    const proxy = await started(startConnectProxy({ route }))

    const result = await run({
      env: {
        HTTPS_PROXY: proxy.url,
        NODE_EXTRA_CA_CERTS: ca.caFile,
        GITHUB_API_URL: 'https://api.github.com'
      }
    })

    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({
      reported: 'true',
      'base-source': 'previous-deployment',
      'commit-count': '2'
    })
    expect(proxy.seen).toContain('integrations.multitudes.co:443')
    expect(proxy.seen).toContain('api.github.com:443')
    expect(api.deployments).toHaveLength(1)
    expect(api.posts()).toBe(1)
  })

  it('reads the lower-case https_proxy too', async () => {
    const { api, route } = await behindTls([], { deployments: [live] })
    const proxy = await started(startConnectProxy({ route }))

    const result = await run({
      env: {
        https_proxy: proxy.url,
        NODE_EXTRA_CA_CERTS: ca.caFile,
        GITHUB_API_URL: 'https://api.github.com'
      }
    })

    expect(result.outputs.reported).toBe('true')
    expect(api.deployments).toHaveLength(1)
    expect(api.posts()).toBe(1)
  })

  it('without the proxy’s CA, fails naming the proxy (TLS is never skipped)', async () => {
    const { api, route } = await behindTls()
    const proxy = await started(startConnectProxy({ route }))

    const result = await run({
      inputs: { 'max-attempts': '1', strategy: 'head' },
      env: { HTTPS_PROXY: proxy.url }
    })

    expect(result.exitCode).toBe(1)
    expect(result.stdout).toContain(
      `could not connect to integrations.multitudes.co through the proxy ${proxy.url}`
    )
    expect(api.requests).toHaveLength(0)
  })

  it('a proxy that refuses: a clear error that names it, nothing recorded', async () => {
    const proxy = await started(startConnectProxy({ refuse: 403 }))

    const result = await run({
      inputs: { 'max-attempts': '1', strategy: 'head' },
      env: { HTTPS_PROXY: proxy.url }
    })

    expect(result.exitCode).toBe(1)
    expect(result.stdout).toMatch(
      new RegExp(
        `::error::The Multitudes API could not be reached after 1 attempt: could not connect to integrations.multitudes.co through the proxy ${proxy.url}: Proxy response \\(403\\)`
      )
    )
    // The record's GET, refused (a warning), then the POST, refused: never sent again blind.
    expect(proxy.seen).toEqual([
      'integrations.multitudes.co:443',
      'integrations.multitudes.co:443'
    ])
  })

  it.each([
    ['HTTPS_PROXY', 'fail', 1, 'error'],
    ['ALL_PROXY', 'fail', 1, 'error'],
    ['HTTPS_PROXY', 'warn', 0, 'warning']
  ])(
    'a SOCKS proxy in %s does not crash the step: a setting to fix, on-error %s',
    async (variable, mode, exitCode, level) => {
      const api = await started(startMultitudesServer())

      const result = await run({
        // ALL_PROXY covers the local http:// API; HTTPS_PROXY the https:// GitHub API.
        inputs: { 'api-url': api.url, 'on-error': mode },
        env: {
          [variable]: 'socks5h://127.0.0.1:1080',
          GITHUB_API_URL: 'https://api.github.com'
        }
      })

      expect(result.exitCode).toBe(exitCode)
      expect(result.stdout).toMatch(
        new RegExp(
          `^::${level}::${variable} names a socks5h proxy \\(socks5h://127.0.0.1:1080\\); only http:// and https:// proxies are supported`,
          'm'
        )
      )
      expect(result.stdout).not.toContain('Attempt 1')
      expect(result.outputs.reported).toBe('false')
      expect(api.requests).toHaveLength(0)
    }
  )

  it('a proxy without a scheme is an HTTP proxy, as curl takes it', async () => {
    const { api, route } = await behindTls([], { deployments: [live] })
    const proxy = await started(startConnectProxy({ route }))

    const result = await run({
      env: {
        HTTPS_PROXY: proxy.url.replace('http://', ''),
        NODE_EXTRA_CA_CERTS: ca.caFile,
        GITHUB_API_URL: 'https://api.github.com'
      }
    })

    expect(result.outputs.reported).toBe('true')
    expect(proxy.seen).toContain('integrations.multitudes.co:443')
    expect(api.deployments).toHaveLength(1)
    expect(api.posts()).toBe(1)
  })

  it.each([
    ['127.0.0.1', 0],
    ['*.corp.example,127.0.0.1', 0],
    ['*.corp.example', 2],
    // Names are matched whole, never as substrings, either way round.
    ['127.0.0.10', 2],
    ['27.0.0.1', 2]
  ])('NO_PROXY=%s: %i tunnels through the proxy', async (noProxy, tunnels) => {
    const api = await started(startMultitudesServer())
    const gh = await started(startFakeGitHub({ deployments: [live] }))
    const proxy = await started(startConnectProxy())

    const result = await run({
      inputs: { 'api-url': api.url },
      env: {
        HTTP_PROXY: proxy.url,
        NO_PROXY: noProxy,
        GITHUB_API_URL: gh.url
      }
    })

    expect(result.outputs.reported).toBe('true')
    expect(new Set(proxy.seen).size).toBe(tunnels)
  })
})

describe("https:// with no proxy (Node's own https, not undici)", () => {
  /** The local API and GitHub behind TLS terminators for localhost, reached directly. */
  async function directTls() {
    const local = makeTestCa(['localhost'])
    const api = await started(startMultitudesServer())
    const gh = await started(startFakeGitHub({ deployments: [live] }))
    const apiTls = await started(
      startTlsTerminator(local, Number(new URL(api.url).port))
    )
    const ghTls = await started(
      startTlsTerminator(local, Number(new URL(gh.url).port))
    )
    return {
      api,
      ca: local.caFile,
      apiUrl: `https://localhost:${apiTls.port}/deployment`,
      githubUrl: `https://localhost:${ghTls.port}`
    }
  }

  it('verifies TLS against NODE_EXTRA_CA_CERTS and reports once, GitHub included', async () => {
    const tls = await directTls()

    const result = await run({
      inputs: { 'api-url': tls.apiUrl },
      env: { NODE_EXTRA_CA_CERTS: tls.ca, GITHUB_API_URL: tls.githubUrl }
    })

    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({
      reported: 'true',
      'base-source': 'previous-deployment',
      'commit-count': '2'
    })
    expect(tls.api.posts()).toBe(1)
  })

  it('without the CA, fails on the certificate and sends nothing (TLS is never skipped)', async () => {
    const tls = await directTls()

    const result = await run({
      inputs: { 'api-url': tls.apiUrl, 'max-attempts': '1', strategy: 'head' },
      env: { GITHUB_API_URL: tls.githubUrl }
    })

    expect(result.exitCode).toBe(1)
    expect(result.stdout).toMatch(
      /could not connect to localhost:\d+: unable to verify the first certificate.* Multitudes did not record the deployment\./
    )
    expect(tls.api.posts()).toBe(0)
  })
})

describe('answers that do not finish', () => {
  it('a 201 whose body trickles is recorded once, and never fails the step', async () => {
    const api = await started(
      startMultitudesServer({ faults: [{ kind: 'trickle' }] })
    )

    const result = await run({
      inputs: {
        'api-url': api.url,
        'on-error': 'warn-on-outage',
        'timeout-seconds': '2',
        strategy: 'head'
      }
    })

    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ reported: 'true', status: '201' })
    expect(api.requests.filter((r) => r.method === 'POST')).toHaveLength(1)
    expect(api.deployments).toHaveLength(1)
    expect(api.posts()).toBe(1)
    expect(result.durationMs).toBeLessThan(15_000)
  })

  it('verify reads GET pages over 100 KB whole and finds the deployment', async () => {
    const api = await started(startMultitudesServer())
    const writer = createMultitudesClient({
      url: new URL(api.url),
      apiKey: KEY,
      timeoutMs: 5000,
      maxAttempts: 1
    })
    for (let i = 0; i < 120; i++) {
      await writer.postDeployment({
        commitSha: Array.from({ length: 20 }, (_, j) =>
          (i * 100 + j + 1).toString(16).padStart(40, 'c')
        ),
        environmentName: 'production',
        deployedAt: new Date(Date.now() + i).toISOString()
      })
    }

    const result = await run({
      inputs: { 'api-url': api.url, verify: 'true', 'is-test': 'true' }
    })

    expect(result.exitCode).toBe(0)
    expect(result.summary).toContain('verified by reading it back')
    const page = await writer.listDeployments(1, 100)
    expect(page.body.length).toBeGreaterThan(100 * 1024)
  })
})

describe('hostile text from outside', () => {
  /** Lines the runner would read as workflow commands that the action did not mean to write. */
  function forgedCommands(stdout: string): string[] {
    return stdout
      .split('\n')
      .filter(
        (line) =>
          /##\[/.test(line) ||
          (/^\s*::/.test(line) &&
            !/^::(add-mask|debug|group|endgroup|warning|error|notice)( [^:]*)?::/.test(
              line
            )) ||
          /^::add-mask::(?!mtd_demo_key$|ghs_runner_token$)/.test(line)
      )
  }

  const render = (html: string): string =>
    new HtmlRenderer().render(new Parser().parse(html))

  it('commit subjects cannot forge commands, rows or markup', async () => {
    const hostile = TestRepo.init()
    const base = hostile.commit('live')
    for (const subject of [
      '::add-mask::leak',
      'fix ##[error]forged error',
      'a\r\r# Heading ![img](https://evil.example/x.png) [link](https://evil.example)',
      `innocent\x1e${'f'.repeat(40)}\x1fMallory\x1fforged (#999)`,
      '</td></tr></table><img src=x onerror=alert(1)>'
    ])
      hostile.commit(subject, `${hostile.head()}.txt`)
    const api = await started(startMultitudesServer())

    const result = await run({
      workspace: hostile.dir,
      sha: hostile.head(),
      event: pushEvent(base, hostile.head()),
      inputs: { 'api-url': api.url }
    })

    expect(result.exitCode).toBe(0)
    expect(forgedCommands(result.stdout)).toEqual([])
    const html = render(result.summary)
    expect(html).not.toMatch(/<img|<h1|<a href="https:\/\/evil/)
    // The subject holding the old separators is one row, not a forged second one.
    expect(html.match(/<li>/g)).toHaveLength(5)
    expect(html).toMatch(
      /<li>[^]*innocent f{40} Mallory forged \(#999\) \(Ada Lovelace\)<\/li>/
    )
    expect(result.outputs['commit-count']).toBe('5')
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;')
  })

  it('a 400 with a thousand hostile field errors: a few annotations, the whole body kept', async () => {
    const errors = Array.from({ length: 1000 }, (_, i) => ({
      field: `commitSha.${i}`,
      message: `bad ##[add-mask]leak${i} \n::error::forged`
    }))
    // Over the 64 KiB kept for the response output: the fields are still all read.
    const body = JSON.stringify({ message: 'Invalid request', errors })
    expect(body.length).toBeGreaterThan(64 * 1024)
    const api = await started(
      startMultitudesServer({ faults: [{ kind: 'status', status: 400, body }] })
    )

    const result = await run({ inputs: { 'api-url': api.url } })

    expect(result.exitCode).toBe(1)
    expect(forgedCommands(result.stdout)).toEqual([])
    const annotations = result.stdout
      .split('\n')
      .filter((l) => l.startsWith('::error title=Multitudes rejected a field'))
    expect(annotations).toHaveLength(6)
    expect(annotations[5]).toContain('… and 995 more rejected fields')
    expect(result.outputs.response).toBe(body.slice(0, 64 * 1024))
    expect(render(result.summary)).toContain('… and 980 more')
  })

  it('a GitHub error message carrying commands is logged as text', async () => {
    const api = await started(startMultitudesServer())
    const gh = await started(
      startFakeGitHub({
        faults: [
          {
            path: /deployments$/,
            status: 403,
            body: { message: 'Forbidden ##[add-mask]leak\n::error::forged' }
          }
        ]
      })
    )

    const result = await run({
      inputs: { 'api-url': api.url },
      env: { GITHUB_API_URL: gh.url }
    })

    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain(
      'Forbidden ## [add-mask]leak ::error::forged'
    )
    expect(forgedCommands(result.stdout)).toEqual([])
  })

  it('an API key pasted with a zero-width space is an input error: nothing sent, never echoed', async () => {
    const api = await started(startMultitudesServer())
    const key = 'mtd_live_abc\u200bdef'

    const result = await run({
      inputs: {
        'api-url': api.url,
        'on-error': 'warn-on-outage',
        'api-key': key
      }
    })

    expect(result.exitCode).toBe(1)
    expect(api.requests).toHaveLength(0)
    expect(result.stdout).toContain("Invalid 'api-key': character 13 (U+200B)")
    expect(result.stdout.replace(/::add-mask::.*\n/g, '')).not.toContain('abc')
  })
})
