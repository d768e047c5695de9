/** "1 commit", "5 commits": a count with its noun. */
export const plural = (n: number | string, noun: string): string =>
  `${n} ${noun}${Number(n) === 1 ? '' : 's'}`
