/**
 * What the bundle loads at start-up: undici and Octokit only in chunks loaded on first use, and
 * no source touching the global fetch classes (each loads Node's own undici). It reads dist/,
 * so it runs with the end-to-end tests and not under mutation testing.
 */
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'

describe('start-up', () => {
  it("no source touches the global Request, Response or Headers (each loads Node's own undici)", () => {
    const root = new URL('../src/', import.meta.url)
    const sources = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => {
        const code = readFileSync(new URL(f, root), 'utf8')
          .replace(/\/\*[^]*?\*\//g, '')
          .replace(/\/\/.*$/gm, '')
        return [f, code] as const
      })

    expect(sources.length).toBeGreaterThan(20)
    const touching = sources
      .filter(([, text]) =>
        /\binstanceof (Request|Response|Headers)\b|\bnew (Request|Response|Headers)\(/.test(
          text
        )
      )
      .map(([file]) => file)
    expect(touching).toEqual([])
  })

  // Strings only these packages hold: undici's diagnostics channel, Octokit's user agent.
  const markers = {
    undici: 'undici:client:connected',
    octokit: 'octokit-core.js/'
  }

  it.each(['dist', 'dist/cli'])(
    '%s/index.js leaves undici and Octokit to chunks loaded on first use',
    (folder) => {
      const dir = new URL(`../${folder}/`, import.meta.url)
      const read = (file: string) => readFileSync(new URL(file, dir), 'utf8')
      const chunks = readdirSync(dir)
        .filter((f) => /^\d+\.index\.js$/.test(f))
        .map(read)
        .join('\n')
      for (const marker of Object.values(markers)) {
        expect(read('index.js')).not.toContain(marker)
        expect(chunks).toContain(marker)
      }
    }
  )
})
