/**
 * Jest setup: @actions/core writes workflow commands straight to stdout. Keep them out of the
 * test report, and let tests read them back.
 */
const captured: string[] = []
const write = process.stdout.write.bind(process.stdout)

process.stdout.write = (chunk: string | Uint8Array, ...rest: unknown[]) => {
  captured.push(
    typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString()
  )
  const callback = rest.find((r) => typeof r === 'function') as
    (() => void) | undefined
  callback?.()
  return true
}

Object.assign(globalThis, {
  capturedStdout: {
    text: (): string => captured.join(''),
    clear: (): void => void captured.splice(0),
    write
  }
})
