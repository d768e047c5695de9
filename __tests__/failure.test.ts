/** What a run says about anything thrown: the message, what to do, and how it counts. */
import { describe, expect, it } from '@jest/globals'
import {
  ApiError,
  CommitRangeError,
  GitError,
  InputError
} from '../src/errors.js'
import { describeFailure } from '../src/failure.js'
import { GitHubApiError } from '../src/github/api.js'
import { failureOf } from '../__fixtures__/reports.js'

const api = (status: number | undefined, unknown = false): ApiError =>
  new ApiError(`answered ${status}`, {
    status,
    body: '{"errors":["x"]}',
    requestId: 'req-1',
    attempts: 2,
    fields: [{ field: 'x', message: 'invalid' }],
    unknown
  })

describe('describeFailure', () => {
  it('an API rejection keeps the answer: status, body, request id and fields', () => {
    expect(describeFailure(api(400))).toEqual(
      failureOf('answered 400', {
        hint: 'Fix the fields named above; nothing was recorded.',
        status: 400,
        body: '{"errors":["x"]}',
        requestId: 'req-1',
        fields: [{ field: 'x', message: 'invalid' }]
      })
    )
  })

  it.each([
    [
      401,
      false,
      'Generate a key in Multitudes under Settings > Integrations > Deployments API and store it as the MULTITUDES_API_KEY secret.'
    ],
    [
      403,
      false,
      'Generate a key in Multitudes under Settings > Integrations > Deployments API and store it as the MULTITUDES_API_KEY secret.'
    ],
    [404, false, undefined],
    [
      503,
      true,
      "Multitudes did not record the deployment. Re-run the job when the API is back: the run reads Multitudes' record first, so a re-run never sends it twice."
    ],
    [
      undefined,
      true,
      "Multitudes did not record the deployment. Re-run the job when the API is back: the run reads Multitudes' record first, so a re-run never sends it twice."
    ]
  ])(
    'an API answer %s is an outage: %s, and says %s',
    (status, outage, hint) => {
      expect(describeFailure(api(status))).toMatchObject({ outage, hint })
    }
  )

  it('an answer that may have been recorded says to look before re-running', () => {
    expect(describeFailure(api(undefined, true)).hint).toMatch(
      /^Whether the deployment was recorded is unknown: look for it in Multitudes/
    )
  })

  it('a GitHub API error keeps its hint and whether it is an outage', () => {
    expect(
      describeFailure(
        new GitHubApiError('GitHub answered 502', 'Re-run later.', 502, true)
      )
    ).toMatchObject({ hint: 'Re-run later.', outage: true, input: false })
  })

  it('an input error is the user’s to fix, and says nothing was sent', () => {
    expect(describeFailure(new InputError("Invalid 'x'"))).toEqual(
      failureOf("Invalid 'x'", {
        hint: 'Fix the input in the workflow file; nothing was sent.',
        input: true
      })
    )
  })

  it('other errors: a hinted one keeps its hint, git points at the checkout, the rest have none', () => {
    expect(
      describeFailure(new CommitRangeError('shallow', 'Fetch more.'))
    ).toMatchObject({ hint: 'Fetch more.', input: false, outage: false })
    expect(describeFailure(new GitError(['log'], 128, 'fatal')).hint).toBe(
      'Check that the step runs in a git checkout (actions/checkout with fetch-depth: 0) owned by the runner user.'
    )
    expect(describeFailure('a string')).toMatchObject({
      message: 'a string',
      hint: undefined,
      outage: false,
      input: false
    })
  })
})
