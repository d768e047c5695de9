import { say } from './untrusted.js'
import * as github from '@actions/github'
import { toRunContext } from './context.js'
import { createDeps, type Deps } from './deps.js'
import { execute } from './execute.js'
import { readInput, type Inputs } from './inputs.js'
import { setOutputs } from './outputs.js'
import { writeSummary } from './summary.js'

/** The action: inputs from the runner, results as outputs, a job summary and the exit status. */
export async function run(
  makeDeps: (inputs: Inputs, repository?: string) => Deps = createDeps,
  now: () => Date = () => new Date()
): Promise<void> {
  const ctx = toRunContext(github.context)
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
