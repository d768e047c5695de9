import type { DeploymentPayload } from '../src/deployment.js'
import { emptyReport, type Failure, type Report } from '../src/report.js'
import type { CommitRange } from '../src/range/types.js'

export const HEAD = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1'
export const MID = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2'
export const BASE = 'ccccccccccccccccccccccccccccccccccccccc3'

export const RANGE: CommitRange = {
  head: HEAD,
  base: BASE,
  baseRef: BASE,
  baseSource: 'push',
  status: 'ahead',
  shas: [HEAD, MID],
  total: 2,
  truncated: false,
  source: 'git'
}

export const PAYLOAD: DeploymentPayload = {
  commitSha: [HEAD, MID],
  environmentName: 'production',
  deployedAt: '2026-11-30T09:15:00.000Z'
}

/** A report as a successful run leaves it. */
export function reportedRun(overrides: Partial<Report> = {}): Report {
  return {
    ...emptyReport('https://github.com', 'octo-org/octo-repo'),
    environment: 'production',
    strategy: 'auto',
    range: RANGE,
    payload: PAYLOAD,
    commits: [
      {
        sha: HEAD,
        author: 'Ada Lovelace',
        subject: 'Merge pull request #12 from octo/feature'
      },
      {
        sha: MID,
        author: 'Grace <Hopper>',
        subject: 'Fix the <b>parser</b> (#11)'
      }
    ],
    post: {
      status: 201,
      body: '{"message":"Created successfully"}',
      requestId: 'req-1',
      attempts: 1,
      complete: true
    },
    ...overrides
  }
}

/** A failure as describeFailure leaves it: `message`, and only what `details` adds. */
export function failureOf(
  message: string,
  details: Partial<Failure> = {}
): Failure {
  return {
    message,
    hint: undefined,
    status: undefined,
    body: '',
    requestId: undefined,
    fields: [],
    outage: false,
    input: false,
    ...details
  }
}
