'use strict'
// The tarball `npm pack` makes installs in an empty directory and works there without building anything:
// CommonJS and ESM scripts that use only the public API, and a strict TypeScript check against its types.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { execFileSync } = require('node:child_process')
const { nodeDir } = require('./support')

const { version } = require('../package.json')
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const quiet = { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }

const CJS = `
const errcat = require('errcat')
const r = errcat.lookup('Arklet.InstallBizFailed')
const s = errcat.status(552, { version: 'v3.5.0' })
let code
try { errcat.lookup('Arklet.InstallBizFailes') } catch (e) { code = e.code + ':' + e.suggestions[0] }
const problem = JSON.parse(new errcat.CodedError('552', 'too many').toProblemJson())
if (!(errcat.lookup.length >= 1 && errcat.Source.User === 'User')) throw new Error('enums')
errcat.analyzeAudit([]).then((report) => {
  console.log(JSON.stringify({ reporter: r.entry.reporter, message: s.entry.message, code, status: problem.status,
    entries: errcat.entries().length, lines: report.lines }))
})
`

const ESM = `
import errcat, { lookup, find, exportCatalog } from 'errcat'
console.log(JSON.stringify({ same: errcat.lookup === lookup, type: lookup('ModuleController.ResourceConstrained').type,
  found: find('935').length, json: exportCatalog().startsWith('{') }))
`

test('npm pack → npm install ./errcat-<v>.tgz in an empty directory → it works there', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'errcat-pack-'))
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))

  execFileSync(npm, ['pack', '--pack-destination', dir], { cwd: nodeDir, ...quiet })
  const tarball = path.join(dir, `errcat-${version}.tgz`)
  assert.ok(fs.existsSync(tarball), `npm pack made ${tarball}`)
  const listing = execFileSync('tar', ['-tzf', tarball], quiet).split('\n').filter(Boolean)
  assert.ok(listing.some((f) => /^package\/errcat\..+\.node$/.test(f)), `the .node file is inside: ${listing}`)
  for (const f of ['package/errcat.js', 'package/errcat.mjs', 'package/binding.js', 'package/index.d.ts',
    'package/generated/catalog.js', 'package/generated/catalog.d.ts']) {
    assert.ok(listing.includes(f), `${f} is inside`)
  }
  assert.ok(!listing.some((f) => f.includes('/test/') || f.includes('node_modules')), 'no tests or dependencies inside')

  const app = path.join(dir, 'app')
  fs.mkdirSync(app)
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }))
  execFileSync(npm, ['install', '--no-audit', '--no-fund', tarball], { cwd: app, ...quiet })
  assert.ok(!fs.existsSync(path.join(app, 'node_modules/errcat/target')), 'nothing was built')

  fs.writeFileSync(path.join(app, 'use.cjs'), CJS)
  fs.writeFileSync(path.join(app, 'use.mjs'), ESM)
  const cjs = JSON.parse(execFileSync(process.execPath, ['use.cjs'], { cwd: app, ...quiet }))
  assert.deepEqual(cjs, {
    reporter: 'Arklet', message: 'access limited', code: 'ERRCAT_NOT_FOUND:Arklet.InstallBizFailed', status: 552,
    entries: cjs.entries, lines: 0,
  })
  assert.ok(cjs.entries > 100)
  const esm = JSON.parse(execFileSync(process.execPath, ['use.mjs'], { cwd: app, ...quiet }))
  assert.deepEqual(esm, { same: true, type: 'ResourceConstraned', found: 2, json: true })

  // tsc --noEmit --strict on a TypeScript consumer of the installed package (CommonJS and ESM imports).
  for (const f of ['consumer.ts', 'consumer.mts', 'tsconfig.json']) {
    fs.copyFileSync(path.join(__dirname, 'consumer', f), path.join(app, f))
  }
  const tsc = path.join(nodeDir, 'node_modules/typescript/bin/tsc')
  try {
    execFileSync(process.execPath, [tsc, '-p', path.join(app, 'tsconfig.json'), '--noEmit', '--strict'], { cwd: app, ...quiet })
  } catch (e) {
    assert.fail(`tsc --noEmit --strict failed:\n${e.stdout}${e.stderr}`)
  }
})
