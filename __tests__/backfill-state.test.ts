/** The backfill state file on its own: keys, appends that survive a cut line, and the lock. */
import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  defaultStateFile,
  openState,
  readState,
  stateKey,
  StateFileError,
  type Target
} from '../src/backfill/state.js'

const dir = () => mkdtempSync(path.join(tmpdir(), 'state-'))
const target: Target = {
  apiUrl: 'https://integrations.multitudes.co/deployment',
  environment: 'Production',
  isTest: false,
  repository: 'octo-org/octo-repo'
}

describe('stateKey', () => {
  it.each<[string, Partial<Target>]>([
    ['another API', { apiUrl: 'http://127.0.0.1:8080/deployment' }],
    ['another environment', { environment: 'staging' }],
    ['a test run', { isTest: true }],
    ['another repository', { repository: 'octo-org/other' }]
  ])('differs for %s', (_name, change) => {
    expect(stateKey({ ...target, ...change }, 'tag v1')).not.toBe(
      stateKey(target, 'tag v1')
    )
  })

  it('differs for another deployment of the same target, and not for the case of the environment', () => {
    expect(stateKey(target, 'tag v2')).not.toBe(stateKey(target, 'tag v1'))
    expect(stateKey({ ...target, environment: 'production' }, 'tag v1')).toBe(
      stateKey(target, 'tag v1')
    )
  })
})

describe('openState', () => {
  it('after a cut line, the next line starts on a line of its own', () => {
    const file = path.join(dir(), 'state.jsonl')
    writeFileSync(file, `{"key":"a"}\n{"key":"b`)

    const state = openState(file)
    state.record({ key: 'c' })
    state.record({ key: 'd' })
    state.close()

    expect(readFileSync(file, 'utf8')).toBe(
      `{"key":"a"}\n{"key":"b\n{"key":"c"}\n{"key":"d"}\n`
    )
    expect(readState(file)).toEqual(new Set(['a', 'c', 'd']))
  })

  it('reads what is recorded under the lock', () => {
    const file = path.join(dir(), 'state.jsonl')
    writeFileSync(file, `{"key":"a"}\nnot json\n{"other":1}\n`)

    const state = openState(file)

    expect(state.done).toEqual(new Set(['a']))
    state.close()
  })

  it('a second open of the same file is refused while the first holds it, and allowed after', () => {
    const file = path.join(dir(), 'state.jsonl')
    const first = openState(file)

    expect(() => openState(file)).toThrow(
      new RegExp(
        `Another backfill \\(process ${process.pid}\\) is using this state file`
      )
    )
    first.close()
    expect(() => openState(file).close()).not.toThrow()
  })

  it('a lock left by a process that is gone is taken over', () => {
    const file = path.join(dir(), 'state.jsonl')
    const gone = spawnSync(
      process.execPath,
      ['-e', 'process.stdout.write(String(process.pid))'],
      {
        encoding: 'utf8'
      }
    ).stdout
    writeFileSync(`${file}.lock`, gone)

    const state = openState(file)
    state.record({ key: 'a' })
    state.close()

    expect(readState(file)).toEqual(new Set(['a']))
  })

  it('a file that cannot be written is a StateFileError naming it, before anything is sent', () => {
    const blocker = path.join(dir(), 'file')
    writeFileSync(blocker, '')
    const file = path.join(blocker, 'state.jsonl')

    expect(() => openState(file)).toThrow(StateFileError)
    expect(() => openState(file)).toThrow(
      `The state file ${file} cannot be written`
    )
  })
})

describe('openState, the edges', () => {
  it('appends to a whole file without a blank line, and starts a new one without a leading newline', () => {
    const folder = dir()
    const whole = path.join(folder, 'whole.jsonl')
    const fresh = path.join(folder, 'fresh.jsonl')
    writeFileSync(whole, '{"key":"a"}\n')

    for (const file of [whole, fresh]) {
      const state = openState(file)
      state.record({ key: 'b' })
      state.close()
    }

    expect(readFileSync(whole, 'utf8')).toBe('{"key":"a"}\n{"key":"b"}\n')
    expect(readFileSync(fresh, 'utf8')).toBe('{"key":"b"}\n')
    expect(existsSync(`${whole}.lock`)).toBe(false)
  })

  it('a missing state file reads as nothing posted', () => {
    expect(readState(path.join(dir(), 'none.jsonl'))).toEqual(new Set())
  })

  it.each([['not a number'], ['0'], ['-1'], ['']])(
    'a lock that names no live process (%j) is taken over',
    (owner) => {
      const file = path.join(dir(), 'state.jsonl')
      writeFileSync(`${file}.lock`, owner)

      openState(file).close()

      expect(existsSync(`${file}.lock`)).toBe(false)
    }
  )

  it('a state file that is a folder: a StateFileError, and the lock is let go', () => {
    const folder = dir()
    const file = path.join(folder, 'state.jsonl')
    mkdirSync(file)

    expect(() => openState(file)).toThrow(
      new RegExp(
        `^The state file ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} cannot be written \\(EISDIR`
      )
    )
    expect(existsSync(`${file}.lock`)).toBe(false)
    expect(readdirSync(folder)).toEqual(['state.jsonl'])
  })

  it('makes the folders of a state file that are not there yet', () => {
    const file = path.join(dir(), 'state', 'of', 'backfills.jsonl')

    const state = openState(file)
    state.record({ key: 'k' })
    state.close()

    expect(readState(file)).toEqual(new Set(['k']))
  })

  it('closes quietly when its lock was removed meanwhile, as the lock message allows', () => {
    const file = path.join(dir(), 'state.jsonl')
    const state = openState(file)
    rmSync(`${file}.lock`)

    expect(() => state.close()).not.toThrow()
    expect(existsSync(`${file}.lock`)).toBe(false)
  })

  it('the lock held by a live process names it and says how to go on', () => {
    const file = path.join(dir(), 'state.jsonl')
    writeFileSync(`${file}.lock`, String(process.ppid))

    let message = ''
    try {
      openState(file)
    } catch (error) {
      message = `${(error as StateFileError).message} ${(error as StateFileError).hint}`
    }

    expect(message).toBe(
      `Another backfill (process ${process.ppid}) is using this state file. Nothing was sent, so no deployment goes out twice. Wait for it to end, or remove ${file}.lock if that process is not a backfill.`
    )
  })
})

describe('StateFileError', () => {
  it('names itself, and every way the file fails says how to go on', () => {
    const folder = dir()
    const notAFolder = path.join(folder, 'file')
    writeFileSync(notAFolder, '')
    const isAFolder = path.join(folder, 'state.jsonl')
    mkdirSync(isAFolder)
    const caught = (file: string): StateFileError => {
      try {
        openState(file)
      } catch (error) {
        return error as StateFileError
      }
      throw new Error('openState did not fail')
    }

    const lock = caught(path.join(notAFolder, 'state.jsonl'))
    const open = caught(isAFolder)

    expect(lock.name).toBe('StateFileError')
    expect(lock.message).toMatch(
      /its lock .*state\.jsonl\.lock cannot be made \(ENOTDIR: .*\)\. Nothing was sent\.$/
    )
    expect([lock.hint, open.hint]).toEqual([
      'Pass --state-file with a path in a writable folder.',
      'Pass --state-file with a path in a writable folder.'
    ])
  })
})

describe('defaultStateFile', () => {
  const target = { repository: 'octo-org/octo-repo', environment: 'production' }

  it('lives in the XDG state folder, else ~/.local/state, never in the clone', () => {
    expect(
      defaultStateFile({ XDG_STATE_HOME: '/x/state' }, '/home/u', target)
    ).toMatch(
      /^\/x\/state\/multitudes-deployment-action\/backfill-octo-org_octo-repo-production-[0-9a-f]{8}\.jsonl$/
    )
    expect(defaultStateFile({}, '/home/u', target)).toMatch(
      /^\/home\/u\/\.local\/state\/multitudes-deployment-action\/backfill-octo-org_octo-repo-production-[0-9a-f]{8}\.jsonl$/
    )
  })

  it('is in RUNNER_TEMP in GitHub Actions only', () => {
    const actions = { GITHUB_ACTIONS: 'true', RUNNER_TEMP: '/runner/tmp' }
    expect(defaultStateFile(actions, '/home/u', target)).toMatch(
      /^\/runner\/tmp\/backfill-/
    )
    expect(
      defaultStateFile({ RUNNER_TEMP: '/runner/tmp' }, '/home/u', target)
    ).toMatch(/^\/home\/u\/\.local\/state\//)
  })

  it('is one file per repository and environment, even where their names read alike', () => {
    const files = [
      target,
      { ...target, environment: 'staging' },
      { ...target, repository: 'octo-org/other' },
      { repository: 'octo-org_octo-repo', environment: 'production' }
    ].map((t) => defaultStateFile({}, '/h', t))

    expect(new Set(files).size).toBe(4)
    // Environments are one name whatever their case, as in the state key.
    expect(
      defaultStateFile({}, '/h', { ...target, environment: 'PRODUCTION' })
    ).toBe(files[0])
  })

  it('names the file readably: a run of unsafe characters is one underscore, and the name is cut at 80', () => {
    const odd = { repository: 'org/repo', environment: 'EU  west / prod' }
    const long = { repository: `org/${'r'.repeat(200)}`, environment: 'prod' }

    expect(path.basename(defaultStateFile({}, '/h', odd))).toMatch(
      /^backfill-org_repo-eu_west_prod-[0-9a-f]{8}\.jsonl$/
    )
    expect(path.basename(defaultStateFile({}, '/h', long))).toMatch(
      new RegExp(`^backfill-org_${'r'.repeat(76)}-[0-9a-f]{8}\\.jsonl$`)
    )
  })
})
