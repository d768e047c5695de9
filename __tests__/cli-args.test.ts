/** The CLI's command line, read against its one flag table: values, switches and every mistake. */
import { describe, expect, it } from '@jest/globals'
import { readCommandLine, suggest, UsageError } from '../src/cli/args.js'

describe('suggest', () => {
  const known = ['environment', 'dry-run', 'api-url', 'head']

  it.each([
    ['env', 'environment'], // a prefix of a flag
    ['enviroment', 'environment'], // a letter left out
    ['environmnet', 'environment'], // two swapped at the end
    ['environmentt', 'environment'], // one added at the end
    ['dry-rn', 'dry-run'],
    ['haed', 'head']
  ])('%s → %s', (typo, flag) => {
    expect(suggest(typo, known)).toBe(flag)
  })

  it('suggests nothing that is far from every flag, nor a flag that only ends the same', () => {
    expect(suggest('nope', known)).toBeUndefined()
    expect(suggest('url', known)).toBeUndefined()
    // Three letters off, the last of them at the end: every letter counts.
    expect(suggest('dry-runxxx', known)).toBeUndefined()
  })
})

describe('readCommandLine', () => {
  it('reads values, switches and a flag given once for each value, in order', () => {
    const line = readCommandLine(
      [
        'report',
        '--environment',
        'production',
        '--dry-run',
        '--paths',
        'a',
        '--paths=b',
        '--title=--x'
      ],
      'report'
    )

    expect(line).toEqual({
      values: {
        environment: 'production',
        'dry-run': true,
        paths: ['a', 'b'],
        title: '--x'
      },
      positionals: ['report']
    })
  })

  it('takes -h as --help, and what follows -- as positionals', () => {
    expect(readCommandLine(['report', '-h'], 'report').values).toEqual({
      help: true
    })
    expect(
      readCommandLine(['report', '--', '--environment'], 'report')
    ).toEqual({ values: {}, positionals: ['report', '--environment'] })
  })

  it.each([
    [
      ['--dry-run', 'TRUE'],
      '--dry-run is a switch and takes no value, but "TRUE" follows it.'
    ],
    [
      ['--environment', '-p'],
      '--environment needs a value, but the flag -p follows it.'
    ],
    [
      ['--environment', '--dry-run'],
      '--environment needs a value, but the flag --dry-run follows it.'
    ],
    [['--help', 'x'], undefined],
    [['--dry-run', 'truely'], undefined],
    [['--dry-run', 'not-false'], undefined],
    [['--environment', '-1'], undefined]
  ])('%j: %s', (argv, message) => {
    const read = () => readCommandLine(argv, 'report')

    expect(errorOf(read)).toBe(message)
  })

  it('names an unknown short flag as it was written', () => {
    expect(errorOf(() => readCommandLine(['-x'], 'report'))).toBe(
      'Unknown flag -x.'
    )
  })
})

/** The UsageError's message, or undefined when the line reads. */
function errorOf(read: () => unknown): string | undefined {
  try {
    read()
    return undefined
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError)
    return (error as UsageError).message.replace(/ (For|Write) .*$/, '')
  }
}
