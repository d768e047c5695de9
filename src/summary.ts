import { say } from './untrusted.js'
import * as core from './core.js'
import { errorMessage } from './errors.js'
import { summaryText } from './untrusted.js'
import type { CommitDetails } from './git/client.js'
import type { Report } from './report.js'
import { fieldRows, linksOf, short, type Links } from './summary-table.js'

/** Commits listed in the summary; the rest are counted. */
const LISTED = 200
/** Characters of a commit subject or author shown; the rest is cut with an ellipsis. */
const SUBJECT_CHARS = 200
const AUTHOR_CHARS = 80
/** Rejected fields listed; the response output keeps them all. */
const FIELDS_LISTED = 20
/**
 * GitHub drops a step summary over 1 MiB whole. With the caps above a summary stays near
 * 100 KiB; past this budget the commit list is left out and the summary says so.
 */
export const SUMMARY_BUDGET = 512 * 1024

/** Pull-request numbers in merge (`Merge pull request #12`) and squash (`… (#12)`) subjects. */
export function pullRequestNumbers(subjects: readonly string[]): number[] {
  const found = subjects.flatMap((s) => {
    const merge = /^Merge pull request #(\d+)/.exec(s)
    const squash = /\(#(\d+)\)\s*$/.exec(s)
    return [merge?.[1], squash?.[1]].filter((n) => n !== undefined).map(Number)
  })
  return [...new Set(found)].sort((a, b) => a - b)
}

/** `text` in backticks (escaped by summaryText) renders as code, as GitHub shows markdown. */
const codeSpans = (html: string): string =>
  html.replace(/&#96;([^&]*?(?:&#(?!96;)\d+;[^&]*?)*)&#96;/g, '<code>$1</code>')

/** Builds the job summary from the report. Pure apart from core.summary's buffer. */
export function addDeploymentSummary(report: Report): void {
  const links = linksOf(report)
  core.summary
    .addHeading(
      `Multitudes deployment${report.environment ? `: ${summaryText(report.environment)}` : ''}`,
      2
    )
    .addTable([
      [
        { data: 'Field', header: true },
        { data: 'Value', header: true }
      ],
      ...fieldRows(report, links)
    ])
  addCommits(report, links)
  if (report.failure) addFailure(report.failure)
}

/** The pull requests the commits name, then the commits themselves (the newest LISTED). */
function addCommits(report: Report, { repoUrl, link }: Links): void {
  const sent = report.payload?.commitSha.length ?? report.commits.length
  const among =
    report.commits.length < sent
      ? ` (in the newest ${report.commits.length} commits)`
      : ''
  const prs = pullRequestNumbers(report.commits.map((c) => c.subject))
  if (prs.length > 0) {
    core.summary.addRaw(
      `<p>Pull requests${among}: ${prs.map((n) => link(repoUrl && `${repoUrl}/pull/${n}`, `#${n}`)).join(', ')}</p>`,
      true
    )
  }
  if (report.commits.length === 0) return
  const items = report.commits
    .slice(0, LISTED)
    .map(
      (c: CommitDetails) =>
        `<li><code>${link(repoUrl && `${repoUrl}/commit/${c.sha}`, short(c.sha))}</code> ${summaryText(c.subject, SUBJECT_CHARS)} (${summaryText(c.author, AUTHOR_CHARS)})</li>`
    )
  const more = sent - LISTED
  if (more > 0) items.push(`<li>… and ${more} more</li>`)
  core.summary.addDetails(
    `${sent} commit${sent === 1 ? '' : 's'}`,
    `<ul>${items.join('')}</ul>`
  )
}

function addFailure(f: NonNullable<Report['failure']>): void {
  core.summary
    .addHeading('What went wrong', 3)
    .addRaw(`<p>${codeSpans(summaryText(f.message))}</p>`, true)
  if (f.fields.length > 0) {
    const listed = f.fields
      .slice(0, FIELDS_LISTED)
      .map(
        (p) => `${summaryText(p.field, 100)}: ${summaryText(p.message, 300)}`
      )
    const more = f.fields.length - listed.length
    if (more > 0)
      listed.push(`… and ${more} more (all of them are in the response output)`)
    core.summary.addList(listed)
  }
  if (f.requestId)
    core.summary.addRaw(
      `<p>Request id: <code>${summaryText(f.requestId)}</code></p>`,
      true
    )
  if (f.hint)
    core.summary.addRaw(
      `<p><b>What to do:</b> ${codeSpans(summaryText(f.hint))}</p>`,
      true
    )
}

/** Writes the summary; a summary that cannot be written warns and never fails the step. */
export async function writeSummary(report: Report): Promise<void> {
  try {
    addDeploymentSummary(report)
    if (core.summary.stringify().length > SUMMARY_BUDGET) {
      // GitHub would drop it whole: keep what matters, without the commit list.
      core.summary.emptyBuffer()
      addDeploymentSummary({ ...report, commits: [] })
      core.summary.addRaw(
        `<p>The commit list is left out: it would pass the ${SUMMARY_BUDGET / 1024} KiB summary budget. The commit-shas output has every SHA sent.</p>`,
        true
      )
    }
    await core.summary.write()
  } catch (error) {
    say.warning(`Could not write the job summary: ${errorMessage(error)}`)
  } finally {
    core.summary.emptyBuffer()
  }
}
