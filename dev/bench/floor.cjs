// The floor a reporter cannot go below: read the inputs, one git call, one POST over node:http,
// one output line. CommonJS on purpose: node:http imported as ESM loads Node's internal undici.
'use strict'
const { execFile } = require('node:child_process')
const { appendFileSync } = require('node:fs')
const http = require('node:http')

const url = new URL(process.env['INPUT_API-URL'])
execFile(
  'git',
  ['rev-list', '--max-count=1', process.env.GITHUB_SHA],
  (error, stdout) => {
    if (error) throw error
    const body = JSON.stringify({
      commitSha: stdout.trim().split('\n'),
      environmentName: process.env.INPUT_ENVIRONMENT
    })
    const req = http.request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: process.env['INPUT_API-KEY']
        }
      },
      (res) => {
        res.resume()
        res.on('end', () => {
          if (res.statusCode !== 201 && res.statusCode !== 200)
            throw new Error(`HTTP ${res.statusCode}`)
          appendFileSync(
            process.env.GITHUB_OUTPUT,
            'reported<<EOF\ntrue\nEOF\ncommit-count<<EOF\n1\nEOF\n'
          )
        })
      }
    )
    req.end(body)
  }
)
