import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { inputEnv } from '../dev/runner/inputs.ts'

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

/**
 * Runs `fn` with process.env's `vars` set (undefined unsets one), then puts each back as it was,
 * whether `fn` returns or throws.
 */
export async function withEnv<T>(
  vars: Record<string, string | undefined>,
  fn: () => T | Promise<T>
): Promise<T> {
  const saved = Object.fromEntries(
    Object.keys(vars).map((name) => [name, process.env[name]])
  )
  const assign = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  }
  assign(vars)
  try {
    return await fn()
  } finally {
    assign(saved)
  }
}
