/**
 * `npm run bench`: measures the action against its references and writes BENCHMARKS.md.
 * `npm run bench -- --smoke`: the smallest sizes only, to keep the script working (CI). It judges
 *   only the budgets that hold at any size (counts of requests, git processes and POSTs, the
 *   outputs' size); timed budgets are left to the full run.
 * `npm run bench -- --check`: exits 1 when a budget judged in the run is missed.
 * `npm run bench -- --only startup,ranges`: some groups only (BENCHMARKS.md is not written).
 * Every figure is a sample of runs (n, min, median); every comparison is a ratio measured in
 * this run; every verdict is computed from the figure. The cases live in dev/bench/, a file per
 * group; hand-written analysis lives in docs/benchmark-notes.md, which this script never writes.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { backfill } from './bench/backfill.ts'
import { sizes, type Bench } from './bench/context.ts'
import { compare, compareCapped, previousDeployment } from './bench/github.ts'
import { rangeSizes } from './bench/ranges.ts'
import { multitudesRecord } from './bench/record.ts'
import { generateRepo } from './bench/repo.ts'
import { Report } from './bench/report.ts'
import { shallow } from './bench/shallow.ts'
import { startup } from './bench/startup.ts'
import { startMultitudesServer } from './multitudes-server.ts'
import { ACTION_DIR } from './run-action.ts'

const GROUPS: Record<string, (bench: Bench) => Promise<void>> = {
  startup,
  ranges: rangeSizes,
  shallow,
  compare,
  'compare-capped': compareCapped,
  'previous-deployment': previousDeployment,
  record: multitudesRecord,
  backfill
}

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    check: { type: 'boolean', default: false },
    only: { type: 'string' }
  }
})
const only = values.only?.split(',') ?? Object.keys(GROUPS)
const unknown = only.filter((name) => !(name in GROUPS))
if (unknown.length > 0)
  throw new Error(
    `--only: no group ${unknown.join(', ')}; the groups are ${Object.keys(GROUPS).join(', ')}`
  )

if (!existsSync(path.join(ACTION_DIR, 'dist/index.js')))
  execFileSync('npm', ['run', '-s', 'build'], {
    cwd: ACTION_DIR,
    stdio: 'inherit'
  })
const smoke = values.smoke
const root = mkdtempSync(path.join(tmpdir(), 'bench-'))
const report = new Report(values.smoke)
const server = await startMultitudesServer()
try {
  const size = sizes(smoke)
  console.log(
    `Generating a ${size.repoSize.toLocaleString('en')}-commit repository…`
  )
  const repo = generateRepo(path.join(root, 'origin'), size.repoSize)
  const bench: Bench = { ...size, smoke, root, report, server, repo }
  for (const name of only) await GROUPS[name](bench)
} finally {
  await server.close()
  rmSync(root, { recursive: true, force: true })
}

console.log(`\n${report.verdicts}`)
if (smoke) console.log('\n' + report.table())
else if (values.only === undefined) await report.write()
process.exitCode = report.exitCode(values.check)
