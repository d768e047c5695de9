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
  const context = eventContext()
  // Without an event the run cannot know what was deployed: it says so, and sends nothing.
  if (!context.eventName) return say.setFailed(NOT_A_JOB)
  const ctx = toRunContext(context)
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

const NOT_A_JOB =
  'GITHUB_EVENT_NAME is not set, so this is no GitHub Actions job step and the event that deployed cannot be read. Nothing was sent. Run the action as a step of a workflow; on another CI system or on a machine, use the CLI: npx --yes multitudes-deployment-action@1 report --help.'

/**
 * The runner's event context, from @actions/github's Context class alone: its index also loads
 * Octokit and @actions/http-client (undici, and a proxy agent built from the environment, which
 * throws on a proxy it cannot use before any input is read), and the action uses neither.
 */
function eventContext(): EventContext {
  return new Context()
}
