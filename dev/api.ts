/**
 * `npm run api`: the local Multitudes-compatible API on 127.0.0.1.
 * Options: --port N (default 8787), --persist FILE, --key KEY (write scope; repeatable).
 */
import { parseArgs } from 'node:util'
import {
  DEFAULT_KEYS,
  startMultitudesServer,
  type Scope
} from './multitudes-server.ts'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    persist: { type: 'string' },
    key: { type: 'string', multiple: true }
  }
})
const port = Number(values.port)
if (!/^\d+$/.test(values.port) || port > 65535) {
  console.error(
    `--port ${values.port}: expected a port number from 0 to 65535 (0 picks a free one).`
  )
  process.exit(2)
}
const keys: Record<string, Scope[]> = { ...DEFAULT_KEYS }
for (const key of values.key ?? [])
  keys[key] = ['deployments:write', 'deployments:read']

const server = await startMultitudesServer(
  { keys, persistPath: values.persist },
  port
).catch((error: unknown) => {
  if ((error as { code?: unknown }).code !== 'EADDRINUSE') throw error
  console.error(
    `Port ${port} on 127.0.0.1 is in use (another \`npm run api\`?). Pick another with \`npm run api -- --port ${port + 1}\`, or \`--port 0\` for any free port.`
  )
  process.exit(1)
})
console.log(`Multitudes-compatible API listening on ${server.url}`)
console.log(
  `Keys: ${Object.entries(keys)
    .map(([k, s]) => `${k} (${s.join(', ')})`)
    .join('; ')}`
)
if (values.persist) console.log(`Persisting to ${values.persist}`)
process.on('SIGINT', () => void server.close().then(() => process.exit(0)))
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)))
