import type { RunContext } from '../src/context.js'
import type { Inputs } from '../src/inputs.js'

/** The action.yml defaults as a parsed Inputs object; tests override what they need. */
export const DEFAULT_INPUTS: Readonly<Inputs> = {
  apiKey: 'mtd_demo_key',
  environment: 'production',
  strategy: 'auto',
  base: undefined,
  head: undefined,
  tagPattern: undefined,
  commitSource: 'auto',
  paths: [],
  maxCommits: 1000,
  firstDeployment: 'head',
  isTest: false,
  deployedAt: undefined,
  title: undefined,
  tags: [],
  dryRun: false,
  onError: 'fail',
  apiUrl: new URL('https://integrations.multitudes.co/deployment'),
  githubToken: 'ghs_test',
  verify: false,
  recordCheck: true,
  timeoutSeconds: 30,
  maxAttempts: 4,
  workingDirectory: undefined
}

export function testInputs(overrides: Partial<Inputs> = {}): Inputs {
  return { ...DEFAULT_INPUTS, ...overrides }
}

export function testContext(overrides: Partial<RunContext> = {}): RunContext {
  return {
    eventName: 'workflow_dispatch',
    sha: '',
    ref: 'refs/heads/main',
    repository: 'octo-org/octo-repo',
    serverUrl: 'https://github.com',
    runId: 4242,
    eventHead: undefined,
    eventWarning: undefined,
    pushBefore: undefined,
    deletedRef: false,
    headFromCheckout: false,
    notDeployed: undefined,
    eventEnvironment: undefined,
    eventDeploymentId: undefined,
    ownRunIds: [overrides.runId ?? 4242],
    eventTime: undefined,
    ...overrides
  }
}
