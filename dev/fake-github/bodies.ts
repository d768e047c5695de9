/**
 * Response bodies of the fake GitHub API: GitHub's published examples (@octokit/openapi,
 * extracted into github-openapi-examples.json) with the fields each test needs replaced.
 */
import { readFileSync } from 'node:fs'
import type {
  FakeCommit,
  FakeDeployment,
  FakeRelease,
  FakeWorkflowRun
} from './types.ts'

export const { examples } = JSON.parse(
  readFileSync(
    new URL('../github-openapi-examples.json', import.meta.url),
    'utf8'
  )
) as { examples: Record<string, Record<string, unknown>> }

export function deploymentBody(d: FakeDeployment): unknown {
  return {
    ...examples.deployment,
    id: d.id,
    sha: d.sha,
    ref: d.sha,
    environment: d.environment,
    original_environment: d.environment,
    ...(d.created_at ? { created_at: d.created_at } : {})
  }
}

export function statusBody(
  s: FakeDeployment['statuses'][number],
  id: number
): unknown {
  return {
    ...examples['deployment-status'],
    id,
    state: s.state,
    log_url: s.log_url ?? '',
    target_url: s.log_url ?? '',
    ...(s.created_at ? { created_at: s.created_at } : {})
  }
}

export function releaseBody(r: FakeRelease, id: number): unknown {
  return {
    ...examples.release,
    id,
    tag_name: r.tag_name,
    name: r.tag_name,
    draft: r.draft ?? false,
    prerelease: r.prerelease ?? false,
    published_at: r.published_at
  }
}

export function runBody(r: FakeWorkflowRun): unknown {
  return {
    ...examples['workflow-run'],
    id: r.id,
    run_number: r.id % 10_000,
    head_sha: r.head_sha,
    head_branch: r.head_branch,
    path: `.github/workflows/${r.workflow}@${r.head_branch}`,
    status: 'completed',
    conclusion: r.conclusion,
    created_at: r.created_at,
    updated_at: r.updated_at,
    run_attempt: r.run_attempt ?? 1
  }
}

export function commitBody(c: FakeCommit): unknown {
  const example = (
    examples['commit-comparison'].commits as Record<string, unknown>[]
  )[0]
  const commit = example.commit as Record<string, Record<string, unknown>>
  return {
    ...example,
    sha: c.sha,
    commit: {
      ...commit,
      message: c.message,
      author: { ...commit.author, date: c.date },
      committer: { ...commit.committer, date: c.date }
    }
  }
}
