// Preloaded with --import: writes the process's peak resident memory (KiB) to $PEAK_RSS_FILE.
import { writeFileSync } from 'node:fs'

process.on('exit', () => {
  if (process.env.PEAK_RSS_FILE) {
    writeFileSync(
      process.env.PEAK_RSS_FILE,
      String(process.resourceUsage().maxRSS)
    )
  }
})
