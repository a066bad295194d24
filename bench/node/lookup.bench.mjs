// errcat's successful lookup/status from Node against the native baseline: a Map holding the same answers, in the
// same run. Run with `make bench-node` (or `node bench/node/lookup.bench.mjs` after `make node-build`).
//
// 1. Warm: ns per call (mitata avg) rotating over every successful input the answer table lists, errcat vs a Map
//    (a nested Map per option value for the calls with options). Target: ≤ 1.5×.
// 2. First call of each answer: in fresh processes (the table loaded at require, before measuring), both
//    functions are warmed on half the inputs and then timed over the other half, whose answers neither has been
//    asked for yet. Median of the processes. Target: ≤ 1.5×.
// 3. The table load: what `require('errcat')` costs on top of loading the native module and the generated catalog
//    (the one `answers` crossing, the parse into immutable Maps), in fresh processes. Target: ≤ 20 ms.
import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const self = fileURLToPath(import.meta.url)
const nodeDir = process.env.ERRCAT_PACKAGE_DIR ?? path.resolve(path.dirname(self), '../../node')
const require = createRequire(path.join(path.resolve(path.dirname(self), '../../node'), 'package.json'))
const PROCESSES = 15

/** A string as a literal in source code is: internalized. */
const literal = (text) => Object.keys({ [text]: 0 })[0]

/** The successful inputs the answer table serves: `[option value or undefined, code]` of its L and N rows, as a
 * caller writes them (string literals). */
function inputs(binding) {
  const rows = binding.call('answers', []).split('\n').slice(1).map((r) => r.split('\t'))
  const pick = (kind, convert) => rows.filter((f) => f[0] === kind)
    .map((f) => [f[2] === '-' ? undefined : literal(f[2]), convert(f[3])])
  return { lookups: pick('L', literal), statuses: pick('N', Number) }
}

/** The baseline: Maps (one per option value) holding the very answers errcat returns. */
function baseline(rows, answer) {
  const maps = new Map()
  for (const [option, code] of rows) {
    if (!maps.has(option)) maps.set(option, new Map())
    maps.get(option).set(code, answer(option, code))
  }
  return maps
}

if (process.argv[2] === '--child') {
  // One fresh process: the table load, then first calls.
  const t0 = process.hrtime.bigint()
  const binding = require(path.join(nodeDir, 'binding.js'))
  require(path.join(nodeDir, 'generated/catalog.js'))
  const t1 = process.hrtime.bigint()
  const cpu0 = process.cpuUsage()
  const errcat = require(nodeDir)
  const t2 = process.hrtime.bigint()
  const cpu = process.cpuUsage(cpu0)
  const { lookups, statuses } = inputs(binding)
  const plain = lookups.filter(([r]) => r === undefined).map(([, c]) => c)
  const numbers = statuses.filter(([v]) => v === undefined).map(([, n]) => n)
  // The baseline's answers are copies, so that building it asks errcat nothing.
  const lookupMap = new Map(plain.map((c) => [c, { code: c }]))
  const statusMap = new Map(numbers.map((n) => [n, { code: n }]))
  const seed = Number(process.argv[3])
  const shuffle = (list) => list.map((x, i) => [((i + 1) * 2654435761 + seed * 40503) % 4294967296, x]).sort((a, b) => a[0] - b[0]).map((p) => p[1])
  let sink
  const time = (fn, list) => {
    const start = process.hrtime.bigint()
    for (let i = 0; i < list.length; i++) sink = fn(list[i])
    return Number(process.hrtime.bigint() - start) / list.length
  }
  const first = (ours, theirs, list) => {
    const order = shuffle(list)
    const [warm, cold] = [order.slice(0, order.length >> 1), order.slice(order.length >> 1)]
    for (let round = 0; round < 200; round++) { time(ours, warm); time(theirs, warm) }
    // Which one goes first alternates between processes.
    if (seed % 2) {
      const mine = time(ours, cold)
      return [mine, time(theirs, cold)]
    }
    const base = time(theirs, cold)
    return [time(ours, cold), base]
  }
  const result = {
    base: Number(t1 - t0) / 1e6,
    table: Number(t2 - t1) / 1e6,
    tableCpu: (cpu.user + cpu.system) / 1e3,
    lookup: first((c) => errcat.lookup(c), (c) => lookupMap.get(c), plain),
    status: first((n) => errcat.status(n), (n) => statusMap.get(n), numbers),
  }
  if (sink === undefined) throw new Error('nothing measured')
  console.log(JSON.stringify(result))
  process.exit(0)
}

const { measure, do_not_optimize } = await import(pathToFileURL(require.resolve('mitata')))
const errcat = createRequire(import.meta.url)(nodeDir)
const binding = createRequire(import.meta.url)(path.join(nodeDir, 'binding.js'))
const { lookups, statuses } = inputs(binding)

function rotating(list, fn) {
  let i = 0
  return () => {
    i = (i + 1) % list.length
    do_not_optimize(fn(list[i]))
  }
}

const ns = async (fn) => (await measure(fn)).avg
const rows = []
async function compare(name, list, ours, theirs) {
  const base = await ns(rotating(list, theirs))
  const mine = await ns(rotating(list, ours))
  rows.push({ name, inputs: list.length, base, mine, ratio: mine / base })
}

// Inputs as a caller has them: the code, and an options object made once.
const calls = (rows, key) => rows.map(([option, code]) => ({ code, options: option === undefined ? undefined : { [key]: option } }))
const plainLookups = calls(lookups.filter(([r]) => r === undefined), 'reporter')
const reporterLookups = calls(lookups.filter(([r]) => r !== undefined), 'reporter')
const plainStatuses = calls(statuses.filter(([v]) => v === undefined), 'version')
const versionStatuses = calls(statuses.filter(([v]) => v !== undefined), 'version')
const lookupMaps = baseline(lookups, (r, c) => errcat.lookup(c, { reporter: r }))
const statusMaps = baseline(statuses, (v, n) => errcat.status(n, { version: v }))
const plainLookupMap = lookupMaps.get(undefined)
const plainStatusMap = statusMaps.get(undefined)

await compare('lookup(code)', plainLookups, (x) => errcat.lookup(x.code), (x) => plainLookupMap.get(x.code))
await compare('lookup(code, {reporter})', reporterLookups, (x) => errcat.lookup(x.code, x.options),
  (x) => lookupMaps.get(x.options.reporter).get(x.code))
await compare('status(n)', plainStatuses, (x) => errcat.status(x.code), (x) => plainStatusMap.get(x.code))
await compare('status(n, {version})', versionStatuses, (x) => errcat.status(x.code, x.options),
  (x) => statusMaps.get(x.options.version).get(x.code))
const miss = await ns(rotating(['Arklet.Nope', 'User.DiskFull'], (c) => { try { return errcat.lookup(c) } catch (e) { return e } }))

const children = Array.from({ length: PROCESSES }, (_, i) =>
  JSON.parse(execFileSync(process.execPath, [self, '--child', String(i)], { encoding: 'utf8', env: { ...process.env } })))
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1]
for (const op of ['lookup', 'status']) {
  const mine = median(children.map((c) => c[op][0]))
  const base = median(children.map((c) => c[op][1]))
  const list = op === 'lookup' ? plainLookups : plainStatuses
  rows.push({ name: `${op} first call`, inputs: list.length >> 1, base, mine, ratio: median(children.map((c) => c[op][0] / c[op][1])) })
}

const fmt = (x) => x.toFixed(1).padStart(8)
console.log(`errcat ${errcat.VERSION} on node ${process.version} — ns per call (warm: mitata avg; first call: median of ${PROCESSES} processes)`)
console.log('operation                  inputs      Map   errcat   errcat/Map')
for (const r of rows) {
  console.log(`${r.name.padEnd(25)} ${String(r.inputs).padStart(7)} ${fmt(r.base)} ${fmt(r.mine)} ${r.ratio.toFixed(2).padStart(11)}×`)
}
console.log(`a miss or an error (crosses to the core every time): ${miss.toFixed(0)} ns`)
const tables = children.map((c) => c.table)
const cpus = children.map((c) => c.tableCpu)
const [load1] = (await import('node:os')).loadavg()
console.log(`answer table load (require('errcat') after the native module and the generated catalog), ${PROCESSES} ` +
  `fresh processes: wall median ${median(tables).toFixed(2)} ms (min ${Math.min(...tables).toFixed(2)}, max ` +
  `${Math.max(...tables).toFixed(2)}), CPU time ` +
  `median ${median(cpus).toFixed(2)} ms (max ${Math.max(...cpus).toFixed(2)}); the native module and the generated ` +
  `catalog before it: wall median ${median(children.map((c) => c.base)).toFixed(2)} ms. Load average ${load1.toFixed(1)} ` +
  `on ${(await import('node:os')).availableParallelism()} CPUs.`)
const worst = Math.max(...rows.map((r) => r.ratio))
console.log(`worst ratio ${worst.toFixed(2)}× (target ≤ 1.5×): ${worst <= 1.5 ? 'met' : 'NOT met'}; ` +
  `table load wall median ${median(tables).toFixed(2)} ms (target ≤ 20 ms): ${median(tables) <= 20 ? 'met' : 'NOT met'}`)
