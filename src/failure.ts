import { clip, say } from './untrusted.js'
import {
  ApiError,
  HintedError,
  errorMessage,
  GitError,
  InputError
} from './errors.js'
import { GitHubApiError } from './github/api.js'
import type { OnError } from './inputs.js'
import type { Failure } from './report.js'

/** Field annotations written at most (one more counts the rest). */
const FIELD_ANNOTATIONS = 5

/** Turns anything thrown into a Failure that says what happened and what to do. */
export function describeFailure(error: unknown): Failure {
  const failure: Failure = {
    message: errorMessage(error),
    hint: hintOf(error),
    status: undefined,
    body: '',
    requestId: undefined,
    fields: [],
    outage: false,
    input: error instanceof InputError
  }
  if (error instanceof ApiError) {
    return {
      ...failure,
      status: error.status,
      body: error.body,
      requestId: error.requestId,
      fields: error.fields,
      outage: error.outage
    }
  }
  if (error instanceof GitHubApiError)
    return { ...failure, outage: error.outage }
  return failure
}

/** What to do about it, by the kind of error. */
function hintOf(error: unknown): string | undefined {
  if (error instanceof ApiError) return apiHint(error)
  if (error instanceof HintedError) return error.hint
  if (error instanceof InputError)
    return 'Fix the input in the workflow file; nothing was sent.'
  if (error instanceof GitError)
    return 'Check that the step runs in a git checkout (actions/checkout with fetch-depth: 0) owned by the runner user.'
  return undefined
}

function apiHint(error: ApiError): string | undefined {
  if (error.unknown) {
    return 'Whether the deployment was recorded is unknown: look for it in Multitudes (GET /deployment) before re-running. With record-check on (the default), a re-run reads the record first and sends nothing if it is there.'
  }
  if (error.outage) {
    return "Multitudes did not record the deployment. Re-run the job when the API is back: the run reads Multitudes' record first, so a re-run never sends it twice."
  }
  switch (error.status) {
    case 400:
      return 'Fix the fields named above; nothing was recorded.'
    case 401:
    case 403:
      return 'Generate a key in Multitudes under Settings > Integrations > Deployments API and store it as the MULTITUDES_API_KEY secret.'
    default:
      return undefined
  }
}

/**
 * Annotates a failure as `on-error` asks: errors when the step fails, warnings otherwise.
 * Returns the message to fail the step with, or undefined when the step must not fail.
 */
export function applyOnError(
  failure: Failure,
  onError: OnError
): string | undefined {
  const fails =
    onError === 'fail' || (onError === 'warn-on-outage' && !failure.outage)
  const annotate = fails ? say.error : say.warning
  // GitHub shows at most 10 annotations of a kind per step: name a few, count the rest.
  const shown = failure.fields.slice(0, FIELD_ANNOTATIONS)
  for (const p of shown) {
    annotate(`Field '${clip(p.field, 100)}': ${clip(p.message, 300)}`, {
      title: 'Multitudes rejected a field'
    })
  }
  const more = failure.fields.length - shown.length
  if (more > 0) {
    annotate(
      `… and ${more} more rejected field${more === 1 ? '' : 's'}; the response output has the API's whole answer.`,
      { title: 'Multitudes rejected a field' }
    )
  }
  // Suggest warn-on-outage only where it would change something.
  const hint =
    failure.outage && onError === 'fail'
      ? `${failure.hint ?? ''} 'on-error: warn-on-outage' keeps outages from failing deploys.`.trim()
      : failure.hint
  const message = hint ? `${failure.message} ${hint}` : failure.message
  if (fails) return message
  say.warning(`${message} (on-error: ${onError}, so the step does not fail)`)
  return undefined
}
