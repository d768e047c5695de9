export type BaseSource =
  | 'input'
  | 'previous-deployment'
  | 'multitudes'
  | 'push'
  | 'tag'
  | 'parent'
  | 'none'

export type RangeStatus =
  'ahead' | 'identical' | 'behind' | 'diverged' | 'first' | 'unavailable'

/** Where base came from: a revision to resolve, or none. */
export interface BaseChoice {
  ref: string | undefined
  source: BaseSource
  /**
   * Why no base was found although one may exist (GitHub deployments could not be read): head
   * alone is then an `unavailable` range, never a quiet first deployment.
   */
  unknown?: string
}

/** The commits being deployed, and how they were found. */
export interface CommitRange {
  head: string
  /** Full SHA of base; undefined when there is none or it could not be found. */
  base: string | undefined
  /** Base as the strategy named it (SHA, tag or ref). */
  baseRef: string | undefined
  baseSource: BaseSource
  status: RangeStatus
  /** What is sent: head first, newest first, unique, lowercase, at most max-commits. */
  shas: string[]
  /** How many commits the range held before the cut. */
  total: number
  truncated: boolean
  source: 'git' | 'api'
}

/** Commits whose subjects the summary reads (list and PR numbers): a huge range costs no more. */
export const DESCRIBED = 1000
