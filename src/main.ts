import { say } from './untrusted.js'
import { toRunContext, type EventContext } from './context.js'
import { createDeps, type Deps } from './deps.js'
import { Context } from '../node_modules/@actions/github/lib/context.js'
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
  const ctx = toRunContext(eventContext())
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
 * The runner's event context, from @actions/github's Context class alone: its index also loads
 * Octokit and @actions/http-client (undici, and a proxy agent built from the environment, which
 * throws on a proxy it cannot use before any input is read), and the action uses neither.
 */
function eventContext(): EventContext {
  return new Context()
}
