'use strict'
// Runs every case of testdata/vectors.json (the view logic mirrors core/tests/vectors.rs).
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { repo, errcat, KIND_CODES } = require('./support')

const { cases } = JSON.parse(fs.readFileSync(path.join(repo, 'testdata/vectors.json'), 'utf8'))

function coded(args) {
  const cause = args.cause === null || args.cause === undefined ? undefined : coded(args.cause)
  return new errcat.CodedError(args.code, args.detail, { cause })
}

/** The view of a call's result, as defined in testdata/README.md. */
function run(op, args) {
  switch (op) {
    case 'lookup': {
      const r = errcat.lookup(args.code, { reporter: args.reporter })
      const e = r.entry
      return {
        code: r.code, source: r.source, type: r.type, reporter: r.reporter, dynamic: r.dynamic, alias: r.alias,
        retryable: e.retryable, meaning_en: e.meaning.en, meaning_zh: e.meaning.zh,
        solution_en: e.solution.en, solution_zh: e.solution.zh,
      }
    }
    case 'find': {
      const keys = errcat.find(args.code).map((e) => e.key)
      return { count: keys.length, keys }
    }
    case 'status': {
      const m = errcat.status(args.code, { version: args.version })
      const e = m.entry
      return {
        code: e.code, service: e.service, message: e.message, valid: m.valid, versions: e.versions, retry: e.retry,
        renumbered_to: e.renumberedTo, renumbered_from: e.renumberedFrom, go_const: e.goConst, go_err: e.goErr,
      }
    }
    case 'service_of':
      return { service: errcat.serviceOf(args.code, { version: args.version }) }
    case 'parse': {
      const c = errcat.parse(args.text)
      return { source: c.source, type: c.type, code: c.code }
    }
    case 'compose':
      return { code: errcat.compose(args.source, args.type).code }
    case 'entries': {
      const keys = errcat.entries(args).map((e) => e.key)
      return { count: keys.length, first: keys[0] ?? null, last: keys.at(-1) ?? null }
    }
    case 'problem':
      return { json: coded(args).toProblemJson() }
    case 'arklet':
      return { json: coded(args).toArkletJson() }
    case 'export':
      return { text: errcat.exportCatalog({ format: args.format, lang: args.lang }) }
    default:
      throw new Error(`unknown op ${op}`)
  }
}

function check(c) {
  let view
  try {
    view = run(c.op, c.args)
  } catch (error) {
    assert.ok(c.error, `unexpected error ${error.code}: ${error.message}`)
    assert.ok(error instanceof Error)
    assert.equal(error.kind, c.error.kind, error.message)
    assert.equal(error.code, KIND_CODES[c.error.kind])
    for (const list of ['suggestions', 'candidates']) {
      if (c.error[list]) assert.deepEqual(error[list], c.error[list], list)
    }
    return
  }
  assert.ok(c.expect, `want ${c.error?.kind}, got ${JSON.stringify(view).slice(0, 200)}`)
  for (const [key, want] of Object.entries(c.expect)) {
    if (key === 'contains') {
      for (const piece of want) assert.ok(view.text.includes(piece), `export lacks ${JSON.stringify(piece)}`)
    } else if (key === 'equals_file') {
      assert.ok(view.text === fs.readFileSync(path.join(repo, want), 'utf8'), `export differs from ${want}`)
    } else {
      assert.deepEqual(view[key], want, key)
    }
  }
}

test('the vector file has cases', () => {
  assert.ok(cases.length >= 80)
})

for (const c of cases) {
  test(`vector: ${c.name.slice(0, 120)}`, () => check(c))
}
