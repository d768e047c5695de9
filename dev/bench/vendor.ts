/** The vendor's snippet: rev-list --ancestry-path, bash substitution into JSON, then curl. */
import { spawn } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { KEY } from './context.ts'
import { GIT_ENV } from './repo.ts'

const VENDOR_TIMEOUT_MS = 30_000

const SCRIPT = `
REV_LIST=\`git rev-list --ancestry-path $PREV_DEPLOY..$CURRENT_DEPLOY\`
REV_LIST=[\\"\${REV_LIST//[^a-f0-9]/\\", \\"}\\"]
curl --silent --show-error --request POST --fail-with-body --url "$URL" \\
  --header "Content-Type: application/json" --header "Authorization: $MULTITUDES_API_KEY" \\
  --data "{\\"commitSha\\": $REV_LIST, \\"environmentName\\": \\"production\\"}" > /dev/null`

export async function vendorSnippet(
  cwd: string,
  base: string,
  head: string,
  url: string
): Promise<{ ms: number; ok: boolean; error: string }> {
  const start = performance.now()
  const child = spawn('bash', ['-c', SCRIPT], {
    cwd,
    env: {
      ...GIT_ENV,
      PREV_DEPLOY: base,
      CURRENT_DEPLOY: head,
      URL: url,
      MULTITUDES_API_KEY: KEY
    },
    stdio: ['ignore', 'ignore', 'pipe']
  })
  let stderr = ''
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
  const timer = setTimeout(() => child.kill('SIGKILL'), VENDOR_TIMEOUT_MS)
  const code = await new Promise<number | null>((resolve) =>
    child.on('close', resolve)
  )
  clearTimeout(timer)
  const elapsed = performance.now() - start
  const error =
    code === null
      ? 'timed out'
      : code !== 0
        ? (stderr.trim().split('\n').pop() ?? `exit ${code}`)
        : ''
  return { ms: elapsed, ok: error === '', error }
}

/** The snippet as one side of a race in turns: a run that fails stops the bench. */
export const vendorSide =
  (cwd: string, base: string, head: string, url: string) =>
  async (): Promise<void> => {
    const r = await vendorSnippet(cwd, base, head, url)
    if (!r.ok) throw new Error(`The vendor snippet failed: ${r.error}`)
  }
