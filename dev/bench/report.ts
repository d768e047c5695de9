/** The rows, verdicts and notes of one bench run, and BENCHMARKS.md written from them. */
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { format, resolveConfig } from 'prettier'
import { ACTION_DIR } from '../run-action.ts'
import { atSmokeSize, type Verdict } from './verdicts.ts'
import { git } from './repo.ts'

export interface Row {
  figure: string
  value: string
  reference: string
  result: string
  runs: number
  verdict: Verdict
  /** Also in the README's summary. */
  summary: boolean
}

const README_BLOCK = /(<!-- bench:start -->\n)[^]*?(<!-- bench:end -->)/

export class Report {
  /** A smoke run judges only the budgets that hold at any size (`atSmokeSize`). */
  private readonly smoke: boolean

  constructor(smoke = false) {
    this.smoke = smoke
  }

  readonly rows: Row[] = []
  /** Budgets missed in this run; `--check` fails on any. */
  readonly missed: string[] = []
  /** Notes generated from this run's figures. */
  readonly notes: string[] = []
  /**
   * How fast this machine starts Node (`node -e 0`, from the start-up group): budgets in
   * milliseconds over a reference move with it, so the header and the README's summary say it.
   */
  nodeStart: string | undefined

  record(
    figure: string,
    value: string,
    reference: string,
    result: string,
    runs: number,
    measured: Verdict,
    summary = false
  ): void {
    const verdict = this.smoke ? atSmokeSize(measured) : measured
    const row = { figure, value, reference, result, runs, verdict, summary }
    if (verdict.met === false)
      this.missed.push(`${row.figure}: ${verdict.budget}, ${verdict.margin}`)
    this.rows.push(row)
    console.log(
      `${row.figure}: ${row.value} | ${row.reference} | ${row.result} | ${row.runs} runs | ${verdict.budget} | ${judged(verdict)}`
    )
  }

  /** The bench's exit code: 1 under `--check` when a budget judged in this run was missed. */
  exitCode(check: boolean): number {
    return check && this.missed.length > 0 ? 1 : 0
  }

  note(text: string): void {
    this.notes.push(`- ${text}`)
  }

  get verdicts(): string {
    const judgedRows = this.rows.filter((r) => r.verdict.met !== undefined)
    const missed = this.missed.length
      ? `; missed: ${this.missed.join('; ')}`
      : ''
    const unattainable = this.rows
      .filter((r) => r.verdict.unattainable !== undefined)
      .map(
        (r) =>
          `; not judged, as this run shows no Node program can meet it: ${r.figure}: ${r.verdict.budget}`
      )
      .join('')
    return `${judgedRows.length - this.missed.length} of ${judgedRows.length} budgets met${missed}${unattainable}.`
  }

  /** ", where `node -e 0` took 92 ms", or nothing when the start-up group did not run. */
  private get speed(): string {
    return this.nodeStart === undefined
      ? ''
      : `, where \`node -e 0\` took ${this.nodeStart}`
  }

  table(): string {
    return [
      '| Figure | Action | Reference | Result | Runs | Budget | Verdict |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...this.rows.map(
        (r) =>
          `| ${[r.figure, r.value, r.reference, r.result, String(r.runs), r.verdict.budget, judged(r.verdict)].join(' | ')} |`
      )
    ].join('\n')
  }

  /** Writes BENCHMARKS.md, formatted as the repository's prettier config says. */
  async write(): Promise<void> {
    const machine = `${process.version}, ${git(ACTION_DIR, '--version')}, ${spawnSync('nproc', { encoding: 'utf8' }).stdout.trim()} cores${this.speed}`
    const report = `# Benchmarks

Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} (${machine}). Each timed figure is the median of its row's runs, with the fastest run in brackets; absolute times on shared machines are noisy, so read the ratios, measured in the same run (the start-up rows time both sides in turns). Verdicts are computed from the figures; \`npm run bench -- --check\` fails on a miss.

**${this.verdicts}**

${this.table()}

## Notes from this run

${this.notes.join('\n')}

The analysis behind these figures (profiles, why a budget is set where it is) is in [docs/benchmark-notes.md](docs/benchmark-notes.md).
`
    await writeFormatted(path.join(ACTION_DIR, 'BENCHMARKS.md'), report)
    const readme = path.join(ACTION_DIR, 'README.md')
    const text = readFileSync(readme, 'utf8')
    if (!README_BLOCK.test(text))
      throw new Error(
        'README.md has no <!-- bench:start --> … <!-- bench:end --> block'
      )
    await writeFormatted(
      readme,
      text.replace(README_BLOCK, `$1${this.summary()}\n$2`)
    )
  }

  /** The README's summary: the verdicts and the rows marked for it, from this run. */
  summary(): string {
    const date = new Date().toISOString().slice(0, 10)
    return [
      `From \`npm run bench\` on ${date}${this.speed ? ` on a machine${this.speed}` : ''}, the full figures in [BENCHMARKS.md](BENCHMARKS.md): ${this.verdicts}`,
      '',
      '| Figure | Action | Reference | Budget | Verdict |',
      '| --- | --- | --- | --- | --- |',
      ...this.rows
        .filter((r) => r.summary)
        .map(
          (r) =>
            `| ${[r.figure, r.value, r.reference, r.verdict.budget, judged(r.verdict)].join(' | ')} |`
        )
    ].join('\n')
  }
}

async function writeFormatted(file: string, text: string): Promise<void> {
  const options = (await resolveConfig(file)) ?? {}
  writeFileSync(file, await format(text, { ...options, filepath: file }))
}

function judged(verdict: Verdict): string {
  if (verdict.unattainable !== undefined)
    return `not judged (${verdict.unattainable})`
  if (verdict.met === undefined) return '—'
  return verdict.met
    ? `met (${verdict.margin})`
    : `**MISSED** (${verdict.margin})`
}
