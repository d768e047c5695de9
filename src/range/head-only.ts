/** Ranges of head alone: a first deployment, a base that cannot be read, or nothing to send. */
import type { BaseChoice, CommitRange, RangeStatus } from './types.js'

/** A range of one commit, head, with the given status. */
export function headOnly(
  head: string,
  choice: BaseChoice,
  status: RangeStatus,
  base?: string,
  source: CommitRange['source'] = 'git'
): CommitRange {
  return {
    head,
    base,
    baseRef: choice.ref,
    baseSource: choice.source,
    status,
    shas: [head],
    total: 1,
    truncated: false,
    source
  }
}

/**
 * Head alone when no base was found: a first deployment, or `unavailable` when a base may exist
 * but could not be read (the warning that said so has named the fix).
 */
export function noBase(
  head: string,
  choice: BaseChoice,
  source: CommitRange['source'] = 'git'
): CommitRange {
  return headOnly(
    head,
    choice,
    choice.unknown === undefined ? 'first' : 'unavailable',
    undefined,
    source
  )
}
