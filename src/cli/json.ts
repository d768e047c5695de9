import type { outputValues } from '../outputs.js'

type Outputs = ReturnType<typeof outputValues>

function parsed(text: string): unknown {
  if (text === '') return null
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

const orNull = (text: string): string | null => (text === '' ? null : text)

/**
 * The outputs as `--json` prints them: the action's output names with JSON types. Booleans and
 * numbers are typed; `commit-shas`, `payload` and `response` are parsed when they are JSON; an
 * empty output is null.
 */
export function typedOutputs(outputs: Outputs): Record<keyof Outputs, unknown> {
  return {
    reported: outputs.reported === 'true',
    status: outputs.status === '' ? null : Number(outputs.status),
    response: parsed(outputs.response),
    'request-id': orNull(outputs['request-id']),
    payload: parsed(outputs.payload),
    'commit-shas': parsed(outputs['commit-shas']),
    'commit-count': Number(outputs['commit-count']),
    truncated: outputs.truncated === 'true',
    'head-sha': orNull(outputs['head-sha']),
    'base-sha': orNull(outputs['base-sha']),
    'base-source': orNull(outputs['base-source']),
    'range-status': orNull(outputs['range-status']),
    'deployed-at': orNull(outputs['deployed-at']),
    skipped: orNull(outputs.skipped),
    'payload-file': orNull(outputs['payload-file'])
  }
}
