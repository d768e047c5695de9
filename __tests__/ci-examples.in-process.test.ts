/**
 * ci-examples.e2e.test.ts again, with the CLI's source run in this process instead of the bundle
 * in a child: every CI's variables, where Stryker can see the code they reach.
 */
import { cliMode } from '../__fixtures__/run-cli.js'

cliMode.inProcess = true
await import('./ci-examples.e2e.test.ts')
