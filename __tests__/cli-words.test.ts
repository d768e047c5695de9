/** The CLI's own words: messages without workflow advice, wrapped help, and plain log lines. */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { ciSystems } from '../src/cli/ci.js'
import { backfillHelpText, helpText, wrap } from '../src/cli/help.js'
import { plainLines } from '../src/cli/run.js'
import { cliWords, withNothingSent } from '../src/cli/words.js'

describe('cliWords', () => {
  it.each([
    [
      "Input 'api-key' is empty and MULTITUDES_API_KEY is not set. Expected a Multitudes API key with the Deployments write scope, e.g. 'api-key: ${{ secrets.MULTITUDES_API_KEY }}'. Secrets are not passed to workflows triggered from forks; use 'dry-run: true' there.",
      '--api-key is required: set MULTITUDES_API_KEY (or pass --api-key) to a Multitudes API key with the Deployments write scope; --dry-run needs neither.'
    ],
    [
      "Not a git repository. Add actions/checkout with fetch-depth: 0 before this step; if it checks out into a subfolder ('path:'), set 'working-directory' to that folder.",
      'Not a git repository. Run it in a clone of the repository (with full history), or point --working-directory at one.'
    ],
    [
      'The clone is shallow: use actions/checkout with fetch-depth: 0 (or filter: tree:0 for a large repository).',
      'The clone is shallow: use a clone with full history (git fetch --unshallow).'
    ],
    [
      "Check out the deployed commit (actions/checkout with ref: v1.2.3 and fetch-depth: 0), or set 'head'.",
      'Check out the deployed commit (v1.2.3) with full history, or pass --head.'
    ],
    [
      'Fix the input in the workflow file; nothing was sent.',
      'Fix the flag; nothing was sent.'
    ],
    ['3 inputs are invalid', '3 flags are invalid'],
    [
      "Set 'on-error: warn' to go on, or on-error: warn-on-outage.",
      'Set --on-error warn to go on, or --on-error warn-on-outage.'
    ],
    [
      'With commit-source: api, or commit-source: git',
      'With --commit-source api, or --commit-source git'
    ],
    ["Input 'environment' is required", '--environment is required'],
    ["Invalid input 'max-commits': 0", 'Invalid --max-commits: 0'],
    ["Set 'base' or 'head'", 'Set --base or --head'],
    ['Run `git fetch --tags` first', "Run 'git fetch --tags' first"]
  ])('%j → %j', (text, words) => {
    expect(cliWords(text)).toBe(words)
  })

  it("keeps allowed values as they are, even where they share an input's name, in every list", () => {
    const lists = Array.from(
      { length: 12 },
      (_, i) => `Invalid ${i}. Expected one of 'base', 'head', 'auto'.`
    )

    expect(cliWords(lists.join(' '))).toBe(lists.join(' '))
    expect(cliWords("Set 'strategy' to one of 'base', 'head'.")).toBe(
      "Set --strategy to one of 'base', 'head'."
    )
  })

  it('says "Nothing was sent." once', () => {
    expect(withNothingSent('Bad flag.')).toBe('Bad flag. Nothing was sent.')
    expect(withNothingSent('Fix it; nothing was sent.')).toBe(
      'Fix it; nothing was sent.'
    )
  })
})

describe('help', () => {
  it('wraps at the width: a word that fits exactly stays, the next goes to a new indented line', () => {
    expect(wrap('aaaa bbbb cccc', 2, 11)).toBe('aaaa bbbb\n  cccc')
    expect(wrap('aaaa bbbbb cccc', 0, 10)).toBe('aaaa bbbbb\ncccc')
    expect(wrap('aaaa bbbbbb', 0, 10)).toBe('aaaa\nbbbbbb')
    expect(wrap('a-very-long-word and', 4, 10)).toBe(
      'a-very-long-word\n    and'
    )
    expect(wrap('one', 6)).toBe('one')
  })

  it('keeps every line of both helps within 100 columns, each flag on a line of its own', () => {
    for (const text of [helpText(), backfillHelpText()]) {
      const lines = text.split('\n')
      expect(lines.filter((l) => l.length > 100)).toEqual([])
      expect(
        lines.filter((l) => /^ {2}--[a-z-]+/.test(l)).length
      ).toBeGreaterThan(10)
    }
  })

  it('prints each help as docs/cli-help.md shows it (run `npm run docs` after a flag change)', () => {
    const docs = readFileSync(
      new URL('../docs/cli-help.md', import.meta.url),
      'utf8'
    )
    const blocks = [...docs.matchAll(/```text\n([^]*?)\n```/g)].map((m) => m[1])

    expect(blocks).toEqual([helpText(), backfillHelpText()])
  })

  it('names every CI system whose variables it reads', () => {
    expect(helpText().replace(/\s+/g, ' ')).toContain(
      `CI systems read: ${ciSystems()
        .map((c) => c.name)
        .join(', ')}.`
    )
  })
})

describe('plainLines', () => {
  const route = (verbose: boolean, ...chunks: (string | Uint8Array)[]) => {
    const lines: string[] = []
    const write = plainLines(verbose, (line) => lines.push(line))
    const answers = chunks.map((c) => write(c))
    return { lines, answers }
  }

  it('turns workflow commands into plain lines in CLI words, one per line, and drops empty ones', () => {
    const { lines, answers } = route(
      false,
      "::warning::Input 'base' names no commit\n\n",
      Buffer.from('::error::on-error: warn\nplain text\n')
    )

    expect(lines).toEqual([
      'warning: --base names no commit\n',
      'error: --on-error warn\n',
      'plain text\n'
    ])
    expect(answers).toEqual([true, true])
  })

  it('shows debug lines only when verbose, and never a mask', () => {
    const chunk = '::debug::payload\n::add-mask::secret\n'

    expect(route(false, chunk).lines).toEqual([])
    expect(route(true, chunk).lines).toEqual(['debug: payload\n'])
  })

  it('escapes what it passes on: no workflow command starts a line', () => {
    const { lines } = route(false, 'x\u2028::stop-commands::y\n')

    expect(lines.join('')).not.toMatch(/(^|\n)::/)
  })
})
