'use strict'
// Where the package has no addon for the platform (it packs linux-x64-gnu only), require('errcat') fails with one
// line naming what it supports. The platform is simulated in a child process by overriding process.arch (and the
// glibc version the loader reads from process.report), so the generated loader looks for another addon file.
const test = require('node:test')
const assert = require('node:assert/strict')
const { execFileSync } = require('node:child_process')
const { packageDir } = require('./support')

function load(arch, glibc) {
  const script = `
    Object.defineProperty(process, 'arch', { value: ${JSON.stringify(arch)} })
    const getReport = process.report.getReport.bind(process.report)
    process.report.getReport = () => { const r = getReport(); r.header.glibcVersionRuntime = ${JSON.stringify(glibc)}; return r }
    try { require(${JSON.stringify(packageDir)}); console.log('loaded') }
    catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message, cause: !!e.cause })) }`
  return execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, NAPI_RS_NATIVE_LIBRARY_PATH: '' } }).trim()
}

test('this platform loads', () => {
  assert.equal(load(process.arch, '2.36'), 'loaded')
})

test('another platform gets one line naming the supported ones', () => {
  for (const [arch, glibc, where] of [['arm64', '2.31', 'linux-arm64 glibc 2.31'], ['arm64', null, 'linux-arm64 (not glibc: musl?)']]) {
    const out = JSON.parse(load(arch, glibc))
    assert.equal(out.code, 'ERRCAT_UNSUPPORTED_PLATFORM')
    assert.equal(out.cause, true)
    assert.ok(!out.message.includes('\n'), out.message)
    assert.ok(out.message.startsWith(`errcat: no native addon loads on ${where}: this package supports linux-x64 with glibc 2.17 or newer (`), out.message)
  }
})
