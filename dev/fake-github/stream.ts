/** The fake GitHub API's streamed faults: a body that never ends in time, or one too large to hold. */
import type http from 'node:http'

/** Writes until the client hangs up; `count` adds up the bytes the client took. */
export function stream(
  res: http.ServerResponse,
  status: number,
  kind: 'trickle' | 'huge',
  count: { bytes: number },
  bytes = 200 * 1024 * 1024
): void {
  res.writeHead(status, { 'Content-Type': 'application/json' })
  if (kind === 'trickle') {
    const timer = setInterval(() => {
      if (res.destroyed || count.bytes > 600) return void clearInterval(timer)
      res.write(count.bytes++ === 0 ? '[' : ' ')
    }, 200)
    timer.unref()
    return
  }
  const chunk = Buffer.from(
    `${'{"id":1,"sha":"0","environment":"x"},'.repeat(1700)}`
  )
  let left = bytes
  res.write('[')
  const pump = (): void => {
    while (left > 0 && !res.destroyed) {
      const piece = chunk.subarray(0, Math.min(chunk.length, left))
      left -= piece.length
      count.bytes += piece.length
      if (!res.write(piece)) return void res.once('drain', pump)
    }
    if (!res.destroyed) res.end('{}]')
  }
  pump()
}
