import { ACTION_NAME } from '../version.js'
import { ciSystems } from './ci.js'
import { flagHelp, flagsOf, flagTable, type Command } from './flags.js'

/**
 * `text` in lines of at most `width` columns counting `indent` (a longer word is a line of its
 * own); every line after the first is indented.
 */
export function wrap(text: string, indent: number, width = 100): string {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line && indent + line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  lines.push(line)
  return lines.join(`\n${' '.repeat(indent)}`)
}

/** Every flag of a command with its text, default and allowed values, from the one table. */
function flagList(command: Command): string {
  const table = flagTable()
  return flagsOf(command)
    .map((name) => {
      const value = table[name].value
      const head = `  --${name}${value ? ` ${value}` : ''}`
      return `${head}\n      ${wrap(flagHelp(name, command), 6)}`
    })
    .join('\n')
}

/** `--help` of report. */
export function helpText(): string {
  return `Usage: ${ACTION_NAME} report --environment <name> [options]

Reports a deployment to Multitudes with the commits it shipped, from any CI system.
The key comes from --api-key or MULTITUDES_API_KEY. The commit, the repository and a link to
the run come from the CI's own variables, else --head and --repository, else HEAD of the clone.
CI systems read: ${wrap(
    ciSystems()
      .map((c) => c.name)
      .join(', '),
    17
  )}.
Base, with --strategy auto: --base, else the previous deployment (GitHub, with a token), else
the newest deployment of this repository in Multitudes' record, else the CI's previous commit
where it has one, else none (only head is sent). Before the POST, the record is read, and a
deployment it already holds is not sent again.

Options:
${flagList('report')}

The second command, backfill, reports past deployments:
see '${ACTION_NAME} backfill --help'.

Exit codes: 0 reported (or dry run, or a failure that --on-error says to warn about);
1 not reported; 2 bad usage or input (nothing was sent).`
}

/** `backfill --help`. */
export function backfillHelpText(): string {
  return `Usage: ${ACTION_NAME} backfill --environment <name> --source <source> [options]

Reconstructs past production deployments and reports them, oldest first, with the commits each
one shipped (git rev-list previous..this, under the live run's rules). Run it from a clone with
full history and tags. A re-run skips what the state file or Multitudes' record says was
posted; Ctrl-C stops after the request in flight (exit 130), and the same command resumes.

Sources:
  tags             Tags matching --tag-pattern, at the tagger date (annotated) or the
                   committer date (lightweight).
  releases         Published GitHub releases at published_at (drafts never; prereleases
                   with --include-prereleases), at their tag's commit.
  deployments      GitHub deployments to --environment that reached success, at that
                   status's time.
  workflow-runs    Successful runs of --workflow on --branch at their updated_at: what
                   Multitudes' GitHub Actions integration counted.

Options:
${flagList('backfill')}

Exit codes: 0 done; 1 stopped, failed, or nothing selected; 2 bad usage or input (nothing was
sent).`
}
