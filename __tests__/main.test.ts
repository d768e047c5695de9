/**
 * run() in-process through the real channels: INPUT_* variables read by the real @actions/core,
 * outputs and summary read back from the file-command files, git on a real repository, and the
 * Multitudes client replaced by a scripted fake.
 */
import { afterAll, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { ApiError } from '../src/errors.js'
import { createGitClient } from '../src/git/client.js'
import type { MultitudesClient } from '../src/multitudes-client.js'
import { setInputs, withEnv } from '../__fixtures__/action-env.js'
import { removeTestRepos, TestRepo } from '../__fixtures__/git-repo.js'
import { stdout } from '../__fixtures__/stdout.js'
import { parseFileCommands } from '../dev/runner/file-commands.ts'

const repo = TestRepo.init()
const before = repo.commit('live')
const shipped = repo.commits(2, 'new')
const temp = mkdtempSync(path.join(tmpdir(), 'main-'))
const files = {
  GITHUB_OUTPUT: path.join(temp, 'output'),
  GITHUB_STEP_SUMMARY: path.join(temp, 'summary'),
  GITHUB_EVENT_PATH: path.join(temp, 'event.json')
}
writeFileSync(
  files.GITHUB_EVENT_PATH,
  JSON.stringify({ before, after: repo.head() })
)
Object.assign(process.env, files, {
  GITHUB_EVENT_NAME: 'push',
  GITHUB_SHA: repo.head(),
  GITHUB_REPOSITORY: 'octo-org/octo-repo'
})
// @actions/github reads the event when it is first imported.
const { run } = await import('../src/main.js')

afterAll(removeTestRepos)
beforeEach(() => {
  writeFileSync(files.GITHUB_OUTPUT, '')
  writeFileSync(files.GITHUB_STEP_SUMMARY, '')
  stdout.clear()
  process.exitCode = undefined
})

const post = jest.fn<MultitudesClient['postDeployment']>()
const list = jest.fn<MultitudesClient['listDeployments']>()
const deps = () => ({
  git: createGitClient(repo.dir),
  github: undefined,
  multitudes: {
    postDeployment: post,
    listDeployments: list,
    worstCaseMs: 1000
  },
  record: undefined,
  freshRecord: () => undefined
})
const NOW = new Date('2026-11-30T09:15:00.000Z')

async function runWith(values: Record<string, string>) {
  setInputs({ environment: 'production', 'api-key': 'mtd_key', ...values })
  await run(deps, () => NOW)
  const exitCode = process.exitCode
  process.exitCode = undefined
  return {
    exitCode,
    outputs: parseFileCommands(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
    log: stdout.text()
  }
}

describe('run', () => {
  it('posts the pushed commits with deployedAt fixed at the start', async () => {
    post.mockResolvedValue({
      status: 201,
      body: '{}',
      requestId: 'r1',
      attempts: 1,
      complete: true
    })

    const { exitCode, outputs } = await runWith({})

    expect(exitCode).toBeUndefined()
    expect(post).toHaveBeenCalledTimes(1)
    expect(post.mock.calls[0][0]).toEqual({
      commitSha: [...shipped].reverse(),
      environmentName: 'production',
      deployedAt: NOW.toISOString()
    })
    expect(outputs).toMatchObject({
      reported: 'true',
      'request-id': 'r1',
      'base-source': 'push'
    })
  })

  it('outside a job (no GITHUB_EVENT_NAME) fails, says why and what to use, and sends nothing', async () => {
    const { exitCode, outputs, log } = await withEnv(
      { GITHUB_EVENT_NAME: undefined },
      () => runWith({})
    )

    expect(exitCode).toBe(1)
    expect(post).not.toHaveBeenCalled()
    expect(outputs).toEqual({})
    expect(log).toContain(
      '::error::GITHUB_EVENT_NAME is not set, so this is no GitHub Actions job step and the event that deployed cannot be read. Nothing was sent. Run the action as a step of a workflow; on another CI system or on a machine, use the CLI: npx --yes multitudes-deployment-action@1 report --help.'
    )
  })

  it('fails once, with the hint, when the API rejects the key', async () => {
    post.mockRejectedValue(
      new ApiError('Multitudes rejected the API key (401).', {
        status: 401,
        attempts: 1
      })
    )

    const { exitCode, outputs, summary, log } = await runWith({})

    expect(exitCode).toBe(1)
    expect(log.match(/::error::/g)).toHaveLength(1)
    expect(log).toMatch(
      /::error::Multitudes rejected the API key \(401\)\. Generate a key/
    )
    expect(outputs).toMatchObject({
      reported: 'false',
      status: '401',
      'commit-count': '2'
    })
    expect(summary).toContain('What went wrong')
    // The subjects are read while the POST is on its way; a failed POST still lists them.
    expect(summary).toContain('new 1')
    expect(summary).toContain('new 2')
  })

  it('warns instead of failing on an outage with warn-on-outage', async () => {
    post.mockRejectedValue(new ApiError('down', { status: 503, attempts: 4 }))

    const { exitCode, log } = await runWith({ 'on-error': 'warn-on-outage' })

    expect(exitCode).toBeUndefined()
    expect(log).toMatch(
      /::warning::down .*\(on-error: warn-on-outage, so the step does not fail\)/
    )
  })

  it('fails with the message of an unexpected error', async () => {
    post.mockImplementation(() => Promise.reject(new Error('boom')))

    const { exitCode, log } = await runWith({})

    expect(exitCode).toBe(1)
    expect(log).toContain('::error::boom')
  })

  it('fails when on-error itself is invalid', async () => {
    const { exitCode, log } = await runWith({ 'on-error': 'sometimes' })

    expect(exitCode).toBe(1)
    expect(log).toContain(`::error::Invalid 'on-error': "sometimes"`)
    expect(post).not.toHaveBeenCalled()
  })

  it.each([
    [
      'RUNNER_TEMP is not a folder',
      'RUNNER_TEMP',
      /Could not write the payload-file output/
    ],
    [
      'GITHUB_OUTPUT cannot be written',
      'GITHUB_OUTPUT',
      /Could not set the step outputs/
    ]
  ])(
    'a recorded deployment never ends as a failed step: %s',
    async (_name, variable, warning) => {
      post.mockResolvedValue({
        status: 201,
        body: '{}',
        requestId: undefined,
        attempts: 1,
        complete: true
      })
      setInputs({ environment: 'production', 'api-key': 'mtd_key' })
      // A folder where a file is expected, or a file where a folder is.
      const wrong: Record<string, string> = {
        RUNNER_TEMP: files.GITHUB_EVENT_PATH,
        GITHUB_OUTPUT: temp
      }
      await withEnv({ [variable]: wrong[variable] }, () => run(deps, () => NOW))
      const exitCode = process.exitCode
      process.exitCode = undefined

      expect(exitCode).toBeUndefined()
      expect(post).toHaveBeenCalledTimes(1)
      expect(stdout.text()).toMatch(new RegExp(`::warning::${warning.source}`))
    }
  )

  it('still reports when commit subjects cannot be read for the summary', async () => {
    post.mockResolvedValue({
      status: 201,
      body: '{}',
      requestId: undefined,
      attempts: 1,
      complete: true
    })
    const git = createGitClient(repo.dir)
    const broken = () => ({
      ...deps(),
      git: {
        ...git,
        commitDetails: () => Promise.reject(new Error('git log broke'))
      }
    })
    setInputs({ environment: 'production', 'api-key': 'mtd_key' })

    await run(broken, () => NOW)

    expect(process.exitCode).toBeUndefined()
    expect(stdout.text()).toContain(
      '::warning::Could not read commit subjects for the summary: git log broke'
    )
    expect(post).toHaveBeenCalledTimes(1)
  })
})
