/** A bad input value. Raised before anything is sent; the user must fix the workflow. */
export class InputError extends Error {
  override name = 'InputError'
}

/** A git command failed. Carries the arguments (never secrets) and stderr for the log. */
export class GitError extends Error {
  override name = 'GitError'
  readonly args: readonly string[]
  readonly exitCode: number
  readonly stderr: string

  constructor(args: readonly string[], exitCode: number, stderr: string) {
    const detail = stderr.trim().split('\n').slice(-3).join(' ')
    super(
      `git ${args.join(' ')} failed with exit code ${exitCode}${detail ? `: ${detail}` : ''}`
    )
    this.args = args
    this.exitCode = exitCode
    this.stderr = stderr
  }
}

/** git is not installed (not on PATH): there is no checkout to read. */
export class GitNotFoundError extends Error {
  override name = 'GitNotFoundError'

  constructor() {
    super('git is not installed on this runner (not found on PATH).')
  }
}

/** A failure the user can act on, with what to do about it. */
export class HintedError extends Error {
  readonly hint: string

  constructor(message: string, hint: string) {
    super(message)
    this.hint = hint
  }
}

/** A proxy variable the transport cannot use: a setting to fix, never an outage to retry. */
export class ProxyError extends HintedError {
  override name = 'ProxyError'
}

/** The commit range cannot be computed correctly; sending a short list would be wrong. */
export class CommitRangeError extends HintedError {
  override name = 'CommitRangeError'
}

/** `verify: true` could not read the deployment back after the API accepted it. */
export class VerificationError extends HintedError {
  override name = 'VerificationError'
}

/** One field the API rejected in a 400 response. */
export interface FieldProblem {
  field: string
  message: string
}

/**
 * The Multitudes API did not accept the deployment. `status` is undefined when no HTTP answer
 * came back (network error, timeout). `outage` marks failures the user cannot fix from the
 * workflow (unreachable, 429, 5xx after every attempt).
 */
export class ApiError extends Error {
  override name = 'ApiError'
  readonly status: number | undefined
  readonly body: string
  readonly requestId: string | undefined
  readonly attempts: number
  readonly fields: readonly FieldProblem[]
  /** The request may have been recorded, and the record could not say: check, never re-send blind. */
  readonly unknown: boolean

  constructor(
    message: string,
    details: {
      status?: number
      body?: string
      requestId?: string
      attempts: number
      fields?: readonly FieldProblem[]
      unknown?: boolean
    }
  ) {
    super(message)
    this.unknown = details.unknown ?? false
    this.status = details.status
    this.body = details.body ?? ''
    this.requestId = details.requestId
    this.attempts = details.attempts
    this.fields = details.fields ?? []
  }

  get outage(): boolean {
    const s = this.status
    return s === undefined || s === 408 || s === 429 || s >= 500
  }
}

/** The message of anything thrown, including non-Error values. */
export function errorMessage(error: unknown): string {
  // Duck-typed: errors from another realm (a VM context, undici) fail `instanceof Error`.
  const message = (error as { message?: unknown } | null)?.message
  if (typeof message === 'string') return message
  if (typeof error === 'string') return error
  try {
    return JSON.stringify(error) ?? String(error)
  } catch {
    return String(error)
  }
}

/**
 * What a failed fetch says: "fetch failed" says nothing, the deepest cause says what did
 * (ENOTFOUND, a proxy's 403). Duck-typed: undici's errors may come from another realm.
 */
export function connectionFailure(error: unknown): {
  detail: string
  code: string | undefined
} {
  let root = error as { code?: unknown; cause?: unknown } | null
  while (root?.cause) root = root.cause
  // A system code (ECONNREFUSED, ENOTFOUND) says it all; undici's own codes say less than
  // their messages.
  const code = typeof root?.code === 'string' ? root.code : undefined
  const detail =
    code !== undefined && /^E[A-Z0-9_]+$/.test(code) ? code : errorMessage(root)
  return { detail, code }
}
