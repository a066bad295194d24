'use strict'
// The module loads in several worker_threads at once; concurrent calls agree with the main thread.
const test = require('node:test')
const assert = require('node:assert/strict')
const path = require('node:path')
const { Worker } = require('node:worker_threads')
const { errcat, packageDir } = require('./support')
const { workload } = require('./fixtures/workload')

function runWorker(rounds) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'fixtures/worker.js'), { workerData: { packageDir, rounds } })
    worker.once('message', resolve)
    worker.once('error', reject)
    worker.once('exit', (code) => code !== 0 && reject(new Error(`worker exited with ${code}`)))
  })
}

test('8 workers calling errcat concurrently get the main thread\'s answers', async () => {
  const expected = workload(errcat, 1)
  const results = await Promise.all(Array.from({ length: 8 }, () => runWorker(50)))
  for (const result of results) assert.deepEqual(result, expected)
})

test('workers that are terminated mid-work do not take the process down', async () => {
  const workers = Array.from({ length: 4 }, () =>
    new Worker(path.join(__dirname, 'fixtures/worker.js'), { workerData: { packageDir, rounds: 1e6 } }))
  await new Promise((resolve) => setTimeout(resolve, 150))
  await Promise.all(workers.map((w) => w.terminate()))
  assert.equal(errcat.lookup('Arklet.InstallBizFailed').reporter, 'Arklet')
})

test('a worker terminated while its audit analysis runs on the thread pool does not take the process down', async (t) => {
  const fs = require('node:fs')
  const os = require('node:os')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'errcat-worker-audit-'))
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  const big = path.join(dir, 'big.log')
  fs.writeFileSync(big, fs.readFileSync(path.join(__dirname, 'fixtures/audit-sample.log'), 'utf8').repeat(20000))
  const source = `const { workerData, parentPort } = require('node:worker_threads')
    const errcat = require(workerData.packageDir)
    for (let i = 0; i < 4; i++) errcat.analyzeAudit([workerData.big])
    parentPort.postMessage('started')`
  const workers = Array.from({ length: 3 }, () => new Worker(source, { eval: true, workerData: { packageDir, big } }))
  await Promise.all(workers.map((w) => new Promise((resolve) => w.once('message', resolve))))
  await Promise.all(workers.map((w) => w.terminate()))
  const report = await errcat.analyzeAudit([big])
  assert.ok(report.lines > 0)
})
