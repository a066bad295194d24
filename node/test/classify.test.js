'use strict'
// classify reads the flat classification (`classify_flat`) the native module writes into a buffer the package
// reuses (`callPacked`): each answer is the core's own object view (`classify`, its map view) member for member,
// in its order, with `answer` replaced by the table's `entry` and `resolved`, every object frozen; an answer too
// large for the buffer comes as `call` answers it, and the buffer serves the next call as before.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { errcat, binding, repo } = require('./support')

/** An independent reader of a packed answer (core/src/boundary/packed.rs): `[text, shape]`, two strings. */
function unpacked([text, shape]) {
  let at = 0
  let pos = 0
  const number = () => {
    let n = 0
    for (let scale = 1; ; scale *= 0x8000) {
      const unit = shape.charCodeAt(at++)
      n += (unit & 0x7fff) * scale
      if (unit < 0x8000) return n
    }
  }
  const str = () => text.slice(pos, (pos += number()))
  const value = () => {
    const tag = shape.charCodeAt(at++)
    if (tag <= 2) return [null, false, true][tag]
    if (tag === 3) {
      const z = number()
      return z % 2 === 0 ? z / 2 : -(z + 1) / 2
    }
    if (tag === 4) return str()
    if (tag === 5) return Array.from({ length: number() }, value)
    const members = []
    for (let n = number(); n > 0; n--) members.push([str(), value()])
    return members // a map as its members in order
  }
  return value()
}

/** The core's map view (members in order, objects as member lists) as the package's object should be. */
function expected(members) {
  const out = []
  const member = (name) => out.find(([n]) => n === name)[1]
  for (const [name, value] of members) {
    if (name === 'answer') {
      // `answer` (last) is the table's answer: `entry` and `resolved`, before `results` where there are some.
      const resolved = value === null ? null : errcat.lookup(member('code'), { reporter: member('reporter') })
      const tail = out.at(-1)[0] === 'results' ? [out.pop()] : []
      out.push(['entry', resolved && resolved.entry], ['resolved', resolved], ...tail)
    } else {
      out.push([name, name === 'results' ? value.map(expected) : value])
    }
  }
  return out
}

/** The package's object as member lists, checking that every object (but the table's) is frozen. */
function members(value, table = false) {
  if (value === null || typeof value !== 'object') return value
  assert.ok(Object.isFrozen(value), 'frozen')
  if (table) return value
  if (Array.isArray(value)) return value.map((v) => members(v))
  return Object.entries(value).map(([n, v]) => [n, members(v, n === 'entry' || n === 'resolved')])
}

function bodies() {
  const cases = []
  for (const file of ['vectors.json', 'vectors-classify.json']) {
    for (const c of JSON.parse(fs.readFileSync(path.join(repo, 'testdata', file), 'utf8')).cases) {
      if (c.op === 'classify') cases.push(c.args)
    }
  }
  for (const file of fs.readdirSync(path.join(repo, 'testdata/classify')).filter((f) => f.endsWith('.json'))) {
    cases.push({ body: fs.readFileSync(path.join(repo, 'testdata/classify', file), 'utf8'), command: 'batchInstallBiz' })
  }
  // A batch whose shape is larger than the package's buffer.
  const responses = {}
  for (let i = 0; i < 300; i++) {
    responses[`https://nexus.internal/biz/m${i}.jar`] = { code: 'FAILED', message: i % 2 ? 'internal exception: null' : 'internal exception: unknown protocol: oss' }
  }
  cases.push({
    body: JSON.stringify({ code: 'FAILED', data: { bizUrlToResponse: responses, code: 'FAILED', message: 'batch install failed' }, message: 'install biz not success!' }),
    command: 'batchInstallBiz',
  })
  cases.push(cases[0]) // and SHAPE again
  return cases
}

test('classify answers the core\'s object view, member for member, frozen, whatever its size', () => {
  let same = 0
  for (const a of bodies()) {
    const body = a.body_hex === undefined ? a.body : Buffer.from(a.body_hex, 'hex')
    for (const input of typeof body === 'string' ? [body, Buffer.from(body)] : [body]) {
      let view
      try {
        view = unpacked(binding.call('classify', [input, a.command, a.http_status, a.tunnel]))
      } catch {
        assert.throws(() => errcat.classify(input, { command: a.command, httpStatus: a.http_status, tunnel: a.tunnel }), errcat.ErrcatError)
        continue
      }
      const c = errcat.classify(input, { command: a.command, httpStatus: a.http_status, tunnel: a.tunnel })
      assert.deepEqual(members(c), expected(view), String(a.body).slice(0, 80))
      same++
    }
  }
  assert.ok(same > 300, `${same}`)
})

test('callPacked writes the shape into the array given when it fits, else answers as call', () => {
  const body = fs.readFileSync(path.join(repo, 'testdata/classify/repeat-biz.json'))
  const packed = binding.call('classify_flat', [body, 'installBiz'])
  const [text, shape] = packed
  const room = new Uint16Array(shape.length)
  assert.equal(binding.callPacked('classify_flat', room, body, 'installBiz'), text)
  assert.deepEqual([...room], [...shape].map((c) => c.charCodeAt(0)))
  assert.deepEqual(binding.callPacked('classify_flat', new Uint16Array(shape.length - 1), body, 'installBiz'), packed)
  assert.deepEqual(binding.callPacked('classify_flat', new Uint8Array(99), body, 'installBiz'), packed)
  assert.deepEqual(binding.callPacked('classify_flat', null, body, 'installBiz'), packed)
  // Any other operation answers as call; errors are thrown as call throws them.
  assert.equal(binding.callPacked('version', room), binding.call('version', []))
  assert.deepEqual(binding.callPacked('find', room, 'Arklet.InstallBizFailed'), binding.call('find', ['Arklet.InstallBizFailed']))
  const failure = (fn) => { try { fn() } catch (e) { return e } }
  assert.deepEqual(failure(() => binding.callPacked('classify_flat', room, '{')), failure(() => binding.call('classify_flat', ['{'])))
  assert.deepEqual(failure(() => binding.callPacked('x'.repeat(100), room)), failure(() => binding.call('x'.repeat(100), [])))
})
