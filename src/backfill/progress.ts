import { SingleBar } from 'cli-progress'

/** How far the posting is: a bar on a terminal, a line now and then in a CI log. */
export interface Progress {
  start(total: number): void
  update(done: number): void
  stop(): void
}

/** Seconds between progress lines in a log. */
const LINE_EVERY_MS = 5000

/** A progress bar on a terminal (stderr); otherwise a line every few seconds through `log`. */
export function createProgress(
  stream: NodeJS.WriteStream,
  log: (line: string) => void,
  now: () => number = Date.now
): Progress {
  if (stream.isTTY && !process.env.CI) {
    const bar = new SingleBar({
      stream,
      format: 'backfill [{bar}] {value}/{total} sent  {eta_formatted} left',
      hideCursor: true,
      clearOnComplete: true
    })
    return {
      start: (total) => bar.start(total, 0),
      update: (done) => bar.update(done),
      stop: () => bar.stop()
    }
  }
  let total = 0
  let last = 0
  return {
    start: (n) => {
      total = n
      last = now()
    },
    update: (done) => {
      if (now() - last < LINE_EVERY_MS) return
      last = now()
      log(`backfill: ${done} of ${total} sent…`)
    },
    stop: () => undefined
  }
}
