/** The runner's file commands: the files a step writes its outputs, state, env and summary to. */

/** Each file-command variable and the file name the runner gives it. */
export const FILES = {
  GITHUB_OUTPUT: 'set_output',
  GITHUB_STATE: 'save_state',
  GITHUB_ENV: 'set_env',
  GITHUB_PATH: 'add_path',
  GITHUB_STEP_SUMMARY: 'step_summary'
} as const

/**
 * Parses file-command records as the runner does: `name=value` lines and
 * `name<<delimiter` … `delimiter` heredocs, whichever separator comes first. Like the runner, it
 * throws on a line that is neither, and on a heredoc whose delimiter never comes; the runner then
 * fails the step.
 */
export function parseFileCommands(text: string): Record<string, string> {
  const result: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (line === '') continue
    const equals = line.indexOf('=')
    const heredoc = line.indexOf('<<')
    if (equals > 0 && (heredoc < 0 || equals < heredoc)) {
      result[line.slice(0, equals)] = line.slice(equals + 1)
    } else if (heredoc > 0 && (equals < 0 || heredoc < equals)) {
      const delimiter = line.slice(heredoc + 2)
      const end = lines.indexOf(delimiter, i + 1)
      if (delimiter === '' || end < 0) {
        throw new Error(`Matching delimiter not found '${delimiter}'`)
      }
      result[line.slice(0, heredoc)] = lines.slice(i + 1, end).join('\n')
      i = end
    } else {
      throw new Error(`Invalid format '${line}'`)
    }
  }
  return result
}
