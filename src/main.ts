import { say } from './untrusted.js'
import { toRunContext, type EventContext } from './context.js'
import { createDeps, type Deps } from './deps.js'
import { PROXY_VARIABLES } from './http.js'
import { execute } from './execute.js'
import { readInput, type Inputs } from './inputs.js'
import { setOutputs } from './outputs.js'
import { writeSummary } from './summary.js'

/** The action: inputs from the runner, results as outputs, a job summary and the exit status. */
export async function run(
  makeDeps: (
    inputs: Inputs,
    repository?: string,
    env?: NodeJS.ProcessEnv
  ) => Deps = createDeps,
  now: () => Date = () => new Date()
): Promise<void> {
  const ctx = toRunContext(await eventContext())
  const { report, failMessage } = await execute(
    readInput,
    process.env,
    ctx,
    makeDeps,
    now
  )
  if (failMessage !== undefined) say.setFailed(failMessage)
  setOutputs(report)
  await writeSummary(report)
}

/**
 * The runner's event context from @actions/github. That module also builds a proxy agent as it
 * loads, which throws on a proxy it cannot use (socks5://) before any input is read. Its Octokit
 * is not used (the GitHub client has the action's own transport, which judges proxies), so it
 * loads with the proxy variables hidden.
 */
async function eventContext(): Promise<EventContext> {
  const hidden = PROXY_VARIABLES.flatMap((name) => {
    const value = process.env[name]
    delete process.env[name]
    return value === undefined ? [] : [[name, value] as const]
  })
  try {
    return (await import('@actions/github')).context
  } finally {
    for (const [name, value] of hidden) process.env[name] = value
  }
}
