// `node --import ./dev/register-ts.mjs x.ts`: runs this repository's TypeScript on any Node from 20.
// Node 24 strips the types itself; an older Node gets them stripped by TypeScript, which
// `npm ci` installs on every platform (the Node 24 binary it also installs exists only for some).
import { register } from 'node:module'

register('./ts-hooks.mjs', import.meta.url)
