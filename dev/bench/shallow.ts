/** A depth-1 clone deepened to its base, against fetching the whole history. */
import { execFileSync } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { runLikeRunner } from '../run-action.ts'
import { check, type Bench } from './context.ts'
import { msSample, ratio, timed, times } from './measure.ts'
import { atLeast } from './verdicts.ts'
import { baseBelow, GIT_ENV } from './repo.ts'

export async function shallow(bench: Bench): Promise<void> {
  const { repo: origin, root, report } = bench
  const { base, size } = baseBelow(origin, 50)
  let fetches = 0
  const ours = await timed(async () => {
    fetches = await deepened(
      bench,
      clone(origin, root, 'shallow-ours'),
      base,
      size
    )
  }, 3)
  const unshallow = await timed(() => {
    const dir = clone(origin, root, 'shallow-unshallow')
    execFileSync('git', ['fetch', '-q', '--unshallow'], {
      cwd: dir,
      env: GIT_ENV
    })
    execFileSync('git', ['rev-list', `${base}..HEAD`], {
      cwd: dir,
      maxBuffer: 1 << 30
    })
  }, 3)
  report.record(
    `Shallow clone (depth 1, ${bench.repoSize.toLocaleString('en')} commits), base 50 back`,
    `${msSample(ours)}, ${fetches} fetch${fetches === 1 ? '' : 'es'}`,
    `git fetch --unshallow: ${msSample(unshallow)}`,
    `${ratio(unshallow.median, ours.median)} faster`,
    3,
    atLeast(unshallow.median / ours.median, 5, times)
  )
}

/** A new depth-1 clone of `origin` in `root/name`. */
function clone(origin: string, root: string, name: string): string {
  const dir = path.join(root, name)
  rmSync(dir, { recursive: true, force: true })
  execFileSync(
    'git',
    ['clone', '-q', '--depth', '1', `file://${origin}`, dir],
    {
      env: GIT_ENV
    }
  )
  return dir
}

/** A dry run of the action over `base..HEAD` in the shallow clone `dir`: the fetches git made. */
async function deepened(
  bench: Bench,
  dir: string,
  base: string,
  size: number
): Promise<number> {
  const trace = path.join(bench.root, 'trace')
  rmSync(trace, { force: true })
  const r = await runLikeRunner({
    workspace: dir,
    inputs: {
      environment: 'production',
      'dry-run': 'true',
      strategy: 'base',
      base
    },
    env: { GIT_TRACE: trace }
  })
  check(r, size)
  return readFileSync(trace, 'utf8')
    .split('\n')
    .filter((l) => /built-in: git fetch/.test(l)).length
}
