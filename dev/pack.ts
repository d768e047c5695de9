/**
 * `npm run pack`: the npm package as users install it. dist/ bundles every dependency, so the
 * published manifest has none: installing the CLI pulls in nothing else (and never the Node
 * binary this repository uses for its own development). Prints the tarball's absolute path:
 * `npm run pack -- <folder>` puts it in that folder, else in a new temporary one. The staging
 * folder is removed.
 */
import { execFileSync } from 'node:child_process'
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export function packageManifest(
  pkg: Record<string, unknown>
): Record<string, unknown> {
  const dropped = new Set([
    'dependencies',
    'devDependencies',
    'optionalDependencies',
    'scripts'
  ])
  return Object.fromEntries(
    Object.entries(pkg).filter(([key]) => !dropped.has(key))
  )
}

/** Packs into `out` (default: a new temporary folder) and returns the tarball's absolute path. */
export function pack(out = mkdtempSync(path.join(tmpdir(), 'pack-'))): string {
  const pkg = JSON.parse(
    readFileSync(path.join(ROOT, 'package.json'), 'utf8')
  ) as Record<string, unknown> & { files: string[] }
  const stage = mkdtempSync(path.join(tmpdir(), 'stage-'))
  try {
    for (const file of pkg.files)
      cpSync(path.join(ROOT, file), path.join(stage, file), { recursive: true })
    writeFileSync(
      path.join(stage, 'package.json'),
      `${JSON.stringify(packageManifest(pkg), null, 2)}\n`
    )
    const name = execFileSync(
      'npm',
      ['pack', '--silent', '--pack-destination', path.resolve(out)],
      { cwd: stage, encoding: 'utf8', shell: process.platform === 'win32' }
    ).trim()
    return path.resolve(out, name)
  } finally {
    rmSync(stage, { recursive: true, force: true })
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(pack(process.argv[2]))
}
