import * as core from '@actions/core'
import type { Report } from './report.js'

/** Every output as action.yml names it. */
export const OUTPUTS = {
  reported: 'reported',
  status: 'status',
  response: 'response',
  requestId: 'request-id',
  payload: 'payload',
  commitShas: 'commit-shas',
  commitCount: 'commit-count',
  truncated: 'truncated',
  headSha: 'head-sha',
  baseSha: 'base-sha',
  baseSource: 'base-source',
  rangeStatus: 'range-status',
  deployedAt: 'deployed-at',
  skipped: 'skipped'
} as const

/** The value of every output for a report: success, dry run, skip and failure alike. */
export function outputValues(
  report: Report
): Record<(typeof OUTPUTS)[keyof typeof OUTPUTS], string> {
  const { post, failure, payload, range } = report
  const shas = payload?.commitSha ?? []
  return {
    reported: String(post !== undefined),
    status: String(post?.status ?? failure?.status ?? ''),
    response: post?.body ?? failure?.body ?? '',
    'request-id': post?.requestId ?? failure?.requestId ?? '',
    payload: payload ? JSON.stringify(payload) : '',
    'commit-shas': JSON.stringify(shas),
    'commit-count': String(shas.length),
    truncated: String(range?.truncated ?? false),
    'head-sha': range?.head ?? '',
    'base-sha': range?.base ?? '',
    'base-source': range?.baseSource ?? '',
    'range-status': range?.status ?? '',
    'deployed-at': payload?.deployedAt ?? '',
    skipped: report.skipped ?? ''
  }
}

export function setOutputs(report: Report): void {
  for (const [name, value] of Object.entries(outputValues(report))) {
    core.setOutput(name, value)
  }
}
