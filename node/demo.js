'use strict'
// `make demo-node`: errcat from Node, through the public API only.
const errcat = require('errcat')

const r = errcat.lookup('Arklet.InstallBizFailed')
console.log(`${r.code}: ${r.entry.meaning.en} (${r.entry.meaning.zh}) — retryable: ${r.entry.retryable}`)

const alias = errcat.lookup('ModuleController.ResourceConstrained')
console.log(`alias ${alias.alias} → canonical ${alias.type}`)

for (const version of ['v3.5.0', 'master']) {
  const m = errcat.status(552, { version })
  const moved = m.entry.renumberedTo ? `, now ${m.entry.renumberedTo}` : ''
  console.log(`552 at ${version}: ${m.entry.message} [${m.entry.versions[0]}..${m.entry.versions.at(-1)}${moved}] valid=${m.valid}`)
}

try {
  errcat.lookup('Arklet.InstallBizFailes')
} catch (e) {
  console.log(`${e.code}: did you mean ${e.suggestions.join(' or ')}?`)
}

const err = new errcat.CodedError('Arklet.InstallBizFailed', 'install biz demo:1.0.0 failed', {
  cause: new errcat.CodedError('User.MetaspaceFull', 'Metaspace 512m used'),
})
console.log(err.toArkletJson())

errcat.analyzeAudit([require('node:path').join(__dirname, 'test/fixtures/audit-sample.log')]).then((report) => {
  console.log(`audit: ${report.lines} lines, ${report.malformed} malformed (analysed off the main thread)`)
})
