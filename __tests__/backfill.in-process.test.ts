/**
 * backfill.e2e.test.ts again, with the CLI's source run in this process instead of the bundle in
 * a child: the same cases (but those that signal the CLI's process, and the workflows, which run
 * the bundle through bash), where Stryker can see the code they run.
 */
import { cliMode } from '../__fixtures__/run-cli.js'

cliMode.inProcess = true
await import('./backfill.e2e.test.ts')
