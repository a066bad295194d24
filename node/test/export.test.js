'use strict'
// The JSON export equals the committed testdata/catalog.json byte for byte; the other formats come through too.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { repo, errcat } = require('./support')

test('exportCatalog() equals testdata/catalog.json byte for byte', () => {
  const committed = fs.readFileSync(path.join(repo, 'testdata/catalog.json'))
  const exported = Buffer.from(errcat.exportCatalog(), 'utf8')
  assert.ok(exported.equals(committed), 'the JSON export differs from testdata/catalog.json')
  assert.equal(errcat.exportCatalog({ format: 'json', lang: 'zh' }), exported.toString('utf8'))
  assert.equal(errcat.exportCatalog('json'), exported.toString('utf8'))
  assert.equal(errcat.exportCatalog('md', 'zh'), errcat.exportCatalog({ format: 'md', lang: 'zh' }))
  assert.equal(errcat.exportCatalog(undefined, 'zh-CN'), errcat.exportCatalog({ lang: 'zh' }))
})

test('the JSON export lists every entry the package hands out', () => {
  const catalog = JSON.parse(errcat.exportCatalog())
  const all = errcat.entries()
  assert.ok(all.length > 100)
  const text = JSON.stringify(catalog)
  for (const e of all) {
    assert.ok(text.includes(JSON.stringify(e.system === 'koupleless' ? e.type : e.goConst)), e.key)
  }
})

test('Markdown and CSV exports, in both languages', () => {
  assert.match(errcat.exportCatalog({ format: 'md', lang: 'zh' }), /\| 通用 \| Arklet \| UnknownError \|/)
  assert.match(errcat.exportCatalog({ format: 'markdown' }), /InstallBizFailed/)
  const csv = errcat.exportCatalog({ format: 'csv', lang: 'en' })
  assert.ok(csv.split('\n').length > 150)
})
