import { createRequire } from 'node:module'

interface ExampleGroup {
  name: string
  examples: Record<string, unknown>[]
}

const examples = createRequire(import.meta.url)(
  '@octokit/webhooks-examples'
) as ExampleGroup[]

/**
 * A published GitHub webhook example (from @octokit/webhooks-examples), deep-copied, with the
 * fields a test needs replaced.
 */
export function webhookExample(
  name: string,
  overrides: Record<string, unknown> = {},
  pick: (example: Record<string, unknown>) => boolean = () => true
): Record<string, unknown> {
  const group = examples.find((g) => g.name === name)
  const example = group?.examples.find(pick)
  if (!example) throw new Error(`no published example for ${name}`)
  return {
    ...structuredClone<Record<string, unknown>>(example),
    ...overrides
  }
}

/** A push of `before`..`after` to main, built on the published push example. */
export function pushEvent(
  before: string,
  after: string
): Record<string, unknown> {
  return webhookExample(
    'push',
    { ref: 'refs/heads/main', before, after, created: false, deleted: false },
    (e) => e.ref === 'refs/heads/master'
  )
}

/**
 * A `deployment_status` event for deployment 50 of `sha`, built on the published example of a
 * success.
 */
export function deploymentStatusEvent(
  sha: string,
  state: string,
  environment: string,
  createdAt = '2026-11-29T10:00:00+01:00'
): Record<string, unknown> {
  const example = webhookExample(
    'deployment_status',
    {},
    (e) => (e.deployment_status as { state: string }).state === 'success'
  )
  return {
    ...example,
    deployment: {
      ...(example.deployment as object),
      id: 50,
      sha,
      environment
    },
    deployment_status: {
      ...(example.deployment_status as object),
      state,
      environment,
      created_at: createdAt
    }
  }
}
