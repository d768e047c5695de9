import { ACTION_INPUTS } from '../interface.generated.js'

/**
 * Workflow advice, and what a CLI user does instead. Made on each call (messages are few): a table
 * made when the module loads is out of the mutation tests' reach (see docs/testing.md).
 */
function replacements(): [RegExp, string][] {
  return [
    [
      /Input 'api-key' is empty and MULTITUDES_API_KEY is not set\. Expected a Multitudes API key with the Deployments write scope, e\.g\. 'api-key: \$\{\{ secrets\.MULTITUDES_API_KEY \}\}'\. Secrets are not passed to workflows triggered from forks; use 'dry-run: true' there\./,
      '--api-key is required: set MULTITUDES_API_KEY (or pass --api-key) to a Multitudes API key with the Deployments write scope; --dry-run needs neither.'
    ],
    [
      /Add actions\/checkout with fetch-depth: 0 before this step; if it checks out into a subfolder \('path:'\), set 'working-directory' to that folder\./,
      'Run it in a clone of the repository (with full history), or point --working-directory at one.'
    ],
    [
      /actions\/checkout with fetch-depth: 0 \(or filter: tree:0 for a large repository\)/,
      'a clone with full history (git fetch --unshallow)'
    ],
    [
      /Check out the deployed commit \(actions\/checkout with ref: (\S+) and fetch-depth: 0\), or set 'head'\./,
      'Check out the deployed commit ($1) with full history, or pass --head.'
    ],
    [/Fix the input in the workflow file;/, 'Fix the flag;'],
    [/(\d+) inputs are invalid/, '$1 flags are invalid'],
    [/'on-error: ([a-z-]+)'/g, '--on-error $1'],
    [/on-error: ([a-z-]+)/g, '--on-error $1'],
    [/commit-source: (git|api)/g, '--commit-source $1'],
    [/'dry-run: true'/g, '--dry-run']
  ]
}

/** A message in CLI words: `--environment`, not "input 'environment'"; no workflow advice. */
export function cliWords(text: string): string {
  // Allowed values ("one of 'base', 'head'") share names with inputs: keep them as they are.
  const lists: string[] = []
  let out = text.replace(
    /one of ('[^']*'(?:, '[^']*')*)/g,
    (_m, list: string) => {
      lists.push(list)
      return `one of ⟦${lists.length - 1}⟧`
    }
  )
  for (const [pattern, replacement] of replacements())
    out = out.replace(pattern, replacement)
  for (const { name } of ACTION_INPUTS) {
    out = out
      .replaceAll(`Input '${name}'`, `--${name}`)
      .replaceAll(`input '${name}'`, `--${name}`)
      .replaceAll(`'${name}'`, `--${name}`)
  }
  // One quoting in every message: flags bare, what was given in "double", what to type in 'single'.
  return out
    .replace(/'(--[a-z-]+)'/g, '$1')
    .replace(/`([^`]+)`/g, "'$1'")
    .replace(/⟦(\d+)⟧/g, (_m, i: string) => lists[Number(i)])
}

/** Ends a message with "Nothing was sent." unless it says so already. */
export function withNothingSent(text: string): string {
  return /nothing was sent/i.test(text) ? text : `${text} Nothing was sent.`
}
