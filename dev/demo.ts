/**
 * `npm run demo`: the main job on an embedded default. Builds dist/ when its source hash differs
 * from the working tree's, starts the local Multitudes-compatible API on 127.0.0.1, runs
 * dist/index.js exactly as the runner does against this repository's own history (a push of the
 * last few commits), and prints the outputs, the job summary as text, and what the server stored.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { HASH_FILE, sourceHash } from './source-hash.ts'
import { startFakeGitHub } from './fake-github-api.ts'
import { startMultitudesServer } from './multitudes-server.ts'
import { ACTION_DIR, runLikeRunner } from './run-action.ts'
import { summaryAsText } from './runner/summary-text.ts'

const git = (...args: string[]): string =>
  execFileSync('git', args, { cwd: ACTION_DIR, encoding: 'utf8' }).trim()

/** The source hash dist/ was built from; a fresh clone's file times say nothing. */
function builtFrom(): string {
  try {
    return readFileSync(HASH_FILE, 'utf8').trim()
  } catch {
    return '' // never built
  }
}

if (builtFrom() !== sourceHash()) {
  console.log(
    'dist/ was built from other sources: building it (npm run build) ...'
  )
  execFileSync('npm', ['run', '-s', 'build'], {
    cwd: ACTION_DIR,
    stdio: 'inherit'
  })
}

const head = git('rev-parse', 'HEAD')
const depth = Math.min(5, Number(git('rev-list', '--count', 'HEAD')) - 1)
const before = depth > 0 ? git('rev-parse', `HEAD~${depth}`) : '0'.repeat(40)
const server = await startMultitudesServer()
// A local GitHub API with no deployments yet: `strategy: auto` takes base from the push.
const github = await startFakeGitHub()
try {
  console.log(`Local Multitudes API: ${server.url}`)
  console.log(
    `Deploying ${head.slice(0, 7)}, pushed on top of ${before.slice(0, 7)} (${depth} commits)\n`
  )
  const result = await runLikeRunner({
    workspace: ACTION_DIR,
    eventName: 'push',
    sha: head,
    event: {
      ref: 'refs/heads/main',
      before,
      after: head,
      repository: { full_name: 'octo-org/octo-repo' }
    },
    inputs: {
      environment: 'production',
      'api-key': 'mtd_demo_key',
      'api-url': server.url,
      title: 'Demo deployment'
    },
    env: { GITHUB_API_URL: github.url }
  })
  console.log(
    '--- Action log (debug and mask commands hidden, as the runner hides them) ---'
  )
  const log = result.stdout
    .split('\n')
    .filter((line) => !/^::(debug|add-mask)::/.test(line))
  console.log(log.join('\n').trimEnd())
  console.log(`\n--- Exit code: ${result.exitCode} ---\n\n--- Outputs ---`)
  for (const [name, value] of Object.entries(result.outputs)) {
    // The runner's temp folder, and the payload file in it, are gone once the job ends.
    const shown =
      name === 'payload-file' && value !== ''
        ? `${value} (in RUNNER_TEMP, removed when the job ended)`
        : value
    console.log(`${name}: ${shown}`)
  }
  console.log('\n--- Job summary ---')
  console.log(summaryAsText(result.summary))
  console.log('\n--- Stored by the local API ---')
  console.log(JSON.stringify(server.deployments, null, 2))
  process.exitCode = result.exitCode ?? 1
} finally {
  await Promise.all([server.close(), github.close()])
}
