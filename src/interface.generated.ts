// Generated from action.yml by `npm run docs`; do not edit.

/** The action's inputs, in action.yml's order. */
export const ACTION_INPUTS = [
  {
    name: 'api-key',
    description:
      'Multitudes API key with the Deployments write scope (an Organization key). Masked at once. Falls back to the MULTITUDES_API_KEY environment variable. Not needed for dry-run.',
    default: '',
    required: false
  },
  {
    name: 'environment',
    description:
      'Environment deployed to, sent as environmentName (trimmed, non-empty).',
    default: '',
    required: true
  },
  {
    name: 'strategy',
    description:
      "How base (what was live before) is found: auto, previous-deployment, multitudes (the newest deployment of this repository in Multitudes' own record), push, base, tag, parent or head.",
    default: 'auto',
    required: false
  },
  {
    name: 'base',
    description:
      'Base ref or SHA for strategy base (with auto, a non-empty base means base).',
    default: '',
    required: false
  },
  {
    name: 'head',
    description:
      'Commit being deployed; empty means from the event (workflow_run, deployment, push...). Refs and tags are peeled to commits.',
    default: '',
    required: false
  },
  {
    name: 'tag-pattern',
    description: 'Glob for strategy tag, e.g. v*.',
    default: '',
    required: false
  },
  {
    name: 'commit-source',
    description:
      'Where commits come from, git (the checkout), api (GitHub compare API) or auto.',
    default: 'auto',
    required: false
  },
  {
    name: 'paths',
    description:
      'Monorepos: newline-separated git pathspecs. Only commits of the range that touch them are sent (head always is). Needs the git source.',
    default: '',
    required: false
  },
  {
    name: 'max-commits',
    description:
      'Cap on the commit list. Over it the newest are kept, truncated is set and a warning gives the true count.',
    default: '1000',
    required: false
  },
  {
    name: 'first-deployment',
    description:
      'When no base exists, head sends only head; fail fails the step. Never the whole history.',
    default: 'head',
    required: false
  },
  {
    name: 'is-test',
    description:
      'Send isTest true, so Multitudes excludes the deployment from metrics.',
    default: 'false',
    required: false
  },
  {
    name: 'deployed-at',
    description:
      "ISO 8601 time of the deployment with a zone; normalised to UTC. Empty means the event's own time (deployment_status created_at, workflow_run updated_at), else when the step started.",
    default: '',
    required: false
  },
  {
    name: 'title',
    description: 'Sent as title when non-empty.',
    default: '',
    required: false
  },
  {
    name: 'tags',
    description:
      'Comma- or newline-separated labels, sent as a JSON array of strings.',
    default: '',
    required: false
  },
  {
    name: 'dry-run',
    description:
      'Do everything but the POST; the summary and payload output show what would be sent.',
    default: 'false',
    required: false
  },
  {
    name: 'on-error',
    description:
      'fail, any error fails the step; warn, never fails the step; warn-on-outage, fails on errors a user must fix (bad input, 400, 401, 403) and warns when the API stays unreachable or 5xx.',
    default: 'fail',
    required: false
  },
  {
    name: 'api-url',
    description:
      'Endpoint. Must be https://, except loopback hosts (for local testing).',
    default: 'https://integrations.multitudes.co/deployment',
    required: false
  },
  {
    name: 'github-token',
    description: 'Token for the GitHub API (deployments, compare).',
    default: '${{ github.token }}',
    required: false
  },
  {
    name: 'verify',
    description:
      'After a 201, read the deployment back with the GET endpoint (three reads of up to 10 pages, within 30 s) and fail if it is not there. Meant for test runs.',
    default: 'false',
    required: false
  },
  {
    name: 'record-check',
    description:
      "Read Multitudes' record (GET /deployment, at most 10 pages and 10 s) before the POST and after an ambiguous failure, so that one deployment is never sent twice; with auto, it is also a source of base. false sends no GET at all (the key needs no read scope then).",
    default: 'true',
    required: false
  },
  {
    name: 'timeout-seconds',
    description: 'Per-request timeout in seconds.',
    default: '30',
    required: false
  },
  {
    name: 'max-attempts',
    description:
      'Attempts for transient failures (network error, timeout, 429, 5xx), with exponential backoff and jitter.',
    default: '4',
    required: false
  },
  {
    name: 'working-directory',
    description:
      'Where the checkout is, relative to GITHUB_WORKSPACE (the path given to actions/checkout). Empty means the workspace.',
    default: '',
    required: false
  }
] as const

/** The action's outputs, in action.yml's order. */
export const ACTION_OUTPUTS = [
  {
    name: 'reported',
    description:
      "true when the API accepted the deployment (201 Created; any other 2xx counts too, with a warning), or when, after an ambiguous failure, Multitudes' record shows it; else false (dry-run and already recorded: false). The status line decides: a 2xx whose body breaks is still reported, and never POSTed again."
  },
  {
    name: 'status',
    description:
      'HTTP status of the last POST attempt; empty when nothing was sent.'
  },
  { name: 'response', description: 'Body of the last response (text).' },
  {
    name: 'request-id',
    description: 'Request id from the response, when it carries one.'
  },
  {
    name: 'payload',
    description:
      'The JSON that was (or, on dry-run, would be) sent; empty past the output budget (see payload-file).'
  },
  {
    name: 'commit-shas',
    description:
      'JSON array of the SHAs sent; empty past the output budget (see payload-file).'
  },
  { name: 'commit-count', description: 'Number of SHAs sent.' },
  { name: 'truncated', description: 'true when max-commits cut the list.' },
  { name: 'head-sha', description: 'Full SHA of head.' },
  { name: 'base-sha', description: 'Full SHA of base; empty when none.' },
  {
    name: 'base-source',
    description:
      'What gave base, input, previous-deployment, multitudes, push, tag, parent or none.'
  },
  {
    name: 'range-status',
    description:
      'ahead, identical, behind (rollback), diverged, first or unavailable.'
  },
  { name: 'deployed-at', description: 'The deployedAt that was sent.' },
  {
    name: 'payload-file',
    description:
      "Path of a JSON file (in RUNNER_TEMP) with the payload that was, or would be, sent. Past 400,000 characters (about 9,000 commits) the payload and commit-shas outputs are left empty, to stay within GitHub's 1 MB of outputs per job, and only this file has them."
  },
  {
    name: 'skipped',
    description:
      'Why nothing was reported on purpose (a failed upstream run, a deployment status that is not success, another environment\'s status, a deleted branch, or "already recorded at <deployedAt>" when Multitudes\' record holds this deployment); empty otherwise.'
  }
] as const
