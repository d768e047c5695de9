/**
 * src/core.ts takes @actions/core's modules without its index (which loads undici). Every
 * wrapper must say exactly what the index says: the same stdout, file commands, exit code,
 * values and errors, call for call.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals'
import * as actions from '@actions/core'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import * as core from '../src/core.js'
import { stdout } from '../__fixtures__/stdout.js'
import { withEnv } from '../__fixtures__/action-env.js'
import { parseFileCommands } from '../dev/runner/file-commands.ts'

type Api = typeof core

const env = { ...process.env }
afterEach(() => {
  process.env = { ...env }
  process.exitCode = undefined
})

/** What one call wrote, its result or error, with the random heredoc delimiter named. */
function effects(api: Api, call: (api: Api) => unknown) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'core-')), 'out')
  writeFileSync(file, '')
  process.env.GITHUB_OUTPUT = file
  process.exitCode = undefined
  stdout.clear()
  let result: unknown
  try {
    result = { value: call(api) }
  } catch (error) {
    result = { error: String(error) }
  }
  const delimiter = /ghadelimiter_[0-9a-f-]+/g
  return {
    result,
    stdout: stdout.text(),
    output: readFileSync(file, 'utf8').replace(delimiter, 'DELIMITER'),
    exitCode: process.exitCode
  }
}

const expectSame = (call: (api: Api) => unknown) =>
  expect(effects(core, call)).toEqual(effects(actions, call))

describe('core.ts says what @actions/core says', () => {
  const tricky = 'a%b\r\nc::d,e:f ##[x] ::set-output name=x::y'

  it.each([
    ['info', (a: Api) => a.info(tricky)],
    ['debug', (a: Api) => a.debug(tricky)],
    ['setSecret', (a: Api) => a.setSecret(tricky)],
    ['error', (a: Api) => a.error(tricky)],
    ['error of an Error', (a: Api) => a.error(new Error(tricky))],
    [
      'warning with properties',
      (a: Api) =>
        a.warning(tricky, { title: tricky, file: 'a,b:c', startLine: 3 })
    ],
    ['notice', (a: Api) => a.notice(tricky, { title: 'T' })],
    ['setFailed', (a: Api) => a.setFailed(tricky)],
    ['setOutput', (a: Api) => a.setOutput('name', `${tricky}\nline 2`)],
    ['setOutput of a number', (a: Api) => a.setOutput('n', 5)]
  ])('%s', (_name, call) => expectSame(call))

  it('setOutput without GITHUB_OUTPUT falls back to the command', () => {
    expectSame((a) => {
      delete process.env.GITHUB_OUTPUT
      a.setOutput('name', 'value')
    })
  })

  it.each([
    ['  padded  ', {}],
    ['  padded  ', { trimWhitespace: false }],
    ['', { required: true }],
    ['', {}],
    ['x', { required: true }]
  ])('getInput of %j with %j', (value, options) => {
    process.env['INPUT_MY_INPUT-NAME'] = value
    expectSame((a) => a.getInput('my input-name', options))
  })

  it.each(['true', 'True', 'TRUE', 'false', 'FALSE', 'yes', ''])(
    'getBooleanInput of %j',
    (value) => {
      process.env.INPUT_FLAG = value
      expectSame((a) => a.getBooleanInput('flag'))
    }
  )

  it.each(['1', 'true', '0', undefined])(
    'isDebug reads RUNNER_DEBUG=1 only: %j',
    async (value) => {
      const [ours, theirs] = await withEnv({ RUNNER_DEBUG: value }, () => [
        core.isDebug(),
        actions.isDebug()
      ])
      expect(ours).toBe(theirs)
    }
  )

  it('group wraps what it runs, and ends the group when that throws', async () => {
    const run = async (api: Api) => {
      stdout.clear()
      const value = await api.group('Name %::', () => Promise.resolve(7))
      const failed = await api
        .group('Other', () => Promise.reject(new Error('no')))
        .catch((error: unknown) => String(error))
      return { value, failed, stdout: stdout.text() }
    }
    expect(await run(core)).toEqual(await run(actions))
  })

  it('shares the index’s summary', () => {
    expect(core.summary).toBe(actions.summary)
  })
})

describe('setOutput heredoc', () => {
  const write = (value: string) => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'core-')), 'out')
    writeFileSync(file, '')
    process.env.GITHUB_OUTPUT = file
    core.setOutput('name', value)
    return readFileSync(file, 'utf8')
  }

  it('draws another delimiter when the value holds the one drawn, where @actions/core throws', () => {
    const zeros = `ghadelimiter_${'0'.repeat(32)}`
    const random = jest
      .spyOn(Math, 'random')
      .mockReturnValueOnce(0)
      .mockReturnValueOnce(0)
      .mockReturnValueOnce(0)
      .mockReturnValueOnce(0)
      .mockReturnValue(0.5)
    try {
      const value = `a\n${zeros}\nb=c`
      const text = write(value)

      const other = `ghadelimiter_${'80000000'.repeat(4)}`
      expect(text).toBe(`name<<${other}\n${value}\n${other}\n`)
      expect(parseFileCommands(text)).toEqual({ name: value })
      expect(random).toHaveBeenCalledTimes(8)
    } finally {
      random.mockRestore()
    }
  })

  it('draws a new delimiter for every output', () => {
    const [a, b] = [write('x'), write('x')].map(
      (text) => /^name<<(ghadelimiter_[0-9a-f]{32})\n/.exec(text)?.[1]
    )

    expect(a).toBeDefined()
    expect(b).toBeDefined()
    expect(a).not.toBe(b)
  })
})

it('setOutput to a missing output file fails as @actions/core does', () => {
  const missing = path.join(tmpdir(), 'no-such-dir-for-core', 'out')
  const attempt = (api: Api) => () => {
    process.env.GITHUB_OUTPUT = missing
    api.setOutput('name', 'value')
  }

  expect(attempt(core)).toThrow(`Missing file at path: ${missing}`)
  expect(attempt(actions)).toThrow(`Missing file at path: ${missing}`)
})
