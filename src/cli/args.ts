import { parseArgs } from 'node:util'
import { flagsOf, flagTable, type Command, type Flag } from './flags.js'

/** A command line the CLI cannot read: exit 2, said on stderr with a pointer to --help. */
export class UsageError extends Error {}

export interface CommandLine {
  /** A value for every flag given: a string, true for a switch, or a list for --paths. */
  values: Record<string, string | true | string[] | undefined>
  positionals: string[]
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const next = [i]
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(
        row[j] + 1,
        next[j - 1] + 1,
        row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)
      )
    }
    row = next
  }
  return row[b.length]
}

/** The known flag closest to a mistyped one, when it is close enough to be the intent. */
export function suggest(name: string, known: string[]): string | undefined {
  const scored = known
    .map((k) => ({ k, d: k.startsWith(name) ? 1 : distance(name, k) }))
    .sort((a, b) => a.d - b.d)
  const best = scored[0]
  return best && best.d <= Math.max(2, Math.floor(name.length / 4))
    ? best.k
    : undefined
}

/**
 * Reads argv against the flag table of `command`. Every way a command line can be wrong is a
 * UsageError naming the flag: unknown (with the nearest known one), missing value, a value given
 * to a switch, a flag given twice.
 */
export function readCommandLine(argv: string[], command: Command): CommandLine {
  const names = flagsOf(command)
  const table = flagTable()
  const tokens = tokensOf(argv, names, table)
  const values: CommandLine['values'] = {}
  const positionals: string[] = []
  const seen = new Set<string>()
  for (const [i, token] of tokens.entries()) {
    if (token.kind === 'positional') {
      positionals.push(token.value)
      continue
    }
    if (token.kind === 'option-terminator') continue
    // -h is help everywhere; no other short flag exists.
    const name = token.rawName === '-h' ? 'help' : token.name
    const flag = names.includes(name) ? table[name] : undefined
    if (flag === undefined) {
      const near = suggest(name, names)
      throw new UsageError(
        `Unknown flag ${token.rawName}${near ? `: did you mean --${near}?` : '.'}`
      )
    }
    if (seen.has(name) && !flag.multiple)
      throw new UsageError(`--${name} is given twice; give it once.`)
    seen.add(name)
    if (flag.switch) {
      checkSwitch(name, token, tokens[i + 1])
      values[name] = true
      continue
    }
    const value = valueOf(name, flag, token)
    values[name] = flag.multiple
      ? [...((values[name] as string[] | undefined) ?? []), value]
      : value
  }
  return { values, positionals }
}

type Token = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number]
type OptionToken = Extract<Token, { kind: 'option' }>

function tokensOf(
  argv: string[],
  names: readonly string[],
  table: Readonly<Record<string, Flag>>
): Token[] {
  return parseArgs({
    args: argv,
    strict: false,
    allowPositionals: true,
    tokens: true,
    options: Object.fromEntries(
      names.map((n) => [
        n,
        {
          type: table[n].switch ? ('boolean' as const) : ('string' as const),
          multiple: table[n].multiple === true
        }
      ])
    )
  }).tokens
}

/** A switch takes no value: not `--x=…`, and not a `true`/`false` after it. */
function checkSwitch(
  name: string,
  token: OptionToken,
  next: Token | undefined
): void {
  if (token.inlineValue)
    throw new UsageError(
      `--${name} is a switch and takes no value, but ${token.rawName}=${JSON.stringify(token.value ?? '')} gives one. Write --${name} to turn it on, or leave it out.`
    )
  if (next?.kind === 'positional' && /^(true|false)$/i.test(next.value))
    throw new UsageError(
      `--${name} is a switch and takes no value, but "${next.value}" follows it. Write --${name} to turn it on, or leave it out.`
    )
}

/** A flag's value: given, and not the next flag taken for one. */
function valueOf(name: string, flag: Flag, token: OptionToken): string {
  if (token.value === undefined)
    throw new UsageError(
      `--${name} needs a value: --${name} ${flag.value ?? '<value>'}.`
    )
  if (!token.inlineValue && /^--?[a-z]/i.test(token.value))
    throw new UsageError(
      `--${name} needs a value, but the flag ${token.value} follows it. For a value that starts with "-", write --${name}=<value>.`
    )
  return token.value
}
