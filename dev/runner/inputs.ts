/** A step's inputs as the runner passes them: INPUT_<NAME> variables, defaults from action.yml. */
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'

interface ActionInput {
  default?: string
}

function actionDefaults(): Record<string, string> {
  const meta = parse(
    readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')
  ) as {
    inputs: Record<string, ActionInput>
  }
  return Object.fromEntries(
    Object.entries(meta.inputs).map(([name, input]) => [
      name,
      input.default ?? ''
    ])
  )
}

/**
 * INPUT_<NAME> variables as the runner sets them: every input of action.yml, from `with:` or its
 * default, with `${{ github.token }}` filled in.
 */
export function inputEnv(
  values: Record<string, string>,
  token = 'ghs_runner_token'
): Record<string, string> {
  return Object.fromEntries(
    Object.entries({ ...actionDefaults(), ...values }).map(([name, value]) => [
      `INPUT_${name.replace(/ /g, '_').toUpperCase()}`,
      value === '${{ github.token }}' ? token : value
    ])
  )
}
