'use strict'
// Hostile and wrong input: a typed ErrcatError decided by the core (the same answer as every other language),
// never a crash, with bounded memory; each argument read exactly once.
const test = require('node:test')
const assert = require('node:assert/strict')
const { errcat, binding, thrown, errcatError } = require('./support')

const MB = 'A'.repeat(1 << 20)

test('wrong argument types are InvalidArgument from the core, naming the argument', () => {
  const bad = [undefined, null, 42, 1.5, true, {}, [], ['Arklet.InstallBizFailed'], Symbol('x'), 1n, () => 1,
    new Proxy({}, {}), new Date(0), new Map()]
  for (const value of bad) {
    const label = typeof value === 'symbol' ? 'symbol' : typeof value === 'bigint' ? `${value}n` : String(value)
    for (const [what, fn] of [
      ['lookup', () => errcat.lookup(value)],
      ['find', () => errcat.find(value)],
      ['search', () => errcat.search(value)],
      ['parse', () => errcat.parse(value)],
      ['compose source', () => errcat.compose(value, 'DiskFull')],
      ['compose type', () => errcat.compose('User', value)],
      ['CodedError', () => new errcat.CodedError(value, 'detail')],
    ]) {
      // A number is a status number there (the core's policy for error values): judged below.
      if (what === 'CodedError' && (typeof value === 'number' || typeof value === 'bigint')) continue
      const e = errcatError(fn, 'InvalidArgument', `${what}(${label})`)
      assert.match(e.message, value == null ? /is missing/ : /must be/, `${what}(${label})`)
    }
  }
  for (const value of [undefined, null, '552', true, {}, [], Symbol('s'), () => 552]) {
    errcatError(() => errcat.status(value), 'InvalidArgument', `status(${String(value)})`)
    errcatError(() => errcat.serviceOf(value), 'InvalidArgument', `serviceOf(${String(value)})`)
  }
  errcatError(() => new errcat.CodedError(1.5, 'd'), 'InvalidCode', 'CodedError(1.5)')
  errcatError(() => new errcat.CodedError(2 ** 64, 'd'), 'InvalidCode', 'CodedError(2 ** 64)')
  errcatError(() => new errcat.CodedError(42, 'd'), 'NotFound', 'CodedError(42)')
  errcatError(() => errcat.lookup('Arklet.InstallBizFailed', { reporter: 5 }), 'InvalidArgument', 'reporter 5')
  errcatError(() => errcat.status(552, { version: 350 }), 'InvalidArgument', 'version 350')
  errcatError(() => errcat.entries({ service: 1 }), 'InvalidArgument', 'service 1')
  errcatError(() => errcat.exportCatalog({ format: 1 }), 'InvalidArgument', 'format 1')
  errcatError(() => errcat.exportCatalog(1), 'InvalidArgument', 'format 1, positionally')
  const e = errcatError(() => errcat.lookup('Arklet.InstallBizFailed', { reporter: {} }), 'InvalidArgument')
  assert.match(e.message, /reporter must be a string, not a object/)
})

test('an options argument that is not an object is a TypeError (the package\'s own argument shape)', () => {
  for (const options of [5, 'Arklet', true, 1n, Symbol('o')]) {
    for (const fn of [() => errcat.lookup('Arklet.InstallBizFailed', options), () => errcat.status(552, options),
      () => errcat.entries(options), () => errcat.serviceOf(640, options),
      () => new errcat.CodedError('552', 'd', options)]) {
      const error = thrown(fn)
      assert.ok(error instanceof TypeError, String(error))
      assert.equal(error.code, 'ERR_INVALID_ARG_TYPE')
    }
  }
  for (const cause of [{}, 'User.DiskFull', Object.create(errcat.CodedError.prototype)]) {
    const error = thrown(() => new errcat.CodedError('Arklet.InstallBizFailed', 'd', { cause }))
    assert.ok(error instanceof TypeError && error.code === 'ERR_INVALID_ARG_TYPE', String(error))
  }
  assert.throws(() => errcat.CodedError('Arklet.InstallBizFailed', 'd'), TypeError, 'a class needs new')
  assert.throws(() => errcat.CodedError.prototype.toProblemJson.call({}), TypeError, 'a method on a plain object')
})

test('null and undefined mean "not given", in arguments and options alike', () => {
  assert.equal(errcat.lookup('Arklet.InstallBizFailed', null).reporter, 'Arklet')
  assert.equal(errcat.lookup('Arklet.InstallBizFailed', { reporter: null }).reporter, 'Arklet')
  assert.equal(errcat.lookup('Arklet.InstallBizFailed', { reporter: undefined }).reporter, 'Arklet')
  assert.equal(errcat.status(552, { version: undefined }).version, 'master')
  assert.equal(errcat.status(552, null).version, 'master')
  assert.equal(errcat.entries(null).length, errcat.entries({}).length)
  assert.equal(errcat.entries({ system: null, reporter: undefined }).length, errcat.entries().length)
  assert.equal(errcat.exportCatalog(null), errcat.exportCatalog({ format: null, lang: undefined }))
  // An empty optional name is "not given" too (the core's policy, the same in every language).
  assert.equal(errcat.status(552, { version: '' }).version, 'master')
})

test('lone surrogates reach the core and are refused, never turned into U+FFFD', () => {
  for (const text of ['Arklet.Install\uD800Biz', '\uDC00', 'Arklet.\uDFFF', 'Arklet.InstallBizFailed\uD83D']) {
    for (const fn of [() => errcat.lookup(text), () => errcat.parse(text), () => errcat.find(text),
      () => errcat.search(text), () => errcat.compose('User', text), () => new errcat.CodedError(text, 'd')]) {
      const e = errcatError(fn, 'InvalidArgument', JSON.stringify(text))
      assert.match(e.message, /lone surrogate/)
    }
  }
  errcatError(() => errcat.lookup('Arklet.InstallBizFailed', { reporter: 'Ark\uD800let' }), 'InvalidArgument')
  errcatError(() => errcat.status(552, { version: 'v3.5.0\uDBFF' }), 'InvalidArgument')
  const detail = errcatError(() => new errcat.CodedError('552', 'busy \uD800').toProblemJson(), 'InvalidArgument')
  assert.match(detail.message, /detail is not valid Unicode/)
  // A surrogate pair is one character: fine.
  assert.match(new errcat.CodedError('552', 'busy \uD83D\uDE00').toProblemJson(), /busy 😀/)
  // Bytes are judged as UTF-8 by the same core.
  errcatError(() => errcat.lookup(Buffer.from([0x41, 0xff])), 'InvalidArgument', 'invalid UTF-8 bytes')
  assert.equal(errcat.lookup(Buffer.from('Arklet.InstallBizFailed')).code, 'Arklet.InstallBizFailed')
  assert.equal(errcat.lookup(new TextEncoder().encode('Arklet.InstallBizFailed')).code, 'Arklet.InstallBizFailed')
})

test('NUL: an invalid code, an invalid name, a harmless detail', () => {
  for (const text of ['Arklet.InstallBizFailed\0', '\0', 'Ark\0let.InstallBizFailed']) {
    errcatError(() => errcat.lookup(text), 'InvalidCode', JSON.stringify(text))
    errcatError(() => errcat.parse(text), 'InvalidCode', JSON.stringify(text))
  }
  errcatError(() => errcat.status(552, { version: 'v3.5.0\0' }), 'InvalidArgument', 'version with NUL')
  errcatError(() => errcat.lookup('Arklet.InstallBizFailed', { reporter: 'Arklet\0' }), 'InvalidArgument')
  const json = new errcat.CodedError('552', 'a\0b').toProblemJson()
  assert.equal(JSON.parse(json).detail, 'a\0b')
})

test('long strings: refused at the core\'s limit, read only that far', () => {
  errcatError(() => errcat.lookup(`Arklet.${MB}`), 'InvalidArgument', 'lookup')
  errcatError(() => errcat.parse(MB), 'InvalidArgument', 'parse')
  errcatError(() => errcat.find(MB), 'InvalidArgument', 'find')
  errcatError(() => errcat.compose('User', MB), 'InvalidArgument', 'compose')
  errcatError(() => errcat.lookup('Arklet.InstallBizFailed', { reporter: MB }), 'InvalidArgument', 'reporter')
  errcatError(() => errcat.status(552, { version: MB }), 'InvalidArgument', 'version')
  errcatError(() => errcat.exportCatalog({ format: MB }), 'InvalidArgument', 'format')
  errcatError(() => new errcat.CodedError(MB, 'detail'), 'InvalidArgument', 'CodedError code')
  errcatError(() => new errcat.CodedError('552', MB).toArkletJson(), 'InvalidArgument', 'a 1 MB detail')
  const limit = 64 * 1024
  assert.equal(JSON.parse(new errcat.CodedError('552', 'd'.repeat(limit)).toArkletJson()).message.length, limit)
  // 256 Mi code units: without the bounded read the binding would copy 512 MiB; it reads 16 Mi + 1.
  const huge = 'A'.repeat(1 << 28)
  assert.ok(!/Z/.test(huge)) // flattens the string now, so that V8's own copy is not counted below
  const before = process.memoryUsage().rss
  for (let i = 0; i < 3; i++) errcatError(() => errcat.lookup(huge), 'InvalidArgument', 'a 256 Mi string')
  const grown = (process.memoryUsage().rss - before) / (1 << 20)
  assert.ok(grown < 200, `reading a huge string grew the process by ${grown.toFixed(0)} MiB`)
})

test('status numbers: 2**64, BigInt, fractions, NaN and infinities', () => {
  const e = errcatError(() => errcat.status(2 ** 64), 'InvalidCode', '2**64')
  assert.match(e.message, /^18446744073709551616 is not a status code/)
  for (const n of [-1, 1000, 2 ** 32, -(2 ** 63), 2 ** 63, Number.MAX_SAFE_INTEGER, 1.5, NaN, Infinity, -Infinity,
    -0.5, 2n ** 64n, -(2n ** 63n) - 1n, 2n ** 4096n, 2n ** 10_000_000n, 1000n, -1n]) {
    errcatError(() => errcat.status(n), 'InvalidCode', `status(${n})`)
    errcatError(() => errcat.serviceOf(n), 'InvalidCode', `serviceOf(${n})`)
  }
  assert.match(thrown(() => errcat.status(2n ** 64n)).message, /^18446744073709551616 is not a status code/)
  assert.match(thrown(() => errcat.status(NaN)).message, /NaN is not a status code/)
  // A bigint that fits 64 bits is that integer.
  assert.equal(errcat.status(552n, { version: 'v3.5.0' }), errcat.status(552, { version: 'v3.5.0' }))
  assert.equal(errcat.serviceOf(640n), 'BlobNode')
  errcatError(() => errcat.status(-0), 'NotFound', 'status(-0) is status(0)')
})

test('cause chains: held by reference, 10,000 and 100,000 levels in bounded memory, refused clearly', () => {
  const inner = new errcat.CodedError('User.MetaspaceFull', 'metaspace')
  const outer = new errcat.CodedError('Arklet.InstallBizFailed', 'install', { cause: inner })
  assert.equal(outer.cause, inner, 'the very object, not a copy')
  for (const depth of [10_000, 100_000]) {
    const before = process.memoryUsage().heapUsed
    let e = new errcat.CodedError('613', 'deep')
    for (let i = 0; i < depth; i++) e = new errcat.CodedError('613', 'deep', { cause: e })
    const perLevel = (process.memoryUsage().heapUsed - before) / depth
    assert.ok(perLevel < 2048, `${perLevel.toFixed(0)} bytes per level (garbage included): linear, not a copy per level`)
    for (const render of [() => e.toProblemJson(), () => e.toArkletJson()]) {
      const error = errcatError(render, 'InvalidArgument', `${depth} levels`)
      assert.match(error.message, /cause chain is deeper than 64 causes/)
    }
  }
  let ok = new errcat.CodedError('613', 'deep')
  for (let i = 0; i < 64; i++) ok = new errcat.CodedError('613', 'deep', { cause: ok })
  assert.equal(JSON.parse(ok.toArkletJson()).code, 'FAILED')
  errcatError(() => new errcat.CodedError('613', 'deep', { cause: ok }).toProblemJson(), 'InvalidArgument', '65')
})

test('every argument is read exactly once: a getter that changes its answer poisons nothing', () => {
  let reads
  const flipping = (first, later) => ({ get version() { return reads++ === 0 ? first : later } })
  // Served from the table: the value read once is the value used.
  reads = 0
  assert.equal(errcat.status(552, flipping('v3.5.0', 'master')).valid, true)
  assert.equal(reads, 1)
  // A spelling the table does not list crosses; the core gets the very value that was read.
  reads = 0
  assert.equal(errcat.status(552, flipping('V3.5.0', 'master')).version, 'v3.5.0')
  assert.equal(reads, 1)
  reads = 0
  assert.equal(errcat.status(552, flipping(' master ', 'v3.5.0')).valid, false)
  assert.equal(reads, 1)
  // Nothing was stored under any of those spellings.
  assert.equal(errcat.status(552).valid, false)
  assert.equal(errcat.status(552, { version: 'v3.5.0' }).valid, true)
  assert.equal(errcat.status(552, { version: 'V3.5.0' }).valid, true)
  // The same for every option of every operation, and for a Proxy.
  const counted = (values) => {
    const seen = {}
    const proxy = new Proxy({}, { get: (_, key) => { seen[key] = (seen[key] ?? 0) + 1; return values[key] } })
    return { proxy, seen }
  }
  const cases = [
    [(o) => errcat.lookup('User.PullBizError', o), { reporter: 'ARKLET' }],
    [(o) => errcat.entries(o), { system: 'Blobstore', reporter: null, service: 'BLOBNODE', version: '3.5.0' }],
    [(o) => errcat.exportCatalog(o), { format: 'CSV', lang: 'zh-CN' }],
    [(o) => errcat.serviceOf(825, o), { version: 'V3.5.3' }],
    [(o) => new errcat.CodedError('552', 'd', o).toProblemJson(), { reporter: 'arklet', version: '3.5.0', cause: null }],
  ]
  for (const [fn, values] of cases) {
    const { proxy, seen } = counted(values)
    fn(proxy)
    for (const key of Object.keys(values)) assert.equal(seen[key], 1, `${key} read ${seen[key]} times`)
  }
  // A getter that throws: its exception propagates as it is.
  const boom = new Error('boom')
  assert.equal(thrown(() => errcat.lookup('Arklet.InstallBizFailed', { get reporter() { throw boom } })), boom)
  const hostile = ['a.log']
  Object.defineProperty(hostile, 0, { get() { throw boom } })
  assert.equal(thrown(() => errcat.lookup(hostile)), boom)
  reads = 0
  const once = ['a.log']
  Object.defineProperty(once, 0, { get() { reads++; return '' } })
  errcatError(() => errcat.find(once), 'InvalidArgument', 'a list element read once')
  assert.equal(reads, 1)
})

test('hostile lists: huge, sparse, self-containing, deeply nested', async () => {
  const self = []
  self.push(self)
  let nested = ['x']
  for (let i = 0; i < 100_000; i++) nested = [nested]
  for (const value of [self, nested, new Array(2 ** 32 - 1), new Array(1e7).fill('Arklet.InstallBizFailed')]) {
    errcatError(() => errcat.lookup(value), 'InvalidArgument', 'a list as a code')
  }
  for (const paths of [self, nested, new Array(2 ** 32 - 1), new Array(5000).fill('a.log')]) {
    await assert.rejects(errcat.analyzeAudit(paths), (e) => e instanceof errcat.ErrcatError && e.kind === 'InvalidArgument')
  }
})

test('error shape: an ErrcatError with code, kind, message, suggestions, candidates and the caller\'s stack', () => {
  const notFound = errcatError(() => errcat.lookup('Arklet.InstallBizFailes'), 'NotFound', 'typo')
  assert.ok(notFound instanceof Error)
  assert.equal(notFound.name, 'ErrcatError')
  assert.deepEqual(notFound.suggestions, ['Arklet.InstallBizFailed', 'Arklet.UninstallBizFailed'])
  assert.match(notFound.message, /did you mean Arklet\.InstallBizFailed/)
  assert.ok(notFound.stack.includes('errors.test.js'), 'the stack points at the caller')
  const ambiguous = errcatError(() => errcat.lookup('User.DiskFull'), 'Ambiguous', 'ambiguous')
  assert.deepEqual(ambiguous.candidates, ['Arklet/User.DiskFull', 'ModuleController/User.DiskFull'])
  errcatError(() => errcat.lookup('Arklet.InstallBizFailed', { reporter: 'Dashboard' }), 'InvalidArgument', 'reporter')
  errcatError(() => errcat.status(640), 'NotFound', '640')
  assert.deepEqual(Object.values(errcat.ErrorKind), ['NotFound', 'Ambiguous', 'InvalidCode', 'InvalidArgument', 'Io', 'Internal'])
})

test('a panic inside the native module is ERRCAT_INTERNAL, and the module keeps working', () => {
  const failure = thrown(() => binding.call('__panic_for_tests', []))
  assert.ok(Array.isArray(failure), 'the binding throws its failure array')
  const [kind, message] = failure
  assert.equal(kind, 'Internal')
  assert.match(message, /internal error in errcat \(a bug, please report it\): deliberate panic/)
  assert.equal(errcat.lookup('Arklet.InstallBizFailed').code, 'Arklet.InstallBizFailed')
})

test('classify and enrich: bad bodies and contexts are the core\'s errors', () => {
  for (const body of [undefined, null, 42, {}, [1]]) {
    errcatError(() => errcat.classify(body), 'InvalidArgument', `classify(${String(body)})`)
    errcatError(() => errcat.enrich(body), 'InvalidArgument', `enrich(${String(body)})`)
  }
  errcatError(() => errcat.classify('{"code":"SUCCESS"}', { tunnel: 'pigeon' }), 'InvalidArgument', 'tunnel')
  errcatError(() => errcat.classify('{"code":"SUCCESS"}', { httpStatus: '200' }), 'InvalidArgument', 'httpStatus')
  errcatError(() => errcat.classify('{"code":"SUCCESS"}', { command: 'Ark\uD800' }), 'InvalidArgument', 'command')
  const big = 'x'.repeat(16 * 1024 * 1024 + 1)
  errcatError(() => errcat.classify(big), 'InvalidArgument', 'a body over 16 MiB')
  errcatError(() => errcat.classify(Buffer.alloc(16 * 1024 * 1024 + 1, 0x20)), 'InvalidArgument', 'bytes over 16 MiB')
  errcatError(() => errcat.classify('{"code":"FAILED","message":"install biz failed!"}', { command: 'installBiz' }), 'NotFound')
  assert.throws(() => errcat.classify('{}', 'installBiz'), TypeError, 'options a string')
  const ok = errcat.classify(Buffer.from('{"code":"SUCCESS","data":{}}'), { command: 'installBiz' })
  assert.equal(ok.outcome, 'success')
  assert.ok(Object.isFrozen(ok) && Object.isFrozen(ok.evidence))
})

test('analyzeAudit rejects bad arguments through its Promise', async () => {
  for (const bad of [undefined, null, 'file.log', [1], [null], [''], ['a\0b'], {}]) {
    const pending = errcat.analyzeAudit(bad)
    assert.ok(pending instanceof Promise)
    await assert.rejects(pending, (e) => e instanceof errcat.ErrcatError && e.kind === 'InvalidArgument', String(bad))
  }
  await assert.rejects(errcat.analyzeAudit([], { version: 'v0' }), { code: 'ERRCAT_INVALID_ARGUMENT' })
  await assert.rejects(errcat.analyzeAudit([], { maxApiLevel: -1 }), { code: 'ERRCAT_INVALID_ARGUMENT' })
  await assert.rejects(errcat.analyzeAudit([], { maxApiLevel: '2' }), { code: 'ERRCAT_INVALID_ARGUMENT' })
  await assert.rejects(errcat.analyzeAudit([], { errors: 'bogus' }), { code: 'ERRCAT_INVALID_ARGUMENT' })
  await assert.rejects(errcat.analyzeAudit([], 'master'), TypeError)
  await assert.rejects(errcat.analyzeAudit([], { maxApiLvl: 2 }), (e) => e.kind === 'InvalidArgument' &&
    /unknown audit option "max_api_lvl"/.test(e.message))
  await assert.rejects(errcat.analyzeAudit([], { since: 'yesterday-ish' }), { code: 'ERRCAT_INVALID_ARGUMENT' })
  const empty = await errcat.analyzeAudit([], { version: '3.5.0', maxApiLevel: 3, errors: '5xx' })
  assert.equal(empty.lines, 0)
})
