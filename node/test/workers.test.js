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
