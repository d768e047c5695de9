#!/usr/bin/env node
import { main } from './quick.js'

await main(process.argv.slice(2))
