'use strict'
// Issue 13: a log truncated while analyzeAudit reads it never kills the Node process. A separate node process (the
// package under test, from an empty directory) analyses a ~60 MB audit log while this test truncates the file to 0
// after k × 3 ms, k = 0..11, counted from the moment the child says it starts the analysis. Every attempt must end
// normally: exit 0 with a report whose lines = counted + malformed, or a typed ErrcatError; a signal would end the
// child with `signal` set. At least one attempt must see the truncation (a `shrank` warning naming the file).
// Nothing is asserted about timing.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { spawn } = require('node:child_process')
const { packageDir } = require('./support')

const CHILD = `
const errcat = require(process.argv[1])
errcat.lookup('Arklet.InstallBizFailed') // the addon and the answer table are loaded before the analysis
process.stdout.write('start\\n')
errcat.analyzeAudit([process.argv[2]]).then(
  (r) => process.stdout.write(JSON.stringify({ lines: r.lines, malformed: r.malformed, report: r })),
  (e) => process.stdout.write(JSON.stringify({ error: e.kind, type: e.constructor.name, message: e.message })),
)
`

/** Line `i` of a valid blobstore audit log (the scenario of cli/tests/audit_live_cli.rs and the Python test). */
function line(i) {
  const svc = ['ACCESS', 'BLOBNODE', 'PROXY', 'SCHEDULER', 'CLUSTERMGR'][i % 5]
  const code = [200, 200, 651, 613, 499, 552, 701, 640][i % 8]
  const time = 17_580_744_000_000_000n + BigInt(i)
  return `REQ\t${svc}\t${time}\tGET\t/shard/get/diskid/${i % 7}\t{"Host":"h"}\t\t${code}\t{}\t\t9\t${(i * 7919) % 6_000_000}\n`
}

/** Runs the child on `log`; truncates `log` `delayMs` after the child's "start". */
function attempt(log, cwd, delayMs) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', CHILD, packageDir, log], { cwd })
    let out = ''
    let err = ''
    let truncated = false
    child.stdout.on('data', (chunk) => {
      out += chunk
      if (!truncated && out.startsWith('start\n')) {
        truncated = true
        // What `truncate -s 0` and logrotate's copytruncate do.
        setTimeout(() => fs.truncateSync(log, 0), delayMs)
      }
    })
    child.stderr.on('data', (chunk) => (err += chunk))
    child.on('error', reject)
    child.on('close', (status, signal) => resolve({ status, signal, out, err }))
  })
}

test('a log truncated during analyzeAudit never kills the process', { timeout: 600_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'errcat-truncation-'))
  const log = path.join(dir, 'big.log')
  const cwd = path.join(dir, 'cwd')
  fs.mkdirSync(cwd)
  const parts = []
  for (let i = 0; i < 700_000; i++) parts.push(line(i))
  const text = Buffer.from(parts.join(''))
  assert.ok(text.length > 60_000_000)
  const outcomes = []
  try {
    for (let k = 0; k < 12; k++) {
      fs.writeFileSync(log, text)
      const run = await attempt(log, cwd, k * 3)
      assert.equal(run.signal, null, `attempt ${k}: killed by ${run.signal}\n${run.err}`)
      assert.equal(run.status, 0, `attempt ${k}: exit ${run.status}\n${run.err}`)
      assert.ok(run.out.startsWith('start\n'), run.out + run.err)
      const result = JSON.parse(run.out.slice('start\n'.length))
      outcomes.push(result)
      if ('error' in result) {
        // A typed error, never a crash (an analysis that cannot read its input says so as Io).
        assert.equal(result.error, 'Io', JSON.stringify(result))
        assert.equal(result.type, 'ErrcatError', JSON.stringify(result))
        assert.ok(result.message.includes(log), result.message)
        continue
      }
      const report = result.report
      assert.equal(result.lines, report.counted + report.malformed, report.invariant)
      assert.equal(result.malformed, report.malformed)
      for (const warning of report.warnings) {
        assert.equal(warning.kind, 'shrank', JSON.stringify(warning))
        assert.equal(warning.input, log)
        assert.ok(warning.message.includes('shrank while it was read'), warning.message)
        assert.ok(warning.offset < warning.size && warning.size === text.length, JSON.stringify(warning))
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
  const shrank = outcomes.filter((r) => r.report && r.report.warnings.length > 0)
  const summary = outcomes.map((r) => r.error || [r.lines, r.report.warnings.length])
  assert.ok(shrank.length > 0, `none of the 12 truncations came while the file was read: ${JSON.stringify(summary)}`)
})
