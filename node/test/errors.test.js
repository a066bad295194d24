'use strict'
// Bad input gets a typed error, never a crash; errors follow the Node convention (Error + err.code).
const test = require('node:test')
const assert = require('node:assert/strict')
const { errcat, binding, thrown } = require('./support')

const MB = 'A'.repeat(1 << 20)

function typeError(fn, what) {
  const e = thrown(fn)
  assert.ok(e instanceof TypeError, `${what}: want TypeError, got ${e?.constructor?.name}: ${e?.message}`)
  assert.equal(e.code, 'ERR_INVALID_ARG_TYPE', what)
}

function typeErrorPlain(fn, what) {
  const e = thrown(fn)
  assert.ok(e instanceof TypeError, `${what}: want TypeError, got ${e?.constructor?.name}: ${e?.message}`)
}

function errcatError(fn, code, what) {
  const e = thrown(fn)
  assert.ok(e instanceof Error && !(e instanceof TypeError), `${what}: ${e?.message}`)
  assert.equal(e.code, code, `${what}: ${e.message}`)
  assert.ok(Array.isArray(e.suggestions) && Array.isArray(e.candidates), what)
  return e
}

test('wrong argument types throw TypeError', () => {
  for (const bad of [undefined, null, 42, true, {}, [], Symbol('x'), 1n, () => 1]) {
    const label = typeof bad === 'symbol' ? 'symbol' : String(bad)
    typeError(() => errcat.lookup(bad), `lookup(${label})`)
    typeError(() => errcat.find(bad), `find(${label})`)
    typeError(() => errcat.parse(bad), `parse(${label})`)
    typeError(() => errcat.compose(bad, 'DiskFull'), `compose(${label}, …)`)
    typeError(() => errcat.compose('User', bad), `compose(…, ${label})`)
    typeError(() => new errcat.CodedError(bad, 'detail'), `new CodedError(${label})`)
  }
  for (const bad of [undefined, null, '552', true, {}, [], 1n]) {
    typeError(() => errcat.status(bad), `status(${String(bad)})`)
    typeError(() => errcat.serviceOf(bad), `serviceOf(${String(bad)})`)
  }
  typeError(() => errcat.lookup('Arklet.InstallBizFailed', 5), 'options a number')
  typeError(() => errcat.lookup('Arklet.InstallBizFailed', 'Arklet'), 'options a string')
  typeError(() => errcat.lookup('Arklet.InstallBizFailed', { reporter: 5 }), 'reporter a number')
  typeError(() => errcat.status(552, { version: 350 }), 'version a number')
  typeError(() => errcat.entries({ service: 1 }), 'filter.service a number')
  typeError(() => errcat.exportCatalog({ format: 1 }), 'format a number')
  typeError(() => new errcat.CodedError('Arklet.InstallBizFailed', 'd', { cause: {} }), 'cause a plain object')
  typeError(() => new errcat.CodedError('Arklet.InstallBizFailed', 'd', { cause: 'User.DiskFull' }), 'cause a string')
  // A class constructor needs `new`.
  typeErrorPlain(() => errcat.CodedError('Arklet.InstallBizFailed', 'd'), 'CodedError without new')
  const { CodedError } = errcat
  typeErrorPlain(() => CodedError.call({}, 'Arklet.InstallBizFailed', 'd'), 'CodedError.call')
  typeErrorPlain(() => CodedError.prototype.toProblemJson.call({}), 'a method on a plain object')
  const e = new CodedError('Arklet.InstallBizFailed', 'd', { cause: new CodedError('User.MetaspaceFull', 'm') })
  assert.ok(e instanceof CodedError && e.cause instanceof CodedError)
})

test('null and undefined options mean "not given"', () => {
  assert.equal(errcat.lookup('Arklet.InstallBizFailed', null).reporter, 'Arklet')
  assert.equal(errcat.lookup('Arklet.InstallBizFailed', { reporter: null }).reporter, 'Arklet')
  assert.equal(errcat.status(552, { version: undefined }).version, 'master')
  assert.equal(errcat.entries(null).length, errcat.entries({}).length)
})

test('lone surrogates, NUL and non-ASCII are invalid codes, not crashes', () => {
  for (const text of ['Arklet.Install\uD800Biz', '\uDC00', 'Arklet.\uDFFF', 'Arklet.InstallBizFailed\0', '\0', 'Arklet.Ünïcode']) {
    errcatError(() => errcat.lookup(text), 'ERRCAT_INVALID_CODE', JSON.stringify(text))
    errcatError(() => errcat.parse(text), 'ERRCAT_INVALID_CODE', JSON.stringify(text))
    assert.throws(() => errcat.find(text), (e) => e.code === 'ERRCAT_INVALID_CODE' || e.code === 'ERRCAT_NOT_FOUND')
  }
  errcatError(() => errcat.compose('User', 'Disk\uD800Full'), 'ERRCAT_INVALID_CODE', 'compose with a surrogate')
  errcatError(() => errcat.lookup('Arklet.InstallBizFailed', { reporter: 'Ark\uD800let' }), 'ERRCAT_INVALID_ARGUMENT', 'reporter')
  errcatError(() => errcat.status(552, { version: 'v3.5.0\0' }), 'ERRCAT_INVALID_ARGUMENT', 'version with NUL')
})

test('1 MB strings are rejected cleanly', () => {
  errcatError(() => errcat.lookup(`Arklet.${MB}`), 'ERRCAT_INVALID_CODE', 'lookup')
  errcatError(() => errcat.parse(MB), 'ERRCAT_INVALID_CODE', 'parse')
  errcatError(() => errcat.find(MB), 'ERRCAT_INVALID_CODE', 'find')
  errcatError(() => errcat.compose('User', MB), 'ERRCAT_INVALID_CODE', 'compose')
  errcatError(() => errcat.compose(MB, 'DiskFull'), 'ERRCAT_INVALID_ARGUMENT', 'compose source')
  errcatError(() => errcat.lookup('Arklet.InstallBizFailed', { reporter: MB }), 'ERRCAT_INVALID_ARGUMENT', 'reporter')
  errcatError(() => errcat.status(552, { version: MB }), 'ERRCAT_INVALID_ARGUMENT', 'version')
  errcatError(() => errcat.exportCatalog({ format: MB }), 'ERRCAT_INVALID_ARGUMENT', 'format')
  errcatError(() => new errcat.CodedError(MB, 'detail'), 'ERRCAT_INVALID_CODE', 'CodedError code')
  // A megabyte of detail is data, not an error: it is carried through.
  const big = new errcat.CodedError('Arklet.InstallBizFailed', MB)
  assert.equal(JSON.parse(big.toArkletJson()).message.length, MB.length)
})

test('status numbers: out of range, fractions, NaN and infinities are invalid codes', () => {
  for (const n of [-1, 1000, 2 ** 32, -(2 ** 63), 2 ** 64, Number.MAX_SAFE_INTEGER, 1.5, NaN, Infinity, -Infinity, -0.5]) {
    errcatError(() => errcat.status(n), 'ERRCAT_INVALID_CODE', `status(${n})`)
    errcatError(() => errcat.serviceOf(n), 'ERRCAT_INVALID_CODE', `serviceOf(${n})`)
  }
  errcatError(() => errcat.status(-0), 'ERRCAT_NOT_FOUND', 'status(-0) is status(0)')
})

test('error shape: code, kind, message, suggestions, candidates', () => {
  const notFound = errcatError(() => errcat.lookup('Arklet.InstallBizFailes'), 'ERRCAT_NOT_FOUND', 'typo')
  assert.equal(notFound.kind, 'NotFound')
  assert.deepEqual(notFound.suggestions, ['Arklet.InstallBizFailed', 'Arklet.UninstallBizFailed'])
  assert.match(notFound.message, /did you mean Arklet\.InstallBizFailed/)
  assert.ok(notFound.stack.includes('errors.test.js'), 'the stack points at the caller')
  const ambiguous = errcatError(() => errcat.lookup('User.DiskFull'), 'ERRCAT_AMBIGUOUS', 'ambiguous')
  assert.deepEqual(ambiguous.candidates, ['Arklet/User.DiskFull', 'ModuleController/User.DiskFull'])
  errcatError(() => errcat.lookup('Arklet.InstallBizFailed', { reporter: 'Dashboard' }), 'ERRCAT_INVALID_ARGUMENT', 'reporter')
  errcatError(() => errcat.status(640), 'ERRCAT_NOT_FOUND', '640')
})

test('a panic inside the native module surfaces as ERRCAT_INTERNAL, and the module keeps working', () => {
  const e = thrown(() => binding.__panicForTests())
  assert.ok(e instanceof Error)
  assert.equal(e.code, 'ERRCAT_INTERNAL')
  assert.equal(e.kind, 'Internal')
  assert.match(e.message, /panicked/)
  assert.equal(errcat.lookup('Arklet.InstallBizFailed').code, 'Arklet.InstallBizFailed')
})

test('analyzeAudit rejects bad arguments through its Promise', async () => {
  for (const bad of [undefined, null, 'file.log', [1], [null], {}]) {
    const pending = errcat.analyzeAudit(bad)
    assert.ok(pending instanceof Promise)
    await assert.rejects(pending, (e) => e instanceof TypeError && e.code === 'ERR_INVALID_ARG_TYPE')
  }
  await assert.rejects(errcat.analyzeAudit([], { version: 'v0' }), (e) => e.code === 'ERRCAT_INVALID_ARGUMENT')
  await assert.rejects(errcat.analyzeAudit([], { maxApiLevel: -1 }), (e) => e.code === 'ERRCAT_INVALID_ARGUMENT')
  await assert.rejects(errcat.analyzeAudit([], { maxApiLevel: '2' }), TypeError)
})
