/**
 * The boundary for outside text: whatever a commit subject, an API body or an event name holds,
 * what reaches a log line can start no workflow command and what reaches the summary stays
 * inside its HTML cell.
 */
import { describe, expect, it } from '@jest/globals'
import { Parser, HtmlRenderer } from 'commonmark'
import fc from 'fast-check'
import {
  addSecret,
  clip,
  jsonText,
  logLine,
  printable,
  redact,
  REDACTED,
  say,
  summaryText
} from '../src/untrusted.js'
import { stdout } from '../__fixtures__/stdout.js'

/** Strings rich in what attacks these sinks: command prefixes, breaks, markup. */
const hostile = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '::',
        '##[',
        'add-mask]',
        'error::',
        '\n',
        '\r',
        '\r\n',
        '\u2028',
        '\u2029',
        '\u0085',
        '\u0000',
        '<',
        '>',
        '&',
        '"',
        "'",
        '`',
        '</td>',
        '<img src=x>',
        '[link](https://evil.example)',
        '![img](https://evil.example/x.png)',
        '# heading',
        ' ',
        '%0A'
      ),
      fc.string({ unit: 'binary', maxLength: 5 })
    ),
    { maxLength: 30 }
  )
  .map((parts) => parts.join(''))

/** How the runner reads a line: `::cmd` at its start (after blanks), `##[cmd` anywhere. */
function isCommand(line: string): boolean {
  return /^\s*::/.test(line) || /##\[/.test(line)
}

describe('logLine', () => {
  it('is one line that starts and holds no workflow command, for any input', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const line = logLine(text)
        expect(line).not.toMatch(/[\r\n\u2028\u2029\u0085]/)
        expect(isCommand(line)).toBe(false)
      }),
      { numRuns: 2000 }
    )
  })

  it.each(['\u2028', '\u2029', '\u0085', '\r', '\n', '\r\n'])(
    'folds %j into a space, so that no command starts a line of its own',
    (separator) => {
      const line = logLine(`deployed${separator}::error::forged`)

      expect(line).toBe('deployed ::error::forged')
      expect(isCommand(line)).toBe(false)
    }
  )

  it('even when it starts a line written by core.info', () => {
    expect(logLine('::add-mask::secret')).toBe(': :add-mask::secret')
    expect(logLine('  ::error::x')).toBe('  : :error::x')
    expect(logLine('note ##[add-mask]x\n::warning::y')).toBe(
      'note ## [add-mask]x ::warning::y'
    )
  })

  it('keeps ordinary text as it is, and cuts long text with an ellipsis', () => {
    expect(logLine('Merge pull request #12 from octo/x')).toBe(
      'Merge pull request #12 from octo/x'
    )
    expect(logLine('x'.repeat(10), 5)).toBe('xxxx…')
    expect(clip('ab😀cd', 4)).toBe('ab…')
  })

  it('clips only past max, and drops only a half pair at the cut', () => {
    expect(clip('abcde', 5)).toBe('abcde')
    expect(clip('abcdef', 5)).toBe('abcd…')
    // A whole pair before the cut stays whole.
    expect(clip('😀abcdef', 5)).toBe('😀ab…')
  })
})

describe('summaryText', () => {
  const render = (cell: string): string =>
    new HtmlRenderer().render(
      new Parser().parse(
        `<table><tr><td>${cell}</td></tr></table>\n\n<p>after</p>\n`
      )
    )

  it('never leaves its HTML cell once rendered as CommonMark, for any input', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const html = render(summaryText(text))
        // One HTML block, passed through whole: no markdown rendered, no element injected.
        expect(html).not.toMatch(/<(img|a|h\d|em|strong|code)\b/)
        expect(html.match(/<td>/g)).toHaveLength(1)
        expect(html.match(/<\/td>/g)).toHaveLength(1)
        expect(isCommand(summaryText(text))).toBe(false)
      }),
      { numRuns: 2000 }
    )
  })

  it('escapes markup and folds line breaks that would end the HTML block', () => {
    expect(summaryText('a\r\n\r\n# b <i>c</i> `d`')).toBe(
      'a # b &#60;i&#62;c&#60;/i&#62; &#96;d&#96;'
    )
  })
})

// Controls but the line feed that ends a JSON line.
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/

describe('the one redaction point', () => {
  const KEY = 'mtd_redaction_test_key'
  addSecret(`Bearer ${KEY}`)
  addSecret('short')

  it('replaces a secret and its token part, raw, JSON-escaped and URL-encoded, in every sink', () => {
    const quoted = `Bearer ${KEY} / ${KEY} / ${JSON.stringify(`Bearer ${KEY}`)} / ${encodeURIComponent(`Bearer ${KEY}`)}`
    for (const out of [
      redact(quoted),
      logLine(quoted),
      summaryText(quoted),
      printable(quoted),
      jsonText({ quoted })
    ]) {
      expect(out).not.toContain(KEY)
      expect(out).toContain(REDACTED)
    }
    expect(redact(`x ${KEY} y`)).toBe(`x ${REDACTED} y`)
  })

  it('leaves values too short to be a key alone, so ordinary words survive', () => {
    expect(redact('a short line')).toBe('a short line')
    expect(redact('Stryker was here')).toBe('Stryker was here')
  })

  it('redacts as ***, from eight characters up, and masks every part in the runner log, short ones too', () => {
    stdout.clear()
    addSecret('8charKEY')
    addSecret('tiny')

    expect(redact('x 8charKEY y')).toBe('x *** y')
    expect(redact('a tiny word')).toBe('a tiny word')
    expect(stdout.text()).toBe('::add-mask::8charKEY\n::add-mask::tiny\n')
  })

  it('takes the token part of "<scheme> <token>" only, with any run of spaces between', () => {
    stdout.clear()
    addSecret('Token  spacedtokenvalue')
    addSecret('three partsvalue wordsvalueX')

    expect(redact('spacedtokenvalue')).toBe(REDACTED)
    expect(redact('partsvalue and wordsvalueX')).toBe(
      'partsvalue and wordsvalueX'
    )
    expect(stdout.text()).toBe(
      '::add-mask::Token  spacedtokenvalue\n::add-mask::spacedtokenvalue\n::add-mask::three partsvalue wordsvalueX\n'
    )
  })

  it('replaces the longer of two secrets whole, when one starts with the other', () => {
    addSecret('prefixsecret')
    addSecret('prefixsecretLONGER')

    expect(redact('prefixsecretLONGER')).toBe(REDACTED)
  })

  it('finds a secret JSON-escaped inside a longer JSON string', () => {
    const key = 'mtd_quote"and\\slash'
    addSecret(key)

    const body = JSON.stringify({ auth: `Bearer ${key}` })

    expect(redact(body)).toBe('{"auth":"Bearer ***"}')
  })

  it('jsonText parses back to the same value (secrets aside) with no raw control or ##[', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const json = jsonText({ text, list: [text] })
        expect(JSON.parse(json)).toEqual({ text, list: [text] })
        expect(json).not.toContain('##[')
        expect(json).not.toMatch(RAW_CONTROL)
      })
    )
  })

  it('printable keeps line breaks and tabs and starts no workflow command on any line', () => {
    const out = printable('a\tb\n::error::x\n##[warning]y\u0085z')
    expect(out.split('\n')).toEqual(['a\tb', ': :error::x', '## [warning]y z'])
  })
})

describe('say', () => {
  it('writes each kind of message through logLine: one line, no workflow command of its own', () => {
    const exitCode = process.exitCode
    stdout.clear()
    try {
      say.info('::error::i\nx')
      say.notice('n ##[error]x', { title: 't' })
      say.warning('w\r\nx')
      say.error('e')
      say.debug('d')
      say.setFailed('f')
    } finally {
      process.exitCode = exitCode
    }

    expect(stdout.text().split('\n')).toEqual([
      ': :error::i x',
      '::notice title=t::n ## [error]x',
      '::warning::w x',
      '::error::e',
      '::debug::d',
      '::error::f',
      ''
    ])
  })
})
