import { generateRepo } from './bench/repo.ts'
generateRepo('/tmp/xbig', 100_000)
