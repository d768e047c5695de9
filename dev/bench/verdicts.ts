/** Budgets: every verdict is computed from samples of one run, and says by how much. */
import { ms, ratio, times, type Sample } from './measure.ts'

/** A budget and, once measured, whether the figure meets it and by how much. */
export interface Verdict {
  budget: string
  met?: boolean
  margin?: string
  /**
   * The budget means the same at the smoke run's sizes: a count of requests, processes or
   * POSTs, or a size with its own fixed input. Only these are judged in a smoke run.
   */
  anySize?: boolean
  /** The budgets `all` joined, so a smoke run can judge some of them. */
  parts?: Verdict[]
  /**
   * Why this run shows that no program of the kind can meet the budget (`met` is then
   * undefined): the row says so instead of a verdict, and the headline names it.
   */
  unattainable?: string
}

export const INFORMATIVE: Verdict = { budget: 'informative' }

/** `value ≤ limit`, margins in the figure's unit. */
export function atMost(
  value: number,
  limit: number,
  unit: (x: number) => string
): Verdict {
  const met = value <= limit
  return {
    budget: `≤ ${unit(limit)}`,
    met,
    margin: met
      ? `${unit(limit - value)} to spare`
      : `${unit(value - limit)} over`
  }
}

/** `node -e 0`'s median where issue 21 set its start-up budgets in milliseconds. */
export const REFERENCE_NODE_MS = 25

/**
 * `extra ≤ budget` for a start-up budget set in milliseconds where `node -e 0` took 25 ms: on a
 * slower machine the budget grows with `node -e 0`'s median in the same run, since what the
 * action adds over its reference is CPU work that grows alike; on a faster one it stays as set.
 */
export function atMostForMachine(
  extra: number,
  budgetMs: number,
  node: Sample
): Verdict {
  const scale = Math.max(1, node.median / REFERENCE_NODE_MS)
  const verdict = atMost(extra, budgetMs * scale, ms)
  if (scale === 1) return verdict
  return {
    ...verdict,
    budget: `≤ ${ms(budgetMs)} where \`node -e 0\` takes ${REFERENCE_NODE_MS} ms: ${verdict.budget} here, where it took ${ms(node.median)} (${times(scale)})`
  }
}

/** `value ≥ limit`. */
export function atLeast(
  value: number,
  limit: number,
  unit: (x: number) => string
): Verdict {
  const met = value >= limit
  return {
    budget: `≥ ${unit(limit)}`,
    met,
    margin: met
      ? `${unit(value - limit)} to spare`
      : `${unit(limit - value)} short`
  }
}

/**
 * Faster than another tool (medians of runs in turns), judged only where it can be met: when the
 * floor script, the least a Node program can do with the same inputs, is not faster than the tool
 * either, no Node program meets it, and the verdict says so with both figures instead.
 */
export function fasterThan(
  tool: string,
  action: Sample,
  other: Sample,
  floor: Sample
): Verdict {
  const budget = `faster than ${tool}`
  if (action.median < other.median)
    return {
      budget,
      met: true,
      margin: `${ratio(action.median, other.median)} its time`
    }
  if (floor.median >= other.median)
    return {
      budget,
      unattainable: `the floor script took ${ms(floor.median)} against ${ms(other.median)}, so no Node program can be; the action took ${ratio(action.median, floor.median)} the floor's time`
    }
  return {
    budget,
    met: false,
    margin: `${ratio(action.median, other.median)} its time`
  }
}

/** Marks a budget that holds at any size (see `Verdict.anySize`). */
export const anySize = (verdict: Verdict): Verdict => ({
  ...verdict,
  anySize: true
})

/** Several budgets on one row: met only when every one is. */
export function all(...verdicts: Verdict[]): Verdict {
  const judged = verdicts.filter((v) => v.met !== undefined)
  return {
    budget: verdicts.map((v) => v.budget).join('; '),
    met: judged.length ? judged.every((v) => v.met) : undefined,
    margin: judged.map((v) => v.margin).join('; '),
    parts: verdicts
  }
}

/**
 * What a smoke run judges of a verdict: its any-size budgets only. Timed figures at smoke sizes
 * (a few runs, fixed costs dominating) are noise, and a check that fails at random gets ignored;
 * the full run judges them. The others stay in the row's budget, marked as not judged.
 */
export function atSmokeSize(verdict: Verdict): Verdict {
  const parts = verdict.parts ?? [verdict]
  const judged = parts.filter((v) => v.anySize === true && v.met !== undefined)
  const budget = parts
    .map((v) =>
      v.anySize === true ||
      (v.met === undefined && v.unattainable === undefined)
        ? v.budget
        : `${v.budget} (full run only)`
    )
    .join('; ')
  if (judged.length === 0) return { budget }
  return {
    budget,
    met: judged.every((v) => v.met),
    margin: judged.map((v) => v.margin).join('; ')
  }
}
