/**
 * Inputs that are each valid but do not work together: one message says which, and what instead.
 */
import { InputError } from './errors.js'
import { checkSecret } from './input-text.js'
import type { Inputs } from './input-values.js'

export function checkCombinations(inputs: Inputs): void {
  if (inputs.apiKey === undefined && !inputs.dryRun) {
    throw new InputError(
      `Input 'api-key' is empty and MULTITUDES_API_KEY is not set. Expected a Multitudes API key with the Deployments write scope, e.g. 'api-key: \${{ secrets.MULTITUDES_API_KEY }}'. Secrets are not passed to workflows triggered from forks; use 'dry-run: true' there.`
    )
  }
  if (inputs.apiKey !== undefined) checkSecret('api-key', inputs.apiKey)
  if (inputs.githubToken !== undefined)
    checkSecret('github-token', inputs.githubToken)
  if (inputs.strategy === 'base' && inputs.base === undefined) {
    throw new InputError(
      `Input 'base' is required when 'strategy' is 'base': a commit SHA or ref.`
    )
  }
  if (inputs.strategy === 'tag' && inputs.tagPattern === undefined) {
    throw new InputError(
      `Input 'tag-pattern' is required when 'strategy' is 'tag': a glob such as 'v*'.`
    )
  }
  if (
    inputs.strategy === 'multitudes' &&
    (!inputs.recordCheck || inputs.apiKey === undefined)
  ) {
    throw new InputError(
      `Invalid 'strategy': "multitudes" reads Multitudes' record, but ${inputs.apiKey === undefined ? "'api-key' is empty" : "'record-check' is false"}. Expected an API key with the Deployments read scope and 'record-check: true', or another strategy.`
    )
  }
  if (inputs.paths.length > 0 && inputs.commitSource === 'api') {
    throw new InputError(
      `Input 'paths' needs the git source, but 'commit-source' is 'api'. Expected 'commit-source: git' (or 'auto') with a checkout.`
    )
  }
}
