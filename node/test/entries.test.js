'use strict'
// Entries are plain frozen objects, fetched once and shared; results of lookup/status are frozen and reused.
const test = require('node:test')
const assert = require('node:assert/strict')
const { errcat } = require('./support')

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
})

test('the same entry is the same object everywhere', () => {
  const all = errcat.entries()
  const byKey = new Map(all.map((e) => [e.key, e]))
  assert.equal(errcat.lookup('Arklet.InstallBizFailed').entry, byKey.get('Arklet/InstallBizFailed'))
  assert.equal(errcat.lookup('User.PullBizError', { reporter: 'Arklet' }).entry, byKey.get('Arklet/PullBizError'))
  assert.equal(errcat.status(552, { version: 'v3.5.0' }).entry, byKey.get('552/CodeAccessLimited'))
  for (const e of errcat.find('User.UnknownError')) assert.equal(e, byKey.get(e.key))
  assert.equal(errcat.entries({ reporter: 'Arklet' })[0], all[0])
})

test('lookup and status results are frozen and reused for the same arguments', () => {
  const a = errcat.lookup('ModuleController.ResourceConstrained')
  assert.ok(Object.isFrozen(a))
  assert.equal(a.alias, 'ResourceConstrained')
  assert.equal(a.type, 'ResourceConstraned')
  assert.equal(errcat.lookup('ModuleController.ResourceConstrained'), a)
  assert.equal(errcat.lookup('ModuleController.ResourceConstrained', {}), a)
  const s = errcat.status(552)
  assert.equal(s.valid, false)
  assert.equal(s.entry.renumberedTo, 429)
  assert.equal(errcat.status(552, { version: null }), s)
  assert.notEqual(errcat.status(552, { version: 'v3.5.0' }), s)
  assert.equal(errcat.status(552, { version: 'v3.5.0' }).valid, true)
})

test('errors are never cached: the same bad call throws every time', () => {
  for (let i = 0; i < 3; i++) {
    assert.throws(() => errcat.lookup('Arklet.Nope'), { code: 'ERRCAT_NOT_FOUND' })
    assert.throws(() => errcat.status(640), { code: 'ERRCAT_NOT_FOUND' })
  }
})

test('parse, compose, serviceOf and VERSION', () => {
  assert.deepEqual({ ...errcat.parse('Arklet.InstallBizFailed') }, { source: 'Arklet', type: 'InstallBizFailed', code: 'Arklet.InstallBizFailed' })
  assert.equal(errcat.compose('User', 'DiskFull').code, 'User.DiskFull')
  assert.equal(errcat.serviceOf(640), 'BlobNode')
  assert.equal(errcat.serviceOf(825, { version: 'v3.5.3' }), 'Proxy')
  assert.match(errcat.VERSION, /^\d+\.\d+\.\d+/)
  assert.equal(errcat.VERSION, require('../package.json').version)
})
