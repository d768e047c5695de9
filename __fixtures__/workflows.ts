import { readFileSync } from 'node:fs'
import { parse } from 'yaml'

export interface Step {
  id?: string
  name?: string
  uses?: string
  run?: string
  env?: Record<string, string>
  if?: string
  with?: Record<string, unknown>
}
export interface Workflow {
  on: Record<
    string,
    { inputs?: Record<string, { default?: string | number | boolean }> }
  >
  jobs: Record<string, { steps: Step[]; environment?: string }>
}

/** A workflow file of this repository, parsed (e.g. `.github/workflows/ci.yml`). */
export function readWorkflow(file: string): Workflow {
  return parse(
    readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')
  ) as Workflow
}

/**
 * The `with:` of the step that runs the action (by `id`, else the one that uses this action),
 * its `${{ }}` expressions evaluated from `values`; an expression without a value throws.
 */
export function actionInputs(
  wf: Workflow,
  values: Record<string, string>,
  id?: string
): Record<string, string> {
  const steps = Object.values(wf.jobs).flatMap((j) => j.steps)
  const step =
    id === undefined
      ? steps.find((s) => s.uses?.includes('deployment-action'))
      : steps.find((s) => s.id === id)
  if (!step?.with) throw new Error('no step runs the action')
  return evaluate(step.with, values)
}

/** A mapping's `${{ }}` expressions evaluated from `values`; an expression without one throws. */
export function evaluate(
  mapping: Record<string, unknown>,
  values: Record<string, string>
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(mapping).map(([name, raw]) => [
      name,
      String(raw).replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_m, expr: string) => {
        if (!(expr in values)) throw new Error(`no value for ${expr}`)
        return values[expr]
      })
    ])
  )
}
