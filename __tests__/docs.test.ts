import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  renderCliHelp,
  renderInterface,
  renderTables,
  withTables
} from '../dev/docs.ts'
import { ACTION_NAME, ACTION_VERSION } from '../src/version.js'

const read = (file: string): string =>
  readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')

/** Every example file, those of other CI systems under docs/examples/ci/ too. */
const examples = (): string[] =>
  readdirSync(new URL('../docs/examples', import.meta.url), {
    recursive: true,
    withFileTypes: true
  })
    .filter((e) => e.isFile())
    .map((e) =>
      path.relative(
        fileURLToPath(new URL('..', import.meta.url)),
        path.join(e.parentPath, e.name)
      )
    )

describe('the documentation', () => {
  it('README inputs and outputs tables match action.yml (run `npm run docs`)', async () => {
    const readme = read('README.md')
    await expect(withTables(readme, read('action.yml'))).resolves.toBe(readme)
  })

  it("docs/cli-help.md is the CLI's --help, from its flag table (run `npm run docs`)", async () => {
    await expect(renderCliHelp()).resolves.toBe(read('docs/cli-help.md'))
  })

  it('src/interface.generated.ts is action.yml (run `npm run docs`)', async () => {
    await expect(renderInterface(read('action.yml'))).resolves.toBe(
      read('src/interface.generated.ts')
    )
  })

  it('names the action’s repository as package.json does, everywhere a user copies from', () => {
    const pkg = JSON.parse(read('package.json')) as {
      repository: { url: string }
    }
    const repository = /github\.com\/(.+?)\.git$/.exec(pkg.repository.url)?.[1]
    const files = [
      'README.md',
      ...examples(),
      ...readdirSync(new URL('../.github/workflows', import.meta.url)).map(
        (f) => `.github/workflows/${f}`
      )
    ]
    const named = files.flatMap((file) =>
      [
        ...read(file).matchAll(
          /(?:uses: |github:)([\w.-]+\/[\w.-]*deployment-action)\b/g
        )
      ].map((m) => m[1])
    )

    expect(named.length).toBeGreaterThan(10)
    expect(new Set(named)).toEqual(new Set([repository]))
  })

  it('tells users to copy nothing that runs the action from a local path', () => {
    const copied = [
      'README.md',
      ...examples(),
      '.github/workflows/report-deployment.yml',
      '.github/workflows/test-deployment.yml'
    ]
    for (const file of copied) expect(read(file)).not.toMatch(/uses: \.\//)
  })

  it('renders one row per input and output', () => {
    const { inputs, outputs } = renderTables(read('action.yml'))
    expect(inputs).toContain(
      '| `environment` | yes |  | Environment deployed to'
    )
    expect(inputs).toContain('| `max-commits` | no | `1000` |')
    expect(outputs.split('\n')).toHaveLength(2 + 15)
  })

  it('the README quick start is the two commands', () => {
    const readme = read('README.md')
    expect(readme).toContain('```sh\nnpm ci && npm run demo\n```')
    expect(readme).toContain('```sh\nnpm test\n```')
  })

  it('every troubleshooting message is one the action really writes', () => {
    const readme = read('README.md')
    const section = readme.slice(
      readme.indexOf('## Troubleshooting'),
      readme.indexOf('## Development')
    )
    const messages = section
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => line.split('`')[1])
    const source = readdirSync(new URL('../src', import.meta.url), {
      recursive: true
    })
      .filter((f) => String(f).endsWith('.ts'))
      .map((f) => read(`src/${String(f)}`))
      // git's own words, which the action passes on.
      .concat('detected dubious ownership in repository')
      .join('\n')
    expect(messages.length).toBeGreaterThan(10)
    for (const message of messages) {
      // The longest literal run of the message, between placeholders such as … or <input>.
      const literal = message
        .split(/…|<[^>]+>|\bN\b|5xx|report \(or read\)/)
        .map((part) => part.replace(/^["'\s:]+|["'\s:]+$/g, ''))
        .sort((a, b) => b.length - a.length)[0]
      expect([message, source.includes(literal)]).toEqual([message, true])
    }
  })

  it('the User-Agent version is the package version', () => {
    const pkg = JSON.parse(read('package.json')) as {
      name: string
      version: string
    }
    expect([ACTION_NAME, ACTION_VERSION]).toEqual([pkg.name, pkg.version])
  })

  it('the action runs on node24 from dist/index.js', () => {
    expect(read('action.yml')).toMatch(
      /runs:\n {2}using: node24\n {2}main: dist\/index.js/
    )
  })

  it("the README's performance summary comes from the run that wrote BENCHMARKS.md", () => {
    const bench = read('BENCHMARKS.md')
    const summary = /<!-- bench:start -->([^]*?)<!-- bench:end -->/.exec(
      read('README.md')
    )?.[1]
    const date = /on (\d{4}-\d{2}-\d{2}) \(/.exec(bench)?.[1]
    // Budgets in ms over a reference move with the machine: both say how fast it started Node.
    const speed = /cores, where `node -e 0` took (\d+ ms)\)/.exec(bench)?.[1]
    expect(speed).toBeDefined()
    const verdicts = /\*\*(\d+ of \d+ budgets met[^*]*)\*\*/.exec(bench)?.[1]
    expect(summary).toContain(
      `on ${date} on a machine, where \`node -e 0\` took ${speed}, the full figures`
    )
    expect(summary?.replace(/\s+/g, ' ')).toContain(
      verdicts?.replace(/\s+/g, ' ')
    )
    const rows = String(summary)
      .split('\n')
      .filter((l) => /^\| [A-Z]/.test(l))
    expect(rows.length).toBeGreaterThan(5)
    for (const row of rows.slice(1)) {
      const [figure, value] = row
        .split('|')
        .slice(1, 3)
        .map((c) => c.trim())
      expect(bench).toMatch(
        new RegExp(`\\| ${escape(figure)} +\\| ${escape(value)} +\\|`)
      )
    }
  })
})

const escape = (text: string): string =>
  text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
