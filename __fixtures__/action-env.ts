import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { inputEnv } from '../dev/run-action.ts'

interface ActionMetadata {
  inputs: Record<
    string,
    { description: string; required?: boolean; default?: string }
  >
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string }
}

export const actionYml = parse(
  readFileSync(new URL('../action.yml', import.meta.url), 'utf8')
) as ActionMetadata

/** Sets INPUT_* variables the way the runner does (action.yml defaults, then `with:`). */
export function setInputs(values: Record<string, string>): void {
  clearInputs()
  Object.assign(process.env, inputEnv(values))
}

export function clearInputs(): void {
  for (const key of Object.keys(process.env)) {
    if (key.startsWith('INPUT_')) delete process.env[key]
  }
}
