import { createHash } from 'node:crypto'
import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync
} from 'node:fs'
import path from 'node:path'
import { HintedError } from '../errors.js'

/** Where the deployments go: a state line counts only for the same target. */
export interface Target {
  apiUrl: string
  environment: string
  isTest: boolean
  repository: string
}

/**
 * The default state file: outside the clone (never an untracked file in it), one per repository
 * and environment. In GitHub Actions, RUNNER_TEMP; elsewhere the XDG state folder.
 */
export function defaultStateFile(
  env: NodeJS.ProcessEnv,
  home: string,
  target: Pick<Target, 'repository' | 'environment'>
): string {
  const folder =
    env.GITHUB_ACTIONS === 'true' && env.RUNNER_TEMP
      ? env.RUNNER_TEMP
      : path.join(
          env.XDG_STATE_HOME || path.join(home, '.local', 'state'),
          'multitudes-deployment-action'
        )
  const environment = target.environment.toLowerCase() // one name whatever its case
  const key = `${target.repository}\n${environment}`
  const readable = `${target.repository}-${environment}`
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .slice(0, 80)
  // The hash keeps apart names that read alike once made safe for a file name.
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 8)
  return path.join(folder, `backfill-${readable}-${hash}.jsonl`)
}

/**
 * What a state line is about: the target and the source's own identity of the deployment (a tag
 * name, a release id, a deployment id, a run id and attempt), never a time that can change.
 */
export const stateKey = (target: Target, id: string): string =>
  JSON.stringify([
    target.apiUrl,
    target.environment.toLowerCase(),
    target.isTest,
    target.repository,
    id
  ])

/** The state file cannot be used: nothing is sent, since what it would record could be lost. */
export class StateFileError extends HintedError {
  override name = 'StateFileError'
}

/** The keys of the deployments a state file says were recorded. A cut line costs only itself. */
export function readState(file: string): Set<string> {
  try {
    return parseState(readFileSync(file, 'utf8'))
  } catch {
    return new Set() // no state file yet: nothing was posted
  }
}

function parseState(text: string): Set<string> {
  const keys = new Set<string>()
  for (const line of text.split('\n')) {
    try {
      const { key } = JSON.parse(line) as { key?: unknown }
      if (typeof key === 'string') keys.add(key)
    } catch {
      // A line cut by a kill mid-write, or one from an older format: Multitudes' record is
      // checked before that deployment is sent again.
    }
  }
  return keys
}

export interface StateWriter {
  /** The keys recorded, read under the lock: what another run posted is in it. */
  readonly done: Set<string>
  /** Appends one line and flushes it to disk before returning. */
  record(line: Record<string, unknown> & { key: string }): void
  /** Closes the file and lets another run take the lock. */
  close(): void
}

/**
 * Opens the state file for appending, before the first POST, so a file that cannot be written
 * stops the run while nothing has been sent. A lock file beside it keeps a second run on the same
 * state away until this one ends (a lock left by a process that is gone is taken over).
 */
export function openState(file: string): StateWriter {
  const lock = `${file}.lock`
  try {
    // The default state folder may not exist yet.
    mkdirSync(path.dirname(file), { recursive: true })
  } catch {
    // takeLock says what is wrong with the folder
  }
  takeLock(file, lock)
  let fd: number
  let text = ''
  try {
    try {
      text = readFileSync(file, 'utf8')
    } catch {
      // a new state file
    }
    fd = openSync(file, 'a')
  } catch (error) {
    rmSync(lock, { force: true })
    throw new StateFileError(
      `The state file ${file} cannot be written (${(error as Error).message}). Nothing was sent.`,
      'Pass --state-file with a path in a writable folder.'
    )
  }
  // A line cut by a kill has no newline: the next line must not join it.
  let needsNewline = text.length > 0 && !text.endsWith('\n')
  return {
    done: parseState(text),
    record(line) {
      writeSync(fd, `${needsNewline ? '\n' : ''}${JSON.stringify(line)}\n`)
      fsyncSync(fd)
      needsNewline = false
    },
    close() {
      closeSync(fd)
      rmSync(lock, { force: true })
    }
  }
}

/**
 * The lock is made whole (with its owner's pid) under another name and linked into place: a run
 * that finds it never reads a lock that is there but still empty.
 */
function takeLock(file: string, lock: string): void {
  const mine = `${lock}.${process.pid}`
  for (let tries = 0; tries < 2; tries++) {
    try {
      writeFileSync(mine, String(process.pid))
      linkSync(mine, lock)
      return
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new StateFileError(
          `The state file ${file} cannot be written: its lock ${lock} cannot be made (${(error as Error).message}). Nothing was sent.`,
          'Pass --state-file with a path in a writable folder.'
        )
      }
      const owner = Number(readFileSync(lock, 'utf8'))
      if (alive(owner)) {
        throw new StateFileError(
          `Another backfill (process ${owner}) is using this state file. Nothing was sent, so no deployment goes out twice.`,
          `Wait for it to end, or remove ${lock} if that process is not a backfill.`
        )
      }
      rmSync(lock, { force: true }) // left by a run that was killed
    } finally {
      try {
        rmSync(mine, { force: true })
      } catch {
        // Never made (its folder is not one): nothing to remove.
      }
    }
  }
  throw new StateFileError(
    `The state file's lock ${lock} could not be taken. Nothing was sent.`,
    'Run the backfill again.'
  )
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
