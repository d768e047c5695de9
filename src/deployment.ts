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
  return payload
}
