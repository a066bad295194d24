// errcat's classify from Node against Rust's errcat::classify of the same bodies, measured by criterion in the same
// make run just before (`make bench-node` runs bench-classify-rust first; its estimates are in target/criterion).
// Target: at most 3x Rust.
//
// The two answers of bench/rust/benches/classify.rs, byte for byte: a typical failure (FAILED / REPEAT_BIZ, 231
// bytes) and an install failure with an 80-frame JDK 17 trace (9,729 bytes), classified with
// `{ command: 'installBiz' }` as there, each as a Buffer (what an HTTP client hands over) and as a string. Each row
// is mitata's average (and median) per call, wall time, as criterion measures the Rust side.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const nodeDir = process.env.ERRCAT_PACKAGE_DIR ?? path.resolve(here, '../../node')
const criterion = process.env.ERRCAT_CRITERION ?? path.resolve(here, '../../target/criterion')
const require = createRequire(path.join(path.resolve(here, '../../node'), 'package.json'))
const { measure, do_not_optimize } = await import(pathToFileURL(require.resolve('mitata')))
const errcat = createRequire(import.meta.url)(nodeDir)
const TARGET = 3

/** As serde_json writes bench/rust's value: its maps keep keys sorted, compact. */
const typical = () => JSON.stringify({
  baseIdentity: 'f3a1c9e2-5b7d-4e10-9c2a-7d1e0b6a4f55',
  code: 'FAILED',
  data: { code: 'REPEAT_BIZ', elapsedSpace: 1284, message: 'Biz: dynamic-provider:1.0.0 has been installed or registered.' },
  message: 'install biz not success!',
})

function eightyFrames() {
  let t = 'com.alipay.sofa.koupleless.arklet.core.common.exception.ArkletRuntimeException: ' +
    'java.lang.reflect.InvocationTargetException\n'
  for (let i = 0; i < 20; i++) {
    t += `\tat com.alipay.sofa.koupleless.arklet.core.ops.UnifiedOperationServiceImpl.step${i}(UnifiedOperationServiceImpl.java:${60 + i})\n`
  }
  t += 'Caused by: java.lang.reflect.InvocationTargetException\n'
  for (let i = 0; i < 10; i++) {
    t += `\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke${i}(DirectMethodHandleAccessor.java:${100 + i})\n`
  }
  t += '\t... 20 more\nCaused by: org.springframework.beans.factory.BeanCreationException: Error creating bean ' +
    "with name 'orderService': Invocation of init method failed\n"
  for (let i = 0; i < 50; i++) {
    t += `\tat app//org.springframework.beans.factory.support.AbstractBeanFactory.doGetBean${i}(AbstractBeanFactory.java:${300 + i})\n`
  }
  t += '\t... 30 more\n'
  return JSON.stringify({ code: 'CMD_PROCESS_INTERNAL_ERROR', errorStackTrace: t,
    message: 'Internal Error: java.lang.reflect.InvocationTargetException' })
}

/** The mean of bench/rust's criterion benchmark `classify/<name>/errcat`, in microseconds (undefined when absent). */
function rustMeanUs(name) {
  try {
    const estimates = JSON.parse(readFileSync(path.join(criterion, 'classify', `${name}_errcat`, 'new', 'estimates.json'), 'utf8'))
    return estimates.mean.point_estimate / 1000
  } catch {
    return undefined
  }
}

const bodies = { typical: typical(), '80-frames': eightyFrames() }
const lengths = Object.values(bodies).map((b) => Buffer.byteLength(b))
if (lengths[0] !== 231 || lengths[1] !== 9729) throw new Error(`the bodies of bench/rust/benches/classify.rs, not ${lengths}`)
const options = { command: 'installBiz' }
const check = errcat.classify(bodies['80-frames'], options)
if (check.code !== 'User.InstallBizUserError' || check.evidence.frames !== 80) throw new Error(`80 frames: ${check.code}`)
if (errcat.classify(bodies.typical, options).code !== 'Arklet.InstallationRequirementNotMet') throw new Error('typical')

console.log(`node ${process.version}: errcat.classify(body, { command: 'installBiz' }) vs Rust errcat::classify of the ` +
  `same body (criterion mean from ${criterion}); mitata average (median), wall time`)
let ok = true
for (const [name, text] of Object.entries(bodies)) {
  for (const [kind, body] of [['Buffer', Buffer.from(text)], ['string', text]]) {
    const stats = await measure(() => do_not_optimize(errcat.classify(body, options)))
    const [ours, median, rust] = [stats.avg / 1000, stats.p50 / 1000, rustMeanUs(name)]
    const label = `${name}, ${kind}`.padEnd(18)
    if (rust === undefined) {
      console.log(`  ${label} ${ours.toFixed(2).padStart(8)} us (median ${median.toFixed(2).padStart(8)})  no Rust estimate: run make bench-node`)
      continue
    }
    const ratio = ours / rust
    ok &&= ratio <= TARGET
    console.log(`  ${label} ${ours.toFixed(2).padStart(8)} us (median ${median.toFixed(2).padStart(8)})  Rust ` +
      `${rust.toFixed(2).padStart(8)} us  ratio ${ratio.toFixed(2).padStart(6)}x (median ${(median / rust).toFixed(2).padStart(6)}x)` +
      `  target <= ${TARGET}x: ${ratio <= TARGET ? 'ok' : 'MISSED'}`)
  }
}
console.log(`load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores`)
console.log(ok ? 'node classify: within the target' : 'node classify: OVER the target')
