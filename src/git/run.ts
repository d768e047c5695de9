import { GitError, GitNotFoundError } from '../errors.js'

export interface RunResult {
  exitCode: number
  stdout: string
  stderr: string
}

export interface RunOptions {
  /** Exit codes that are answers, not failures. */
  ok?: number[]
  input?: string
  /** Takes stdout as it comes (it is then not kept in the result). */
  onStdout?: (chunk: Buffer) => void
}

/** Runs one git command in the checkout; a failure is a GitError with its arguments and stderr. */
export type GitRunner = (
  args: string[],
  options?: RunOptions
) => Promise<RunResult>

/**
 * @actions/exec and @actions/io, loaded on the first use: with them come child_process, assert
 * and the modules they pull in, which a run that stops at its inputs never needs (a few ms).
 */
const toolkit = async () => {
  const [exec, io] = await Promise.all([
    import('@actions/exec'),
    import('@actions/io')
  ])
  return { exec, io }
}

/**
 * Longer than 40 lines as a whole, short in its parts: the git binary is located once per PATH and
 * shared by every call, whose spawn, output caps and error are the one function returned.
 */
export function createGitRunner(cwd: string): GitRunner {
  // Found once per PATH: given a bare name, exec() searches every PATH directory on each call.
  let found: { path: string | undefined; git: Promise<string> } | undefined
  const locate = (path: string | undefined): Promise<string> => {
    if (found === undefined || found.path !== path)
      found = { path, git: toolkit().then(({ io }) => io.which('git', true)) }
    return found.git
  }
  // Started now, so the search overlaps whatever the run does before its first git call.
  locate(process.env.PATH).catch(() => undefined)
  return async (args, options = {}) => {
    const env = { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } as {
      [key: string]: string
    }
    const stdout: Buffer[] = []
    const stderr: Buffer[] = []
    const exitCode = await locate(env.PATH)
      .then(async (git) =>
        (await toolkit()).exec.exec(git, args, {
          cwd,
          env,
          silent: true,
          ignoreReturnCode: true,
          input:
            options.input === undefined
              ? undefined
              : Buffer.from(options.input),
          listeners: {
            stdout: options.onStdout ?? ((chunk) => stdout.push(chunk)),
            stderr: (chunk) => stderr.push(chunk)
          }
        })
      )
      .catch((error: unknown) => {
        // @actions/io's which() throws before spawning when git is not on PATH.
        if (/Unable to locate executable file/.test(String(error)))
          throw new GitNotFoundError()
        throw error
      })
    const result = {
      exitCode,
      stdout: Buffer.concat(stdout).toString('utf8'),
      stderr: Buffer.concat(stderr).toString('utf8')
    }
    if (!(options.ok ?? [0]).includes(exitCode)) {
      throw new GitError(args, exitCode, result.stderr)
    }
    return result
  }
}
