'use strict'
// Loads the native addon through the loader `napi build` generates (binding.js). Where the package has no addon for
// the platform (it packs linux-x64-gnu only), or the addon does not load, the error is one line naming what the
// package supports; the generated loader's own errors stay as `cause`.
const SUPPORTED = 'linux-x64 with glibc 2.17 or newer'

/** `linux-arm64 glibc 2.31`, `linux-x64 musl`, `darwin-arm64`, ... */
function platform() {
  let where = `${process.platform}-${process.arch}`
  if (process.platform === 'linux') {
    let glibc = null
    try {
      process.report.excludeNetwork = true
      glibc = process.report.getReport().header.glibcVersionRuntime || null
    } catch {
      // no report: say nothing about the C library
    }
    where += glibc ? ` glibc ${glibc}` : ' (not glibc: musl?)'
  }
  return where
}

function firstLine(e) {
  return String((e && e.message) || e).split('\n')[0]
}

try {
  module.exports = require('./binding.js')
} catch (e) {
  const inner = e && e.cause ? e.cause : e
  const error = new Error(
    `errcat: no native addon loads on ${platform()}: this package supports ${SUPPORTED} (${firstLine(inner)})`,
  )
  error.code = 'ERRCAT_UNSUPPORTED_PLATFORM'
  error.cause = e
  throw error
}
