'use strict'
// Runs every case of every testdata/vectors*.json (schema 2, testdata/README.md) through the package's public API;
// the views mirror core/tests/vectors.rs.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { repo, errcat, KIND_CODES } = require('./support')

const files = fs.readdirSync(path.join(repo, 'testdata')).filter((f) => /^vectors.*\.json$/.test(f)).sort()

/** Expands the long-string objects `{repeat, count, prefix, suffix}` anywhere in a case. */
function expand(value) {
  if (Array.isArray(value)) return value.map(expand)
  if (value === null || typeof value !== 'object') return value
  if ('repeat' in value) return (value.prefix ?? '') + value.repeat.repeat(value.count) + (value.suffix ?? '')
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expand(v)]))
}

const keysOf = (entries) => entries.map((e) => e.key)

/** An error value built link by link as a user does: innermost first, each code resolved when it is made. */
function coded(chain) {
  let error = null
  for (const link of [...chain].reverse()) {
    error = new errcat.CodedError(link.code, link.detail, { reporter: link.reporter, version: link.version, cause: error })
  }
  return error
}

/** The view of a call's result, as defined in testdata/README.md. */
function run(op, a) {
  switch (op) {
    case 'lookup': {
      const r = errcat.lookup(a.code, { reporter: a.reporter })
      const e = r.entry
      return {
        code: r.code, source: r.source, type: r.type, reporter: r.reporter, dynamic: r.dynamic, alias: r.alias,
        retryable: e.retryable, meaning_en: e.meaning.en, meaning_zh: e.meaning.zh,
        solution_en: e.solution.en, solution_zh: e.solution.zh,
      }
    }
    case 'find':
    case 'search': {
      const keys = keysOf(op === 'find' ? errcat.find(a.code) : errcat.search(a.words))
      return { count: keys.length, keys }
    }
    case 'status': {
      const m = errcat.status(a.code, { version: a.version })
      const e = m.entry
      return {
        code: e.code, service: e.service, message: e.message, valid: m.valid, versions: e.versions, retry: e.retry,
        renumbered_to: e.renumberedTo, renumbered_from: e.renumberedFrom, go_const: e.goConst, go_err: e.goErr,
      }
    }
    case 'service_of':
      return { service: errcat.serviceOf(a.code, { version: a.version }) }
    case 'parse':
    case 'compose': {
      const c = op === 'parse' ? errcat.parse(a.text) : errcat.compose(a.source, a.type)
      return { source: c.source, type: c.type, code: c.code }
    }
    case 'entries': {
      const keys = keysOf(errcat.entries({ system: a.system, reporter: a.reporter, service: a.service, version: a.version }))
      return { count: keys.length, first: keys[0] ?? null, last: keys.at(-1) ?? null }
    }
    case 'problem':
      return { json: coded(a.chain).toProblemJson() }
    case 'arklet':
      return { json: coded(a.chain).toArkletJson() }
    case 'export':
      return { text: errcat.exportCatalog({ format: a.format, lang: a.lang }) }
    case 'classify': {
      const body = a.body_hex === undefined ? a.body : Buffer.from(a.body_hex, 'hex')
      const options = { command: a.command, httpStatus: a.http_status, tunnel: a.tunnel }
      const c = errcat.classify(body, options)
      const e = c.evidence ?? {}
      const view = {
        outcome: c.outcome, code: c.code, reporter: c.reporter, rule: c.rule, retryable: c.retryable,
        placeholders: e.placeholders, results: c.results.map((r) => ({ key: r.key, outcome: r.outcome, code: r.code, rule: r.rule })),
      }
      for (const k of ['command', 'shape', 'exception', 'cause', 'cause_message', 'cause_origin', 'causes', 'frames']) view[k] = e[k]
      if (a.enrich === true) view.enriched = errcat.enrich(body, options)
      return view
    }
    default:
      throw new Error(`operation ${op} of the vectors is not in the Node package yet`)
  }
}

function satisfies(view, key, want) {
  switch (key) {
    case 'contains':
      return want.every((piece) => view.text.includes(piece))
    case 'equals_file':
      return view.text === fs.readFileSync(path.join(repo, want), 'utf8')
    case 'keys_include':
      return want.every((k) => view.keys.includes(k))
    default:
      assert.deepEqual(view[key], want, key)
      return true
  }
}

function check(c) {
  let view
  try {
    view = run(c.op, c.args)
  } catch (error) {
    if (!(error instanceof errcat.ErrcatError)) throw error
    assert.ok(c.error, `unexpected ${error.code}: ${error.message}`)
    assert.equal(error.kind, c.error.kind, error.message)
    assert.equal(error.code, KIND_CODES[c.error.kind])
    for (const list of ['suggestions', 'candidates']) {
      if (c.error[list]) assert.deepEqual(error[list], c.error[list], list)
    }
    return
  }
  assert.ok(c.expect, `want ${c.error?.kind}, got ${JSON.stringify(view).slice(0, 200)}`)
  for (const [key, want] of Object.entries(c.expect)) {
    assert.ok(satisfies(view, key, want), `${key}: want ${JSON.stringify(want).slice(0, 200)}`)
  }
}

const docs = files.map((f) => [f, JSON.parse(fs.readFileSync(path.join(repo, 'testdata', f), 'utf8'))])

test('the vector files have cases, all of schema 2', () => {
  assert.ok(files.includes('vectors.json') && files.includes('vectors-boundary.json'), files.join(' '))
  for (const [f, doc] of docs) assert.equal(doc.schema, 2, f)
  assert.ok(docs.reduce((n, [, doc]) => n + doc.cases.length, 0) >= 300)
})

for (const [f, { cases }] of docs) {
  test(`every vector of ${f}`, () => {
    const failures = []
    for (const c of cases) {
      try {
        check(expand(c))
      } catch (error) {
        failures.push(`${c.name}: ${error.message.split('\n')[0]}`)
      }
    }
    assert.deepEqual(failures, [], `${failures.length} of ${cases.length} failed`)
  })
}
