'use strict'
// The committed loader (binding.js) and declarations (index.d.ts) are what `napi build` generates from the Rust
// sources now: regenerate them into a temporary directory and compare.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { execFileSync } = require('node:child_process')
const { nodeDir } = require('./support')

test('binding.js and index.d.ts have not drifted from the Rust sources', (t) => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'errcat-napi-'))
  t.after(() => fs.rmSync(out, { recursive: true, force: true }))
  const napi = path.join(nodeDir, 'node_modules/@napi-rs/cli/dist/cli.js')
  // make test-node passes the arguments of its own build (the zig-linked target), so this reuses that build.
  const extra = (process.env.ERRCAT_NAPI_BUILD_ARGS || '').split(' ').filter(Boolean)
  execFileSync(process.execPath, [napi, 'build', '--platform', '--release', ...extra,
    '--manifest-path', '../bindings/node/Cargo.toml', '--package-json-path', 'package.json',
    '--output-dir', out, '--js', 'binding.js', '--dts', 'index.d.ts'], { cwd: nodeDir, stdio: ['ignore', 'pipe', 'pipe'] })
  for (const file of ['binding.js', 'index.d.ts']) {
    const committed = fs.readFileSync(path.join(nodeDir, file), 'utf8')
    const generated = fs.readFileSync(path.join(out, file), 'utf8')
    assert.ok(committed === generated, `node/${file} is stale: run \`make node-build\` and commit it`)
  }
})

test('every export the declarations name is exported by the package, and nothing else', () => {
  const declared = new Set()
  const dts = fs.readFileSync(path.join(nodeDir, 'index.d.ts'), 'utf8')
  for (const m of dts.matchAll(/^export declare (?:function|const|class) (\w+)/gm)) declared.add(m[1])
  const exported = new Set(Object.keys(require(nodeDir)))
  assert.deepEqual([...exported].sort(), [...declared].sort())
})

test('the ESM entry exports the same names and values as the CommonJS one', async () => {
  const cjs = require(nodeDir)
  const esm = await import(require('node:url').pathToFileURL(path.join(nodeDir, 'errcat.mjs')))
  assert.equal(esm.default, cjs)
  for (const name of Object.keys(cjs)) assert.equal(esm[name], cjs[name], name)
  assert.deepEqual(Object.keys(esm).filter((k) => k !== 'default').sort(), Object.keys(cjs).sort())
})
