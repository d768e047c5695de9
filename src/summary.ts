import * as core from '@actions/core'
import { errorMessage } from './errors.js'
import type { CommitDetails } from './git.js'
import type { Report } from './report.js'

/** Commits listed in the summary; the rest are counted. */
const LISTED = 200

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** Pull-request numbers in merge (`Merge pull request #12`) and squash (`… (#12)`) subjects. */
export function pullRequestNumbers(subjects: readonly string[]): number[] {
  const found = subjects.flatMap((s) => {
    const merge = /^Merge pull request #(\d+)/.exec(s)
    const squash = /\(#(\d+)\)\s*$/.exec(s)
    return [merge?.[1], squash?.[1]].filter((n) => n !== undefined).map(Number)
  })
  return [...new Set(found)].sort((a, b) => a - b)
}

function result(report: Report): string {
  if (report.skipped) return `⏭️ Nothing to report: ${report.skipped}`
  if (report.failure) return `❌ Not reported: ${report.failure.message}`
  if (report.dryRun) return '🧪 Dry run: nothing was sent'
  if (report.post) {
    return `✅ Reported (HTTP ${report.post.status})${report.verified ? ', verified by reading it back' : ''}`
  }
  return '❔ Not reported'
}

/** Builds the job summary from the report. Pure apart from core.summary's buffer. */
export function addDeploymentSummary(report: Report): void {
  const repoUrl = report.repository
    ? `${report.serverUrl}/${report.repository}`
    : undefined
  const link = (href: string | undefined, text: string): string =>
    href
      ? `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`
      : escapeHtml(text)
  const short = (sha: string): string => sha.slice(0, 7)
  const { range, payload } = report

  const rows: [string, string][] = [
    ['Environment', escapeHtml(report.environment ?? '')],
    ['Result', escapeHtml(result(report))]
  ]
  if (range) {
    const compare =
      range.base && repoUrl
        ? `${repoUrl}/compare/${range.base}...${range.head}`
        : undefined
    const base = range.base ? short(range.base) : (range.baseRef ?? 'none')
    rows.push(
      [
        'Strategy',
        `${escapeHtml(report.strategy ?? '')} (base from: ${range.baseSource})`
      ],
      [
        'Range',
        `${link(compare, `${base} → ${short(range.head)}`)} (${range.status}, from ${range.source === 'git' ? 'the checkout' : 'the compare API'})`
      ],
      [
        'Commits',
        `${payload?.commitSha.length ?? range.shas.length}${range.truncated ? ` of ${range.total} (truncated by max-commits)` : ''}`
      ]
    )
  }
  if (payload) rows.push(['deployedAt', escapeHtml(payload.deployedAt)])
  rows.push(['Test', String(report.isTest)], ['Dry run', String(report.dryRun)])

  core.summary
    .addHeading(
      `Multitudes deployment${report.environment ? `: ${escapeHtml(report.environment)}` : ''}`,
      2
    )
    .addTable([
      [
        { data: 'Field', header: true },
        { data: 'Value', header: true }
      ],
      ...rows
    ])

  const sent = payload?.commitSha.length ?? report.commits.length
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
  if (report.commits.length > 0) {
    const items = report.commits
      .slice(0, LISTED)
      .map(
        (c: CommitDetails) =>
          `<li><code>${link(repoUrl && `${repoUrl}/commit/${c.sha}`, short(c.sha))}</code> ${escapeHtml(c.subject)} (${escapeHtml(c.author)})</li>`
      )
    const more = sent - LISTED
    if (more > 0) items.push(`<li>… and ${more} more</li>`)
    core.summary.addDetails(
      `${sent} commit${sent === 1 ? '' : 's'}`,
      `<ul>${items.join('')}</ul>`
    )
  }
  if (report.failure) {
    const f = report.failure
    core.summary
      .addHeading('What went wrong', 3)
      .addRaw(`<p>${escapeHtml(f.message)}</p>`, true)
    if (f.fields.length > 0) {
      core.summary.addList(
        f.fields.map((p) => `${escapeHtml(p.field)}: ${escapeHtml(p.message)}`)
      )
    }
    if (f.requestId)
      core.summary.addRaw(
        `<p>Request id: <code>${escapeHtml(f.requestId)}</code></p>`,
        true
      )
    if (f.hint)
      core.summary.addRaw(
        `<p><b>What to do:</b> ${escapeHtml(f.hint)}</p>`,
        true
      )
  }
}

/** Writes the summary; a summary that cannot be written warns and never fails the step. */
export async function writeSummary(report: Report): Promise<void> {
  try {
    addDeploymentSummary(report)
    await core.summary.write()
  } catch (error) {
    core.warning(`Could not write the job summary: ${errorMessage(error)}`)
  } finally {
    core.summary.emptyBuffer()
  }
}
