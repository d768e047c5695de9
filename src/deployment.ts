import type { Inputs } from './inputs.js'

/** The body of POST /deployment, as the vendor documents it. */
export interface DeploymentPayload {
  commitSha: string[]
  environmentName: string
  deployedAt: string
  title?: string
  tags?: string[]
  /** Sent only when true: the vendor excludes any deployment that carries the field. */
  isTest?: true
}

export function buildPayload(
  inputs: Pick<Inputs, 'environment' | 'title' | 'tags' | 'isTest'>,
  commitShas: readonly string[],
  deployedAt: string
): DeploymentPayload {
  const payload: DeploymentPayload = {
    commitSha: [...new Set(commitShas.map((s) => s.toLowerCase()))],
    environmentName: inputs.environment,
    deployedAt
  }
  if (inputs.title !== undefined) payload.title = inputs.title
  if (inputs.tags.length > 0) payload.tags = [...inputs.tags]
  if (inputs.isTest) payload.isTest = true
  // Frozen, so the JSON kept by payloadJson always says what the payload says.
  Object.freeze(payload.commitSha)
  if (payload.tags) Object.freeze(payload.tags)
  return Object.freeze(payload)
}

const texts = new WeakMap<DeploymentPayload, string>()

/**
 * The payload as JSON, built once: at 100,000 commits it is 4 MB, and the POST, the payload-file
 * and the payload output each want it.
 */
export function payloadJson(payload: DeploymentPayload): string {
  let text = texts.get(payload)
  if (text === undefined) {
    text = JSON.stringify(payload)
    texts.set(payload, text)
  }
  return text
}
