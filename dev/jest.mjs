// `npm test` and `npm run mutate` on every OS: jest's ESM mode needs a Node flag, and a
// `NODE_OPTIONS=… jest` script line does not run in Windows' shell.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const [tool, ...args] = process.argv.slice(2)
const bin = {
  jest: 'jest/bin/jest.js',
  stryker: '@stryker-mutator/core/bin/stryker.js'
}[tool]
if (!bin) {
  console.error(`dev/jest.mjs: expected jest or stryker, got ${tool}`)
  process.exit(2)
}
const env = {
  ...process.env,
  NODE_OPTIONS: [process.env.NODE_OPTIONS, '--experimental-vm-modules']
    .filter(Boolean)
    .join(' '),
  NODE_NO_WARNINGS: '1'
}
const { status, signal } = spawnSync(
  process.execPath,
  [fileURLToPath(new URL(`../node_modules/${bin}`, import.meta.url)), ...args],
  {
    stdio: 'inherit',
    env
  }
)
process.exit(status ?? (signal ? 1 : 0))
