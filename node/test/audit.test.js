'use strict'
// analyzeAudit: a Promise, computed off the main thread, with the same counts as `errcat audit --format json`.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { execFileSync, spawnSync } = require('node:child_process')
const { repo, errcat } = require('./support')

const sample = path.join(__dirname, 'fixtures/audit-sample.log')
// make test-node passes the release CLI it built (ERRCAT_CLI).
const cli = process.env.ERRCAT_CLI || path.join(repo, 'target/release/errcat')

/** The CLI's JSON report, or the reason there is none (the audit command is another issue's work). */
function cliReport(file) {
  if (!fs.existsSync(cli)) return { missing: `${cli} is not built (cargo build --release -p errcat-cli)` }
  const run = spawnSync(cli, ['audit', '--format', 'json', file], { encoding: 'utf8' })
  if (run.status !== 0 || run.stdout.trim() === '') {
    return { missing: `errcat audit --format json is not available yet: ${(run.stderr || 'no output').trim().split('\n')[0]}` }
  }
  return { report: JSON.parse(run.stdout) }
}

test('analyzeAudit returns a Promise of a frozen report with lines and malformed', async () => {
  const pending = errcat.analyzeAudit([sample], { version: 'master', maxApiLevel: 2 })
  assert.ok(pending instanceof Promise)
  const report = await pending
  assert.ok(Object.isFrozen(report))
  assert.equal(typeof report.lines, 'number')
  assert.equal(typeof report.malformed, 'number')
  assert.ok(report.malformed <= report.lines)
})

test('analyzeAudit counts equal the CLI\'s JSON report', async (t) => {
  const { report: expected, missing } = cliReport(sample)
  if (missing) return t.skip(missing)
  assert.ok(expected.lines > 0)
  // A path as a string or as bytes (a Buffer): the same report.
  for (const paths of [[sample], [Buffer.from(sample)]]) {
    const report = await errcat.analyzeAudit(paths)
    assert.equal(report.lines, expected.lines)
    assert.equal(report.malformed, expected.malformed)
    const { lines, malformed, ...rest } = report
    const { lines: _l, malformed: _m, ...expectedRest } = expected
    assert.deepEqual(rest, expectedRest, 'the rest of the report is the core\'s JSON too')
  }
})

test('analyzeAudit options reach the core under its names (maxApiLevel → max_api_level, ...)', async (t) => {
  const cases = [
    [['--version', 'v3.5.0', '--max-api-level', '3', '--errors', '5xx'], { version: '3.5.0', maxApiLevel: 3, errors: '5xx' }],
    [['--service', 'ACCESS,BLOBNODE', '--code', '5xx', '--bucket', '1m'], { service: ['ACCESS', 'BLOBNODE'], code: '5xx', bucket: '1m' }],
    [['--baseline-path', sample], { baselinePaths: [sample] }],
  ]
  for (const [flags, options] of cases) {
    const args = ['audit', '--format', 'json', ...flags, sample]
    const run = fs.existsSync(cli) ? spawnSync(cli, args, { encoding: 'utf8' }) : { status: 1 }
    if (run.status !== 0) return t.skip(`the CLI does not take ${args.join(' ')}`)
    const report = await errcat.analyzeAudit([sample], options)
    assert.deepEqual(JSON.parse(JSON.stringify(report)), JSON.parse(run.stdout), flags.join(' '))
  }
})

test('analyzeAudit runs off the main thread: timers fire while a large log is analysed', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'errcat-audit-'))
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  const big = path.join(dir, 'big.log')
  const lines = fs.readFileSync(sample, 'utf8')
  fs.writeFileSync(big, lines.repeat(40000))
  let ticks = 0
  const timer = setInterval(() => ticks++, 1)
  const started = process.hrtime.bigint()
  const report = await errcat.analyzeAudit([big])
  const millis = Number(process.hrtime.bigint() - started) / 1e6
  clearInterval(timer)
  if (report.lines === 0) return t.skip('the core audit analyser is still a stub (reports 0 lines)')
  assert.equal(report.lines, lines.split('\n').filter(Boolean).length * 40000)
  if (millis > 50) assert.ok(ticks > 0, `no timer fired during ${millis} ms of analysis`)
})

test('analyzeAudit rejects an unreadable path with ERRCAT_IO', async (t) => {
  const probe = await errcat.analyzeAudit([sample])
  if (probe.lines === 0) return t.skip('the core audit analyser is still a stub (reads nothing)')
  await assert.rejects(errcat.analyzeAudit([path.join(os.tmpdir(), 'errcat-no-such-file.log')]), (e) => {
    assert.ok(e instanceof errcat.ErrcatError)
    assert.equal(e.code, 'ERRCAT_IO')
    return true
  })
})

test('the CLI used for comparison is the workspace one', () => {
  if (!fs.existsSync(cli)) return
  assert.match(execFileSync(cli, ['--version'], { encoding: 'utf8' }), /errcat/)
})
