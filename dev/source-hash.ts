/**
 * The hash of everything dist/ is built from. `npm run build` writes it to dist/source-hash.txt;
 * the end-to-end tests compare it with the working tree, so they never test a stale bundle.
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const HASH_FILE = path.join(ROOT, 'dist/source-hash.txt')

function files(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? files(path.join(dir, e.name))
        : e.name.endsWith('.ts')
          ? [path.join(dir, e.name)]
          : []
    )
    .sort()
}

export function sourceHash(): string {
  const hash = createHash('sha256')
  for (const file of [...files('src'), 'package-lock.json', 'tsconfig.json']) {
    // Line endings normalised: a Windows checkout builds the same bundle.
    const text = readFileSync(path.join(ROOT, file), 'utf8').replace(
      /\r\n/g,
      '\n'
    )
    hash.update(`${file.split(path.sep).join('/')}\n${text}\n`)
  }
  return hash.digest('hex')
}

/** Throws with the fix when dist/ was built from other sources than the working tree's. */
export function assertDistFresh(): void {
  let built = ''
  try {
    built = readFileSync(HASH_FILE, 'utf8').trim()
  } catch {
    // no hash: never built
  }
  if (built !== sourceHash()) {
    throw new Error(
      'dist/ is stale: it was not built from the current src/. Run `npm run build` before the end-to-end tests.'
    )
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(HASH_FILE, `${sourceHash()}\n`)
}
