/** Timing: every figure is a sample of runs, timed in turns where several are compared. */
import { performance } from 'node:perf_hooks'

/** Runs of one thing: how many, the fastest and the median. */
export interface Sample {
  n: number
  min: number
  median: number
}

export const median = (xs: readonly number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

export const sampleOf = (xs: readonly number[]): Sample => ({
  n: xs.length,
  min: Math.min(...xs),
  median: median(xs)
})

export const ms = (x: number): string =>
  x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(0)} ms`
export const times = (x: number): string => `${x.toFixed(2)}×`
export const count = (x: number): string => `${Math.round(x)}`
export const mb = (x: number): string => `${x.toFixed(0)} MB`
export const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`
/** A sample as a table cell: the median, then the minimum. */
export const msSample = (s: Sample): string =>
  s.n > 1 ? `${ms(s.median)} (min ${ms(s.min)})` : ms(s.median)

/** Times `runs` calls of `fn`, one after another. */
export async function timed(fn: () => unknown, runs: number): Promise<Sample> {
  const elapsed: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await fn()
    elapsed.push(performance.now() - start)
  }
  return sampleOf(elapsed)
}

/**
 * Times several things in turns (a, b, c, a, b, c, …), so a slow moment of the machine falls on
 * all of them alike and their ratios stay fair.
 */
export async function interleaved<K extends string>(
  fns: Record<K, () => unknown>,
  runs: number
): Promise<Record<K, Sample>> {
  const keys = Object.keys(fns) as K[]
  const elapsed = Object.fromEntries(keys.map((k) => [k, [] as number[]]))
  for (let i = 0; i < runs; i++) {
    for (const key of keys) {
      const start = performance.now()
      await fns[key]()
      elapsed[key].push(performance.now() - start)
    }
  }
  return Object.fromEntries(
    keys.map((k) => [k, sampleOf(elapsed[k])])
  ) as Record<K, Sample>
}
