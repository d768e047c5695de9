import { InputError } from '../errors.js'
import type { GitClient } from '../git.js'
import type { Inputs } from '../inputs.js'
import type { RunContext } from '../context.js'
import type { BaseChoice } from './types.js'

const NONE: BaseChoice = { ref: undefined, source: 'none' }

type Deps = { git: GitClient }
type Options = Pick<Inputs, 'strategy' | 'base' | 'tagPattern'>

/** Finds base for the chosen strategy; `auto` takes the first that answers. */
export async function chooseBase(
  inputs: Options,
  ctx: RunContext,
  head: string,
  { git }: Deps
): Promise<BaseChoice> {
  switch (inputs.strategy) {
    case 'head':
      return NONE
    case 'base':
      return { ref: inputs.base, source: 'input' }
    case 'push':
      if (ctx.eventName !== 'push') {
        throw new InputError(
          `Invalid 'strategy': "push" needs a push event, but this run was triggered by '${ctx.eventName}'. Expected 'auto', 'base' or another strategy.`
        )
      }
      return fromPush(ctx)
    case 'parent': {
      const parent = await git.resolveCommit(`${head}^1`)
      return parent ? { ref: parent, source: 'parent' } : NONE
    }
    case 'tag': {
      const tag = await git.nearestTag(head, inputs.tagPattern ?? '*')
      return tag ? { ref: tag, source: 'tag' } : NONE
    }
    case 'previous-deployment':
      throw new InputError(
        `Invalid 'strategy': "previous-deployment" is not available in this version. Expected 'auto', 'push', 'base', 'tag', 'parent' or 'head'.`
      )
    case 'auto':
      if (inputs.base !== undefined)
        return { ref: inputs.base, source: 'input' }
      return ctx.eventName === 'push' ? fromPush(ctx) : NONE
  }
}

function fromPush(ctx: RunContext): BaseChoice {
  // A created branch has `before` all zeros: no base.
  return ctx.pushBefore ? { ref: ctx.pushBefore, source: 'push' } : NONE
}
