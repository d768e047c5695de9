/**
 * `npm run docs`: writes the inputs and outputs tables of README.md from action.yml.
 * A test fails when README.md and action.yml drift apart.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { format, resolveConfig } from 'prettier'
import { parse } from 'yaml'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

interface Metadata {
  inputs: Record<
    string,
    { description: string; required?: boolean; default?: string }
  >
  outputs: Record<string, { description: string }>
}

const cell = (text: string): string =>
  text.trim().replace(/\s+/g, ' ').replace(/\|/g, '\\|')

/** Each complete workflow of docs/examples (linted in CI), under its first comment line. */
export function renderExamples(dir = path.join(ROOT, 'docs/examples')): string {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yml'))
    .sort()
    .map((f) => {
      const text = readFileSync(path.join(dir, f), 'utf8')
      const title = /^# (.+)$/m.exec(text)?.[1] ?? f
      const fence = '```'
      return `#### ${title}\n\n[docs/examples/${f}](docs/examples/${f})\n\n${fence}yaml\n${text.trimEnd()}\n${fence}`
    })
    .join('\n\n')
}

export function renderTables(actionYml: string): {
  inputs: string
  outputs: string
} {
  const meta = parse(actionYml) as Metadata
  const inputs = [
    '| Name | Required | Default | Description |',
    '| --- | --- | --- | --- |',
    ...Object.entries(meta.inputs).map(
      ([name, i]) =>
        `| \`${name}\` | ${i.required ? 'yes' : 'no'} | ${i.default ? `\`${cell(i.default)}\`` : ''} | ${cell(i.description)} |`
    )
  ].join('\n')
  const outputs = [
    '| Name | Description |',
    '| --- | --- |',
    ...Object.entries(meta.outputs).map(
      ([name, o]) => `| \`${name}\` | ${cell(o.description)} |`
    )
  ].join('\n')
  return { inputs, outputs }
}

/** README.md with fresh tables, formatted as `prettier --write` leaves it. */
export async function withTables(
  readme: string,
  actionYml: string
): Promise<string> {
  const tables = { ...renderTables(actionYml), examples: renderExamples() }
  let text = readme
  for (const [name, table] of Object.entries(tables)) {
    const block = new RegExp(
      `(<!-- ${name}:start -->\\n)[\\s\\S]*?(\\n<!-- ${name}:end -->)`
    )
    if (!block.test(text))
      throw new Error(`README.md has no <!-- ${name}:start --> block`)
    text = text.replace(block, `$1${table}$2`)
  }
  const options = await resolveConfig(path.join(ROOT, 'README.md'))
  return format(text, { ...options, parser: 'markdown' })
}

/**
 * src/interface.generated.ts: action.yml's inputs and outputs as data, so the CLI's flags and
 * `--help` come from the same source as the action (a test keeps them equal).
 */
export async function renderInterface(actionYml: string): Promise<string> {
  const meta = parse(actionYml) as Metadata
  const inputs = Object.entries(meta.inputs).map(([name, i]) => ({
    name,
    description: i.description.trim().replace(/\s+/g, ' '),
    default: i.default ?? '',
    required: i.required ?? false
  }))
  const outputs = Object.entries(meta.outputs).map(([name, o]) => ({
    name,
    description: o.description.trim().replace(/\s+/g, ' ')
  }))
  const text = `// Generated from action.yml by \`npm run docs\`; do not edit.\n\n/** The action's inputs, in action.yml's order. */\nexport const ACTION_INPUTS = ${JSON.stringify(inputs)} as const\n\n/** The action's outputs, in action.yml's order. */\nexport const ACTION_OUTPUTS = ${JSON.stringify(outputs)} as const\n`
  const file = path.join(ROOT, 'src/interface.generated.ts')
  const options = await resolveConfig(file)
  return format(text, { ...options, filepath: file })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(
    path.join(ROOT, 'src/interface.generated.ts'),
    await renderInterface(readFileSync(path.join(ROOT, 'action.yml'), 'utf8'))
  )
  const readmePath = path.join(ROOT, 'README.md')
  const updated = await withTables(
    readFileSync(readmePath, 'utf8'),
    readFileSync(path.join(ROOT, 'action.yml'), 'utf8')
  )
  writeFileSync(readmePath, updated)
  console.log('README.md tables updated from action.yml')
}
