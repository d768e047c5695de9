/**
 * The git processes a trace (GIT_TRACE2_EVENT) shows as started by the caller: one `start` event
 * each, without the children git starts itself (their session id names their parent's). Each as
 * its first two arguments, e.g. `rev-parse --is-shallow-repository`.
 */
export function startedBy(trace: string): string[] {
  return trace
    .split('\n')
    .filter((line) => line.includes('"event":"start"'))
    .map((line) => JSON.parse(line) as { sid: string; argv: string[] })
    .filter((event) => !event.sid.includes('/'))
    .map((event) => event.argv.slice(1, 3).join(' '))
}
