#!/usr/bin/env node
import { quickAnswer } from './quick.js'

// --help and --version answer from plain data; anything else loads the whole CLI.
const argv = process.argv.slice(2)
const answer = quickAnswer(argv)
if (answer !== undefined) process.stdout.write(`${answer}\n`)
else await (await import('./run.js')).run(argv)
