// errcat's lookup/status from Node against the native baseline: a Map holding the same entry objects.
// Run with `make bench-node` (or `node bench/node/lookup.bench.mjs` after `make node-build`). Prints ns per call
// and the ratio errcat / Map; the target is ≤ 1.5×. The "native call" rows show the cost of one uncached crossing
// into Rust (the binding without the JavaScript half's caches), for scale.
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const nodeDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../node')
const require = createRequire(path.join(nodeDir, 'package.json'))
const { measure, do_not_optimize } = await import(pathToFileURL(require.resolve('mitata')))
const errcat = require(nodeDir)
const binding = require(path.join(nodeDir, 'binding.js'))

// The inputs: every catalogued two-level code (with its default source) and every status number.
const all = errcat.entries()
const codes = all.filter((e) => e.system === 'koupleless').map((e) => e.code)
  .filter((c) => { try { errcat.lookup(c); return true } catch { return false } })
const numbers = [...new Set(all.filter((e) => e.system === 'blobstore').map((e) => e.code))]

// The baselines hold the very results errcat returns, so both sides answer with the same objects.
const lookupMap = new Map(codes.map((c) => [c, errcat.lookup(c)]))
const statusMap = new Map(numbers.map((n) => [n, errcat.status(n)]))

function rotating(inputs, fn) {
  let i = 0
  return () => {
    i = (i + 1) % inputs.length
    do_not_optimize(fn(inputs[i]))
  }
}

async function ns(fn) {
  return (await measure(fn)).avg
}

const rows = []
async function compare(name, inputs, ours, baseline, uncached) {
  const base = await ns(rotating(inputs, baseline))
  const mine = await ns(rotating(inputs, ours))
  const raw = await ns(rotating(inputs, uncached))
  rows.push({ name, inputs: inputs.length, base, mine, raw, ratio: mine / base })
}

await compare('lookup(code)', codes, (c) => errcat.lookup(c), (c) => lookupMap.get(c), (c) => binding.lookup(c))
await compare('status(number)', numbers, (n) => errcat.status(n), (n) => statusMap.get(n), (n) => binding.status(n))

const fmt = (x) => x.toFixed(1).padStart(8)
console.log(`errcat ${errcat.VERSION} on node ${process.version} — ns per call (mitata avg)`)
console.log('operation         inputs      Map   errcat   native call   errcat/Map')
for (const r of rows) {
  console.log(`${r.name.padEnd(16)} ${String(r.inputs).padStart(7)} ${fmt(r.base)} ${fmt(r.mine)} ${fmt(r.raw).padStart(13)} ${r.ratio.toFixed(2).padStart(11)}×`)
}
const worst = Math.max(...rows.map((r) => r.ratio))
console.log(`worst ratio ${worst.toFixed(2)}× (target ≤ 1.5×): ${worst <= 1.5 ? 'met' : 'NOT met'}`)
