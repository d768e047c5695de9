// Module hooks for register-ts.mjs (they run on the loader thread).
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

/** Node 22.18 and later strip types by default; before that the `typescript` package does. */
const NATIVE = Boolean(process.features.typescript)

let ts

/** src/ imports './x.js' (for the bundler); the file on disk is './x.ts'. */
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context)
  } catch (error) {
    if (specifier.startsWith('.') && specifier.endsWith('.js')) {
      return next(`${specifier.slice(0, -3)}.ts`, context)
    }
    throw error
  }
}

export async function load(url, context, next) {
  if (NATIVE || !url.startsWith('file:') || !url.endsWith('.ts')) {
    return next(url, context)
  }
  ts ??= (await import('typescript')).default
  const fileName = fileURLToPath(url)
  const { outputText } = ts.transpileModule(await readFile(fileName, 'utf8'), {
    fileName,
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      inlineSourceMap: true
    }
  })
  return { format: 'module', source: outputText, shortCircuit: true }
}
