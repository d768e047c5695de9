/** The backfill command's flags, read and checked: nothing is planned on bad input. */
import path from 'node:path'
import os from 'node:os'
import { InputError } from '../errors.js'
import {
  parseBoolean,
  parseDeployedAt,
  parseEnum,
  parseInteger
} from '../input-parsers.js'
import {
  checkSecret,
  parseApiUrl,
  parseEnvironment,
  parseTags,
  parseText,
  parseWorkingDirectory
} from '../input-text.js'
import { LIMITS, ON_ERROR } from '../inputs.js'
import {
  parseSource,
  text,
  type SourceOptions,
  type Values
} from './backfill-source.js'
import { defaultStateFile } from '../backfill/state.js'
import { type BackfillOptions } from '../backfill/run.js'
import { addSecret } from '../untrusted.js'

/**
 * A date, or a date-time with a zone, as UTC ISO 8601. A bare date is a whole UTC day: `--since`
 * starts at its midnight, and `--until` takes it in to its last millisecond, so month-by-month
 * windows leave no day out.
 */
function parseWindow(
  name: '--since' | '--until',
  raw: string | undefined
): string | undefined {
  if (raw === undefined) return undefined
  const value = /^\d{4}-\d{2}-\d{2}$/.test(raw.trim())
    ? `${raw.trim()}T${name === '--until' ? '23:59:59.999' : '00:00:00'}Z`
    : raw
  return parseDeployedAt(name, value)
}

export interface Options extends BackfillOptions {
  source: SourceOptions
  since: string | undefined
  until: string | undefined
  maxCommits: number
  apiUrl: URL
  apiKey: string | undefined
  dir: string
  json: boolean
  recordCheck: boolean
}

/**
 * Every flag validated; throws InputError naming the first bad one. One table with a row per
 * option, longer than 40 lines on purpose: the order of its rows is the order flags are judged.
 */
export function parseOptions(values: Values, env: NodeJS.ProcessEnv): Options {
  const environment = parseEnvironment(
    '--environment',
    text(values, 'environment') ?? ''
  )
  const source = parseSource(values, env)
  const dryRun = values['dry-run'] === true
  const apiKey = parseApiKey(values, env, dryRun)
  const apiUrl = parseApiUrl('--api-url', text(values, 'api-url') ?? '')
  const dir =
    parseWorkingDirectory(
      '--working-directory',
      text(values, 'working-directory') ?? '',
      process.cwd()
    ) ?? process.cwd()
  const isTest = values['is-test'] === true
  const repository = repositoryOf(source, values, env, dir)
  return {
    environment,
    target: { apiUrl: apiUrl.href, environment, isTest, repository },
    source,
    since: parseWindow('--since', text(values, 'since')),
    until: parseWindow('--until', text(values, 'until')),
    maxCommits: parseInteger(
      '--max-commits',
      text(values, 'max-commits') ?? '',
      1,
      100_000
    ),
    apiUrl,
    apiKey: apiKey === undefined ? undefined : checkSecret('--api-key', apiKey),
    rate: parseInteger('--rate', text(values, 'rate') ?? '', 1, 100),
    title: parseText('--title', text(values, 'title') ?? '', LIMITS.title),
    tags: parseTags(
      '--tags',
      text(values, 'tags') ?? '',
      LIMITS.tags,
      LIMITS.tag
    ),
    dir,
    onError: parseEnum('--on-error', text(values, 'on-error') ?? '', ON_ERROR),
    stateFile:
      text(values, 'state-file') ??
      defaultStateFile(env, os.homedir(), { repository, environment }),
    isTest,
    recordCheck: parseBoolean(
      '--record-check',
      text(values, 'record-check') ?? ''
    ),
    dryRun,
    json: values.json === true
  }
}

function parseApiKey(
  values: Values,
  env: NodeJS.ProcessEnv,
  dryRun: boolean
): string | undefined {
  const apiKey =
    (text(values, 'api-key') ?? env.MULTITUDES_API_KEY)?.trim() || undefined
  if (apiKey !== undefined) addSecret(apiKey)
  if (apiKey === undefined && !dryRun) {
    throw new InputError(
      '--api-key is required: set MULTITUDES_API_KEY (or pass --api-key) to a Multitudes API key with the Deployments write scope; --dry-run plans without one.'
    )
  }
  return apiKey
}

/** The repository the state file is kept for: a tag backfill may run on a bare checkout. */
function repositoryOf(
  source: SourceOptions,
  values: Values,
  env: NodeJS.ProcessEnv,
  dir: string
): string {
  return source.kind === 'tags'
    ? text(values, 'repository')?.trim() ||
        env.GITHUB_REPOSITORY ||
        `checkout ${path.resolve(dir)}`
    : source.github.repository
}
