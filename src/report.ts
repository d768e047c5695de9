import type { DeploymentPayload } from './deployment.js'
import type { FieldProblem } from './errors.js'
import type { CommitDetails } from './git/client.js'
import type { ApiResponse } from './multitudes-client.js'
import type { CommitRange } from './range/types.js'

/** What went wrong, in the words the log, the outputs and the summary share. */
export interface Failure {
  message: string
  /** What to do about it. */
  hint: string | undefined
  status: number | undefined
  body: string
  requestId: string | undefined
  fields: readonly FieldProblem[]
  /** The API was unreachable or failing: `on-error: warn-on-outage` only warns. */
  outage: boolean
  /** A bad input: nothing was sent. */
  input: boolean
}

/** Everything one run learned, filled in as it goes; outputs and summary read only this. */
export interface Report {
  environment: string | undefined
  strategy: string | undefined
  dryRun: boolean
  isTest: boolean
  repository: string | undefined
  serverUrl: string
  title: string | undefined
  tags: string[]
  /** Head and base as far as the run got: the summary shows them when the range failed. */
  resolved: { head?: string; base?: string; baseSource?: string }
  /** Why nothing was reported, when there was nothing to do. */
  skipped: string | undefined
  range: CommitRange | undefined
  commits: CommitDetails[]
  payload: DeploymentPayload | undefined
  post: ApiResponse | undefined
  /** `verify: true` read the deployment back. */
  verified: boolean
  failure: Failure | undefined
}

export function emptyReport(serverUrl: string, repository?: string): Report {
  return {
    environment: undefined,
    strategy: undefined,
    dryRun: false,
    isTest: false,
    repository,
    serverUrl,
    title: undefined,
    tags: [],
    resolved: {},
    skipped: undefined,
    range: undefined,
    commits: [],
    payload: undefined,
    post: undefined,
    verified: false,
    failure: undefined
  }
}
