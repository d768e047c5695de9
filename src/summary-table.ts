/** The summary's table of fields: what was reported, and the range it covers. */
import type { Report } from './report.js'
import { summaryText } from './untrusted.js'

/** Links into the repository on GitHub, when the run knows it; plain text otherwise. */
export interface Links {
  repoUrl: string | undefined
  link: (href: string | undefined, text: string) => string
}

export function linksOf(report: Report): Links {
  return {
    repoUrl: report.repository
      ? `${report.serverUrl}/${report.repository}`
      : undefined,
    link: (href, text) =>
      href
        ? `<a href="${summaryText(href)}">${summaryText(text)}</a>`
        : summaryText(text)
  }
}

export const short = (sha: string): string => sha.slice(0, 7)

/** The table: one row a field, in the order a reader asks about them. */
export function fieldRows(report: Report, links: Links): [string, string][] {
  const { payload } = report
  const rows: [string, string][] = []
  // An environment that failed validation has no cell: the error below names it.
  if (report.environment)
    rows.push(['Environment', summaryText(report.environment)])
  rows.push(
    ['Result', summaryText(result(report))],
    ...rangeRows(report, links)
  )
  if (payload) rows.push(['deployedAt', summaryText(payload.deployedAt)])
  if (report.title) rows.push(['Title', summaryText(report.title, 255)])
  if (report.tags.length > 0)
    rows.push([
      'Tags',
      report.tags.map((t) => `<code>${summaryText(t, 100)}</code>`).join(' ')
    ])
  rows.push(['Test', String(report.isTest)], ['Dry run', String(report.dryRun)])
  return rows
}

function rangeRows(
  report: Report,
  { repoUrl, link }: Links
): [string, string][] {
  const { range, payload } = report
  if (!range) {
    if (!report.resolved.head) return []
    // The run stopped after finding head (and maybe base): show what it knew.
    const { head, base, baseSource } = report.resolved
    return [
      ['Head', `<code>${summaryText(head)}</code>`],
      [
        'Base',
        base
          ? `<code>${summaryText(base)}</code> (from: ${summaryText(baseSource ?? '')})`
          : 'not found yet'
      ]
    ]
  }
  const compare =
    range.base && repoUrl
      ? `${repoUrl}/compare/${range.base}...${range.head}`
      : undefined
  const base = range.base ? short(range.base) : (range.baseRef ?? 'none')
  return [
    [
      'Strategy',
      `${summaryText(report.strategy ?? '')} (base from: ${range.baseSource})`
    ],
    [
      'Range',
      `${link(compare, `${base} → ${short(range.head)}`)} (${range.status}, from ${range.source === 'git' ? 'the checkout' : 'the compare API'})`
    ],
    [
      'Commits',
      `${payload?.commitSha.length ?? range.shas.length}${range.truncated ? ` of ${range.total} (truncated by max-commits)` : ''}`
    ]
  ]
}

function result(report: Report): string {
  if (report.skipped) return `⏭️ Nothing to report: ${report.skipped}`
  // The message itself is under "What went wrong": once is enough.
  if (report.failure) return '❌ Not reported: see "What went wrong" below'
  if (report.dryRun) return '🧪 Dry run: nothing was sent'
  if (report.post) {
    const how = report.post.foundInRecord
      ? `the answer was lost, and Multitudes' record lists it at ${report.post.foundInRecord}`
      : `HTTP ${report.post.status}`
    return `✅ Reported (${how})${report.verified ? ', verified by reading it back' : ''}`
  }
  return '❔ Not reported'
}
