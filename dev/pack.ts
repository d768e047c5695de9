/**
 * `npm run pack`: the npm package as users install it. dist/ bundles every dependency, so the
 * published manifest has none: installing the CLI pulls in nothing else (and never the Node
 * binary this repository uses for its own development). Prints the tarball's path.
 */
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
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

export function pack(out = mkdtempSync(path.join(tmpdir(), 'pack-'))): string {
  const pkg = JSON.parse(
    readFileSync(path.join(ROOT, 'package.json'), 'utf8')
  ) as Record<string, unknown> & { files: string[] }
  const stage = mkdtempSync(path.join(tmpdir(), 'stage-'))
  for (const file of pkg.files)
    cpSync(path.join(ROOT, file), path.join(stage, file), { recursive: true })
  writeFileSync(
    path.join(stage, 'package.json'),
    `${JSON.stringify(packageManifest(pkg), null, 2)}\n`
  )
  const name = execFileSync(
    'npm',
    ['pack', '--silent', '--pack-destination', out],
    { cwd: stage, encoding: 'utf8' }
  ).trim()
  return path.join(out, name)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(pack(process.argv[2]))
}
