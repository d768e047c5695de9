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
