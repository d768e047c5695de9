import { afterEach, describe, expect, it } from '@jest/globals'
import * as core from '@actions/core'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  addDeploymentSummary,
  pullRequestNumbers,
  SUMMARY_BUDGET,
  writeSummary
} from '../src/summary.js'
import { emptyReport } from '../src/report.js'
import {
  failureOf,
  HEAD,
  BASE,
  PAYLOAD,
  reportedRun,
  RANGE
} from '../__fixtures__/reports.js'
import { stdout } from '../__fixtures__/stdout.js'

afterEach(() => {
  core.summary.emptyBuffer()
  delete process.env.GITHUB_STEP_SUMMARY
  stdout.clear()
})

function render(report: Parameters<typeof addDeploymentSummary>[0]): string {
  addDeploymentSummary(report)
  return core.summary.stringify()
}

describe('the job summary', () => {
  it('a deployment found in the record after a lost answer says so, with the listed time', () => {
    const run = reportedRun()
    const html = render({
      ...run,
      post: {
        status: 0,
        body: '',
        complete: true,
        requestId: undefined,
        attempts: 1,
        foundInRecord: '2026-11-30T09:15:00.000Z'
      }
    })

    expect(html).toContain(
      '✅ Reported (the answer was lost, and Multitudes&#39; record lists it at 2026-11-30T09:15:00.000Z)'
    )
  })

  it('shows the environment, result, strategy, range with a compare link, count and flags', () => {
    const html = render(reportedRun())

    expect(html).toContain('<h2>Multitudes deployment: production</h2>')
    expect(html).toContain('✅ Reported (HTTP 201)')
    expect(html).toContain('auto (base from: push)')
    expect(html).toContain(
      `<a href="https://github.com/octo-org/octo-repo/compare/${BASE}...${HEAD}">ccccccc → aaaaaaa</a> (ahead, from the checkout)`
    )
    expect(html).toMatch(/<td>Commits<\/td><td>2<\/td>/)
    expect(html).toContain('2026-11-30T09:15:00.000Z')
    expect(html).toMatch(/<td>Test<\/td><td>false<\/td>/)
    expect(html).toMatch(/<td>Dry run<\/td><td>false<\/td>/)
  })

  it('lists the commits, linked and escaped, in a collapsed block, and the PRs', () => {
    const html = render(reportedRun())

    expect(html).toContain('<details><summary>2 commits</summary>')
    expect(html).toContain(
      `<a href="https://github.com/octo-org/octo-repo/commit/${HEAD}">aaaaaaa</a>`
    )
    expect(html).toContain(
      'Fix the &#60;b&#62;parser&#60;/b&#62; (#11) (Grace &#60;Hopper&#62;)'
    )
    expect(html).not.toContain('<b>parser</b>')
    expect(html).toContain(
      'Pull requests: <a href="https://github.com/octo-org/octo-repo/pull/11">#11</a>, <a href="https://github.com/octo-org/octo-repo/pull/12">#12</a>'
    )
  })

  it('of a huge range, lists the newest commits and counts the rest', () => {
    const shas = Array.from({ length: 250 }, (_, i) =>
      i.toString(16).padStart(40, '0')
    )
    const html = render(
      reportedRun({
        payload: { ...PAYLOAD, commitSha: [...shas, 'f'.repeat(40)] },
        commits: shas.slice(0, 240).map((sha) => ({
          sha,
          author: 'A',
          subject: 'Merge pull request #5'
        }))
      })
    )
    expect(html).toContain('<summary>251 commits</summary>')
    expect(html).toContain('<li>… and 51 more</li>')
    expect(html).toContain('Pull requests (in the newest 240 commits):')
    expect(html.match(/<li><code>/g)).toHaveLength(200)
  })

  it('of exactly 200 commits lists them all, with no count of more', () => {
    const shas = Array.from({ length: 200 }, (_, i) =>
      i.toString(16).padStart(40, '0')
    )
    const html = render(
      reportedRun({
        payload: { ...PAYLOAD, commitSha: shas },
        commits: shas.map((sha) => ({ sha, author: 'A', subject: 's' }))
      })
    )

    expect(html.match(/<li><code>/g)).toHaveLength(200)
    expect(html).not.toContain('more</li>')
  })

  it('of a failure without fields lists none', () => {
    const html = render(
      reportedRun({
        post: undefined,
        failure: failureOf('m', { status: 503, outage: true })
      })
    )

    expect(html).not.toContain('<ul></ul>')
    expect(html.endsWith('<h3>What went wrong</h3>\n<p>m</p>\n')).toBe(true)
  })

  it('says when max-commits cut the list', () => {
    const html = render(
      reportedRun({ range: { ...RANGE, total: 5000, truncated: true } })
    )
    expect(html).toContain('2 of 5000 (truncated by max-commits)')
  })

  it('on a dry run says that nothing was sent', () => {
    const html = render(reportedRun({ post: undefined, dryRun: true }))
    expect(html).toContain('🧪 Dry run: nothing was sent')
    expect(html).toMatch(/<td>Dry run<\/td><td>true<\/td>/)
  })

  it('on failure says what went wrong, per field, and what to do', () => {
    const html = render(
      reportedRun({
        post: undefined,
        failure: failureOf(
          'Multitudes rejected the deployment as invalid (400).',
          {
            hint: 'Fix the fields named above.',
            status: 400,
            requestId: 'req-7',
            fields: [{ field: 'commitSha', message: 'must be hex' }]
          }
        )
      })
    )
    expect(html).toContain(
      '❌ Not reported: see &#34;What went wrong&#34; below'
    )
    // The message is written once, under its heading.
    expect(html.split('rejected the deployment as invalid')).toHaveLength(2)
    expect(html).toContain('<h3>What went wrong</h3>')
    expect(html).toContain('<li>commitSha: must be hex</li>')
    expect(html).toContain('Request id: <code>req-7</code>')
    expect(html).toContain('<b>What to do:</b> Fix the fields named above.')
  })

  it('a failure before the range keeps the head and base already found', () => {
    const html = render({
      ...emptyReport('https://github.com', 'octo-org/octo-repo'),
      environment: 'production',
      resolved: { head: HEAD, base: BASE, baseSource: 'previous-deployment' },
      failure: failureOf('The checkout is shallow; use `fetch-depth: 0`.', {
        hint: 'Set `commit-source: api`.'
      })
    })

    expect(html).toContain(`<td>Head</td><td><code>${HEAD}</code></td>`)
    expect(html).toContain(
      `<td>Base</td><td><code>${BASE}</code> (from: previous-deployment)</td>`
    )
    expect(html).toContain('use <code>fetch-depth: 0</code>.')
    expect(html).toContain('Set <code>commit-source: api</code>.')
  })

  it('an environment that failed validation leaves no empty cell', () => {
    const html = render({
      ...emptyReport('https://github.com'),
      failure: failureOf('Invalid \'environment\': "". Expected a name.', {
        input: true
      })
    })

    expect(html).toContain('<h2>Multitudes deployment</h2>')
    expect(html).not.toContain('<td>Environment</td>')
    expect(html).not.toMatch(/<td><\/td>/)
  })

  it('shows title and tags, on a dry run too', () => {
    const html = render(
      reportedRun({
        post: undefined,
        dryRun: true,
        title: 'Release <1.2>',
        tags: ['rollback', 'hotfix']
      })
    )

    expect(html).toContain('<td>Title</td><td>Release &#60;1.2&#62;</td>')
    expect(html).toContain(
      '<td>Tags</td><td><code>rollback</code> <code>hotfix</code></td>'
    )
  })

  it('without a repository, shows SHAs without links', () => {
    const html = render(reportedRun({ repository: undefined }))
    expect(html).not.toContain('<a href')
  })

  it('explains a run with nothing to do', () => {
    const html = render({
      ...emptyReport('https://github.com'),
      skipped: 'the push deleted refs/heads/x'
    })
    expect(html).toContain(
      '⏭️ Nothing to report: the push deleted refs/heads/x'
    )
  })
})

describe('writeSummary', () => {
  it('appends the summary to the step summary file, and empties the buffer', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'summary-'))
    const file = path.join(dir, 'step-summary')
    writeFileSync(file, 'earlier step\n')
    process.env.GITHUB_STEP_SUMMARY = file
    try {
      await writeSummary(reportedRun())

      const written = readFileSync(file, 'utf8')
      expect(
        written.startsWith(
          'earlier step\n<h2>Multitudes deployment: production</h2>'
        )
      ).toBe(true)
      expect(written.split('<h2>')).toHaveLength(2)
      expect(core.summary.stringify()).toBe('')
      expect(stdout.text()).not.toContain('::warning::')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('warns, and never throws, when the summary file is missing', async () => {
    await expect(writeSummary(reportedRun())).resolves.toBeUndefined()
    expect(stdout.text()).toMatch(/::warning::Could not write the job summary/)
  })
})

describe('pullRequestNumbers', () => {
  it('finds merge and squash PR numbers, once each, in order', () => {
    expect(
      pullRequestNumbers([
        'Merge pull request #42 from octo/feature',
        'Add login (#7)',
        'Revert "Add login (#7)" (#9)',
        'Bump deps #3 in the middle',
        'Merge branch main'
      ])
    ).toEqual([7, 9, 42])
    expect(
      pullRequestNumbers([
        'Revert "Merge pull request #5 from octo/x"',
        'Fix (#8)x',
        'Fix (#6)  '
      ])
    ).toEqual([6])
  })
})

describe('the summary size', () => {
  it('stays small with 200 commits of 10,000-character subjects, cutting each', () => {
    const commits = Array.from({ length: 200 }, (_, i) => ({
      sha: i.toString(16).padStart(40, '0'),
      author: 'a'.repeat(500),
      subject: `${'s'.repeat(10_000)} (#${i})`
    }))

    const html = render(reportedRun({ commits }))

    expect(html.length).toBeLessThan(SUMMARY_BUDGET / 4)
    expect(html).toContain(`${'s'.repeat(199)}…`)
    expect(html).not.toContain('s'.repeat(201))
  })
})

describe('the job summary, whole', () => {
  const repo = 'https://github.com/octo-org/octo-repo'
  const table = (rows: [string, string][]): string =>
    `<table><tr><th>Field</th><th>Value</th></tr>${rows.map(([f, v]) => `<tr><td>${f}</td><td>${v}</td></tr>`).join('')}</table>`
  const range = `<a href="${repo}/compare/${BASE}...${HEAD}">ccccccc → aaaaaaa</a> (ahead, from the checkout)`
  const commit = (sha: string, text: string): string =>
    `<li><code><a href="${repo}/commit/${sha}">${sha.slice(0, 7)}</a></code> ${text}</li>`
  const first = commit(
    HEAD,
    'Merge pull request #12 from octo/feature (Ada Lovelace)'
  )
  const pr = (n: number): string => `<a href="${repo}/pull/${n}">#${n}</a>`

  it('of a verified deployment with a title and tags: every row, the PRs and the commits', () => {
    const html = render(
      reportedRun({ verified: true, title: 'Release 1.2', tags: ['a', 'b'] })
    )

    expect(html.split('\n')).toEqual([
      '<h2>Multitudes deployment: production</h2>',
      table([
        ['Environment', 'production'],
        ['Result', '✅ Reported (HTTP 201), verified by reading it back'],
        ['Strategy', 'auto (base from: push)'],
        ['Range', range],
        ['Commits', '2'],
        ['deployedAt', '2026-11-30T09:15:00.000Z'],
        ['Title', 'Release 1.2'],
        ['Tags', '<code>a</code> <code>b</code>'],
        ['Test', 'false'],
        ['Dry run', 'false']
      ]),
      `<p>Pull requests: ${pr(11)}, ${pr(12)}</p>`,
      `<details><summary>2 commits</summary><ul>${first}${commit(
        'b'.repeat(39) + '2',
        'Fix the &#60;b&#62;parser&#60;/b&#62; (#11) (Grace &#60;Hopper&#62;)'
      )}</ul></details>`,
      ''
    ])
  })

  it('of one commit says "1 commit"', () => {
    const run = reportedRun()
    const html = render({
      ...run,
      payload: { ...PAYLOAD, commitSha: [HEAD] },
      commits: [run.commits[0]]
    })

    expect(html).toContain(
      `<details><summary>1 commit</summary><ul>${first}</ul></details>`
    )
  })

  it('of a rejected deployment: the message with its code spans, 20 fields and a count of the rest, the request id and what to do', () => {
    const html = render(
      reportedRun({
        post: undefined,
        failure: failureOf('Multitudes said `x`, `<b>` and `y&#96;z`.', {
          hint: 'Run `a` again.',
          status: 400,
          requestId: 'req-7',
          fields: Array.from({ length: 22 }, (_, i) => ({
            field: `f${i}`,
            message: `m${i}`
          }))
        })
      })
    )

    const lines = html.split('\n')
    expect(lines.slice(-6)).toEqual([
      '<h3>What went wrong</h3>',
      '<p>Multitudes said <code>x</code>, <code>&#60;b&#62;</code> and <code>y&#38;#96;z</code>.</p>',
      `<ul>${Array.from({ length: 20 }, (_, i) => `<li>f${i}: m${i}</li>`).join('')}<li>… and 2 more (all of them are in the response output)</li></ul>`,
      '<p>Request id: <code>req-7</code></p>',
      '<p><b>What to do:</b> Run <code>a</code> again.</p>',
      ''
    ])
    expect(lines).toHaveLength(10)
  })

  it('of exactly 20 fields lists them all, with no count', () => {
    const html = render(
      reportedRun({
        post: undefined,
        failure: failureOf('m', {
          status: 400,
          fields: Array.from({ length: 20 }, (_, i) => ({
            field: `f${i}`,
            message: `m${i}`
          }))
        })
      })
    )

    expect(html).toContain('<li>f19: m19</li></ul>')
    expect(html).not.toContain('more (all of them')
    expect(html).not.toContain('Request id')
    expect(html).not.toContain('What to do')
  })

  it('of a run that computed nothing: the result and the flags only', () => {
    expect(render(emptyReport('https://github.com')).split('\n')).toEqual([
      '<h2>Multitudes deployment</h2>',
      table([
        ['Result', '❔ Not reported'],
        ['Test', 'false'],
        ['Dry run', 'false']
      ]),
      ''
    ])
  })

  it('of a range without a base, from the compare API, before the payload was built', () => {
    const html = render(
      reportedRun({
        strategy: undefined,
        payload: undefined,
        commits: [],
        range: {
          ...RANGE,
          base: undefined,
          baseRef: 'v1.0',
          baseSource: 'tag',
          status: 'unavailable',
          source: 'api',
          shas: [HEAD]
        }
      })
    )
    const none = render(
      reportedRun({
        range: { ...RANGE, base: undefined, baseRef: undefined }
      })
    )

    expect(html).toContain(
      '<tr><td>Strategy</td><td> (base from: tag)</td></tr><tr><td>Range</td><td>v1.0 → aaaaaaa (unavailable, from the compare API)</td></tr><tr><td>Commits</td><td>1</td></tr>'
    )
    expect(html).not.toContain('<details>')
    expect(html).not.toContain('Pull requests')
    expect(none).toContain('<td>none → aaaaaaa (ahead, from the checkout)</td>')
  })

  it('of a run stopped after head, before base', () => {
    const html = render({
      ...emptyReport('https://github.com'),
      resolved: { head: HEAD, base: undefined, baseSource: undefined }
    })

    expect(html).toContain(
      `<tr><td>Head</td><td><code>${HEAD}</code></td></tr><tr><td>Base</td><td>not found yet</td></tr>`
    )
  })
})
