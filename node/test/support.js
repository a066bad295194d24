'use strict'
// Shared by the test files: where the repository is, and which errcat package is under test.
const path = require('node:path')

const repo = path.resolve(__dirname, '..', '..')
const nodeDir = path.resolve(__dirname, '..')
/** The package under test: the installed tarball when ERRCAT_PACKAGE_DIR is set (make test-node does), else node/. */
const packageDir = process.env.ERRCAT_PACKAGE_DIR ? path.resolve(process.env.ERRCAT_PACKAGE_DIR) : nodeDir

const errcat = require(packageDir)
/** The raw native binding (for the panic-guard test hook and cross-checks only). */
const binding = require(path.join(packageDir, 'binding.js'))

const KIND_CODES = {
  NotFound: 'ERRCAT_NOT_FOUND',
  Ambiguous: 'ERRCAT_AMBIGUOUS',
  InvalidCode: 'ERRCAT_INVALID_CODE',
  InvalidArgument: 'ERRCAT_INVALID_ARGUMENT',
  Io: 'ERRCAT_IO',
  Internal: 'ERRCAT_INTERNAL',
}

/** Runs `fn` and returns what it threw (fails the test when it did not throw). */
function thrown(fn) {
  try {
    fn()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

/** Asserts that `fn` throws an ErrcatError of `kind`; returns it. */
function errcatError(fn, kind, what = '') {
  const assert = require('node:assert/strict')
  const e = thrown(fn)
  assert.ok(e instanceof errcat.ErrcatError, `${what}: want an ErrcatError, got ${e?.constructor?.name}: ${e?.message}`)
  assert.equal(e.kind, kind, `${what}: ${e.message}`)
  assert.equal(e.code, KIND_CODES[kind], what)
  assert.ok(Array.isArray(e.suggestions) && Array.isArray(e.candidates), what)
  return e
}

module.exports = { repo, nodeDir, packageDir, errcat, binding, KIND_CODES, thrown, errcatError }
