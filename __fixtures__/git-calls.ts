import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { startedBy } from '../dev/git-trace.ts'
import { TestRepo } from './git-repo.js'

/** The git processes `body` starts (not git's own children), by their arguments, from git's trace. */
export async function gitCalls(
  body: () => Promise<unknown>
): Promise<string[]> {
  const trace = path.join(TestRepo.init().dir, 'trace2.json')
  process.env.GIT_TRACE2_EVENT = trace
  try {
    await body()
  } finally {
    delete process.env.GIT_TRACE2_EVENT
  }
  return existsSync(trace) ? startedBy(readFileSync(trace, 'utf8')) : []
}
