/** Feeds complete lines of a byte stream to `onLine`, however the chunks split them. */
export function lineSplitter(onLine: (line: string) => void): {
  push: (chunk: Buffer) => void
  end: () => void
} {
  let rest = ''
  const emit = (line: string): void => {
    const trimmed = line.trim()
    if (trimmed !== '') onLine(trimmed.toLowerCase())
  }
  return {
    push: (chunk) => {
      const text = rest + chunk.toString('latin1')
      const parts = text.split('\n')
      rest = parts.pop() ?? ''
      parts.forEach(emit)
    },
    end: () => {
      emit(rest)
      rest = ''
    }
  }
}

/** Non-empty lines, trimmed. */
export function parseLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
}

/** SHA-1 or SHA-256 object names, one a line, lowercased; anything else is ignored. */
export function parseShaLines(text: string): string[] {
  return parseLines(text)
    .map((l) => l.toLowerCase())
    .filter((l) => /^([0-9a-f]{40}|[0-9a-f]{64})$/.test(l))
}
