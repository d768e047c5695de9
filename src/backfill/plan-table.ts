import { logLine } from '../untrusted.js'
import type { BackfillItem } from './run.js'

/** The plan as a table: date, head, base, commit count, range status, source item. */
export function planTable(items: readonly BackfillItem[]): string {
  const rows = items.map((d) => [
    d.deployedAt,
    d.head.slice(0, 12),
    d.base ? d.base.slice(0, 12) : '(none)',
    String(d.commitCount),
    d.rangeStatus,
    // A release's tag name comes from GitHub: one short line, no workflow command.
    logLine(d.source, 120)
  ])
  const header = ['date', 'head', 'base', 'commits', 'range', 'source']
  const widths = header.map((h, c) =>
    Math.max(h.length, ...rows.map((r) => r[c].length))
  )
  return [header, ...rows]
    .map((r) =>
      r
        .map((cell, c) => cell.padEnd(widths[c]))
        .join('  ')
        .trimEnd()
    )
    .join('\n')
}
