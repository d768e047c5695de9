/** The transport's fetch: a URL, as a string or an object, reaches the server it names. */
import { afterAll, describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createTransport } from '../src/http.js'

const paths: string[] = []
const server = createServer((req, res) => {
  paths.push(req.url ?? '')
  res.end('ok')
})
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
afterAll(() => new Promise((resolve) => server.close(resolve)))

describe('createTransport().fetch', () => {
  it.each([
    ['a string', (p: string) => `${base}${p}`],
    ['a URL', (p: string) => new URL(p, base)]
  ])('takes %s', async (_kind, input) => {
    const path = `/${paths.length}`
    const response = await createTransport().fetch(input(path))

    expect(await response.text()).toBe('ok')
    expect(paths.at(-1)).toBe(path)
  })
})

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
})
