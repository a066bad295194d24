'use strict'
// Entries are the generated frozen data; lookup/status answers are the answer table's frozen objects, one per
// answer, whichever way the call reached them.
const test = require('node:test')
const assert = require('node:assert/strict')
const { errcat, binding, errcatError } = require('./support')

const camel = (name) => name.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase())

test('entries() returns every entry, in catalog order, as frozen plain objects', () => {
  const all = errcat.entries()
  const ids = all.map((e) => e.id)
  assert.deepEqual(ids, [...ids.keys()], 'ids run 0..n-1 in catalog order')
  for (const e of all) {
    assert.ok(Object.isFrozen(e), e.key)
    assert.equal(Object.getPrototypeOf(e), Object.prototype, 'a plain object')
    for (const v of Object.values(e)) if (v !== null && typeof v === 'object') assert.ok(Object.isFrozen(v), e.key)
  }
  assert.ok(all.some((e) => e.system === 'koupleless') && all.some((e) => e.system === 'blobstore'))
  assert.throws(() => { 'use strict'; all[0].key = 'x' }, TypeError)
  assert.notEqual(errcat.entries(), all, 'a new array each time, of the same objects')
  assert.equal(errcat.entries()[0], all[0])
})

test('the generated entries are the native library\'s entries, field by field', () => {
  for (const e of errcat.entries()) {
    const native = JSON.parse(binding.call('entry_json', [e.id]))
    for (const [key, value] of Object.entries(native)) assert.deepEqual(e[camel(key)], value, `${e.key}: ${key}`)
  }
})

test('record properties: camelCase of catalog/fields.toml, the published names kept', () => {
  const k = errcat.lookup('Arklet.InstallBizFailed').entry
  assert.equal(k.errorType, 'InstallBizFailed')
  assert.equal(k.type, k.errorType, 'deprecated alias')
  assert.equal(k.defaultCode, 'Arklet.InstallBizFailed')
  assert.equal(k.code, k.defaultCode, 'deprecated alias')
  assert.equal(k.reporter, errcat.Reporter.Arklet)
  assert.deepEqual(k.businessType, { en: 'Installation Related', zh: '安装相关' })
  const s = errcat.status(552, { version: 'v3.5.0' }).entry
  assert.equal(s.key, '552/CodeAccessLimited')
  assert.equal(s.retry, errcat.RetryClass.Overload)
  assert.equal(s.service, errcat.Service.Access)
  assert.deepEqual(s.meaning, { en: 'The service interface has reached the connection limit.', zh: '服务接口达到链接数限制' })
  assert.equal(s.renumberedTo, 429)
  assert.deepEqual(s.versions, errcat.VERSIONS.slice(0, 7))
  assert.ok(Object.isFrozen(errcat.Source) && Object.isFrozen(errcat.VERSIONS))
  assert.equal(errcat.VERSIONS.at(-1), 'master')
  assert.match(errcat.CATALOG_FINGERPRINT, /^[0-9a-f]{16}$/)
  assert.equal(errcat.CATALOG_FINGERPRINT, binding.call('fingerprint', []))
})

test('the same entry is the same object everywhere', () => {
  const all = errcat.entries()
  const byKey = new Map(all.map((e) => [e.key, e]))
  assert.equal(errcat.lookup('Arklet.InstallBizFailed').entry, byKey.get('Arklet/InstallBizFailed'))
  assert.equal(errcat.lookup('User.PullBizError', { reporter: 'Arklet' }).entry, byKey.get('Arklet/PullBizError'))
  assert.equal(errcat.status(552, { version: 'v3.5.0' }).entry, byKey.get('552/CodeAccessLimited'))
  for (const e of errcat.find('User.UnknownError')) assert.equal(e, byKey.get(e.key))
  for (const e of errcat.search('metaspace')) assert.equal(e, byKey.get(e.key))
  assert.equal(errcat.entries({ reporter: 'Arklet' })[0], all[0])
})

test('one frozen object per answer: from the table or through the core', () => {
  const a = errcat.lookup('ModuleController.ResourceConstrained')
  assert.ok(Object.isFrozen(a))
  assert.equal(a.alias, 'ResourceConstrained')
  assert.equal(a.type, 'ResourceConstraned')
  assert.equal(errcat.lookup('ModuleController.ResourceConstrained'), a)
  assert.equal(errcat.lookup('ModuleController.ResourceConstrained', {}), a)
  assert.equal(errcat.lookup('ModuleController.ResourceConstrained', { reporter: ' modulecontroller ' }), a)
  const s = errcat.status(552)
  assert.equal(s.valid, false)
  assert.equal(s.entry.renumberedTo, 429)
  assert.equal(errcat.status(552, { version: null }), s)
  assert.equal(errcat.status(552, { version: 'MASTER' }), s, 'a spelling the table lacks crosses to the same answer')
  const old = errcat.status(552, { version: 'v3.5.0' })
  assert.notEqual(old, s)
  assert.equal(old.valid, true)
  for (const v of ['3.5.0', 'V3.5.0', ' v3.5.0 ']) assert.equal(errcat.status(552, { version: v }), old, v)
  assert.equal(errcat.status(552n, { version: 'v3.5.0' }), old)
  assert.equal(new errcat.CodedError('552', 'd', { version: 'v3.5.0' }).resolved, old)
  assert.equal(new errcat.CodedError(552, 'd', { version: 'v3.5.0' }).resolved, old, 'a number is a status number')
  assert.equal(new errcat.CodedError(552n, 'd', { version: 'v3.5.0' }).code, '552')
  assert.equal(new errcat.CodedError('ModuleController.ResourceConstrained', 'd').resolved, a)
})

test('errors are never remembered: the same bad call throws every time', () => {
  for (let i = 0; i < 3; i++) {
    errcatError(() => errcat.lookup('Arklet.Nope'), 'NotFound')
    errcatError(() => errcat.status(640), 'NotFound')
    errcatError(() => errcat.lookup('User.DiskFull'), 'Ambiguous')
  }
})

test('parse, compose, serviceOf, search and VERSION', () => {
  assert.deepEqual({ ...errcat.parse('Arklet.InstallBizFailed') }, { source: 'Arklet', type: 'InstallBizFailed', code: 'Arklet.InstallBizFailed' })
  assert.equal(errcat.compose('User', 'DiskFull').code, 'User.DiskFull')
  assert.equal(errcat.compose('arklet', 'InstallBizFailed').source, 'Arklet', 'a source is a name argument')
  assert.equal(errcat.serviceOf(640), 'BlobNode')
  assert.equal(errcat.serviceOf(825, { version: 'v3.5.3' }), 'Proxy')
  assert.ok(errcat.search('access limited').some((e) => e.key === '552/CodeAccessLimited'))
  assert.match(errcat.VERSION, /^\d+\.\d+\.\d+/)
  assert.equal(errcat.VERSION, require('../package.json').version)
})

test('classify: the code\'s entry and answer are the table\'s objects, for every result of a batch too', () => {
  const fs = require('node:fs')
  const path = require('node:path')
  const { repo } = require('./support')
  const body = fs.readFileSync(path.join(repo, 'testdata/classify/batch.json'))
  const c = errcat.classify(body, { command: 'batchInstallBiz' })
  assert.equal(c.outcome, 'error')
  assert.equal(c.resolved, errcat.lookup(c.code, { reporter: c.reporter }))
  assert.equal(c.entry, c.resolved.entry)
  assert.ok(c.results.length >= 2)
  for (const r of c.results) assert.equal(r.entry, r.resolved.entry)
  const enriched = JSON.parse(errcat.enrich(body.toString('utf8'), { command: 'batchInstallBiz' }))
  assert.equal(enriched.errorCode, c.code)
})
