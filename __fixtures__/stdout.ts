interface Captured {
  text(): string
  clear(): void
}

/** What the code under test wrote to stdout since the last clear (see capture-stdout.ts). */
export const stdout = (globalThis as unknown as { capturedStdout: Captured })
  .capturedStdout
