/** A job summary's HTML as a terminal shows it, for the demo. */

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"'
}

/** Inline HTML as terminal text: code in backticks, links as their text, entities decoded. */
function inlineText(html: string): string {
  return html
    .replace(/<\/?code>/g, '`')
    .replace(/<[^>]+>/g, '')
    .replace(/&#(\d+);/g, (_m, code: string) =>
      String.fromCodePoint(Number(code))
    )
    .replace(/&(amp|lt|gt|quot);/g, (_m, name: string) => ENTITIES[name])
}

/** Text back to HTML, so that decoding it again is a no-op. */
const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** A table as aligned columns, its header underlined. */
function tableText(html: string): string {
  const rows = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<t[dh]>([\s\S]*?)<\/t[dh]>/g)].map((cell) =>
      inlineText(cell[1]).trim()
    )
  )
  const widths = rows[0].map((_, i) =>
    Math.max(...rows.map((row) => [...(row[i] ?? '')].length))
  )
  const line = (row: string[]): string =>
    row
      .map((cell, i) => cell + ' '.repeat(widths[i] - [...cell].length))
      .join('  ')
      .trimEnd()
  const [header, ...body] = rows
  return [
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...body.map(line)
  ].join('\n')
}

/** The job summary's HTML as a person reads it in a terminal: headings, aligned tables, lists. */
export function summaryAsText(html: string): string {
  return inlineText(
    html
      .replace(
        /<table>[\s\S]*?<\/table>/g,
        (table) => `\n${escapeHtml(tableText(table))}\n`
      )
      .replace(/<\/(h\d|p|li|details|summary|ul)>/g, '\n')
      .replace(/<h(\d)>/g, (_m, n: string) => '#'.repeat(Number(n)) + ' ')
      .replace(/<li>/g, '  - ')
      .replace(/<summary>/g, '▸ ')
  )
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}
