import { spawn } from 'node:child_process'
import path from 'node:path'
import { ACTION_DIR } from '../dev/run-action.ts'

/** Runs the bundled CLI in `cwd` with only PATH, HOME and `env` set, as a CI would. */
export async function runCli(
  args: string[],
  cwd: string,
  env: Record<string, string> = {}
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(
    process.execPath,
    [path.join(ACTION_DIR, 'dist/cli/index.js'), ...args],
    {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        ...env
      },
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
  const code = await new Promise<number | null>((resolve) =>
    child.on('close', resolve)
  )
  return { code, stdout, stderr }
}
