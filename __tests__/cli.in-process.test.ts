/**
 * cli.test.ts again, with the CLI's source run in this process instead of the bundle in a child:
 * the same cases, where Stryker can see the code they run.
 */
import { cliMode } from '../__fixtures__/run-cli.js'

cliMode.inProcess = true
await import('./cli.test.ts')
