import { afterEach, describe, expect, it } from '@jest/globals'
import * as core from '@actions/core'
import {
  addDeploymentSummary,
  pullRequestNumbers,
  SUMMARY_BUDGET,
  writeSummary
} from '../src/summary.js'
import { emptyReport } from '../src/report.js'
import {
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
        failure: {
          message: 'Multitudes rejected the deployment as invalid (400).',
          hint: 'Fix the fields named above.',
          status: 400,
          body: '',
          requestId: 'req-7',
          fields: [{ field: 'commitSha', message: 'must be hex' }],
          outage: false,
          input: false
        }
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
      failure: {
        message: 'The checkout is shallow; use `fetch-depth: 0`.',
        hint: 'Set `commit-source: api`.',
        status: undefined,
        body: '',
        requestId: undefined,
        fields: [],
        outage: false,
        input: false
      }
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
      failure: {
        message: 'Invalid \'environment\': "". Expected a name.',
        hint: undefined,
        status: undefined,
        body: '',
        requestId: undefined,
        fields: [],
        outage: false,
        input: true
      }
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
