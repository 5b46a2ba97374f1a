'use strict'
// The outside load generator of the bench's api and pipeline commands: POST /payments with a unique Idempotency-Key per
// request, through autocannon's programmatic API; prints one JSON document on stdout.
//
// Open loop: autocannon's overallRate is a per-connection quota that resets every second, so one instance fires all its
// connections at the top of each second. To offer the rate evenly, `slots` instances share it, started 1000/slots ms
// apart; each connection sends `per_connection_rate` requests a second back to back, so `rate / per_connection_rate`
// connections are open and a slow answer delays only its own connection. (Many more connections or instances cost
// the generator more CPU and memory than the server on a small machine, and their simultaneous first requests add
// latency of their own.) A connection still waits for its answer before its next
// request, so under overload the achieved rate falls below the offered one instead of queueing without bound: compare both.
// Latency is taken per response from autocannon's 'response' event (send to last byte of the answer), 2xx only;
// autocannon's own coordinated-omission correction is off (with a quota it assumes a 1 ms expected interval).
const autocannon = require('autocannon')
const version = require('autocannon/package.json').version

const config = JSON.parse(process.argv[2])

function instance (connections, overallRate, latencies, statuses) {
  let responses = 0
  return new Promise((resolve, reject) => {
    const options = {
      url: config.url,
      connections,
      duration: config.seconds,
      timeout: config.timeout_seconds,
      idReplacement: true,
      requests: [{
        method: 'POST',
        path: '/payments',
        headers: {
          authorization: 'Bearer ' + config.key,
          'content-type': 'application/json',
          'idempotency-key': config.key_prefix + '-[<id>]'
        },
        body: config.body
      }]
    }
    if (overallRate) Object.assign(options, { overallRate, ignoreCoordinatedOmission: true })
    const tracker = autocannon(options, (error, result) => error ? reject(error) : resolve({ result, responses }))
    tracker.on('response', (client, statusCode, bytes, responseTime) => {
      responses++
      statuses[statusCode] = (statuses[statusCode] || 0) + 1
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime)
    })
  })
}

function share (total, parts, index) {
  return Math.floor(total / parts) + (index < total % parts ? 1 : 0)
}

function percentile (sorted, p) {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]
}

async function main () {
  const latencies = []
  const statuses = {}
  const runs = []
  let connections = 0
  if (config.mode === 'open') {
    const slots = Math.max(1, Math.min(config.slots, config.rate))
    for (let k = 0; k < slots; k++) {
      const rate = share(config.rate, slots, k)
      const open = Math.max(1, Math.ceil(rate / config.per_connection_rate))
      connections += open
      runs.push(new Promise(resolve => setTimeout(resolve, (k * 1000) / slots))
        .then(() => instance(open, rate, latencies, statuses)))
    }
  } else {
    connections = config.connections
    runs.push(instance(config.connections, 0, latencies, statuses))
  }

  const finished = await Promise.all(runs)
  latencies.sort((a, b) => a - b)
  const responses = Object.values(statuses).reduce((a, b) => a + b, 0)
  const sum = key => finished.reduce((a, f) => a + (f.result[key] || 0), 0)
  // autocannon stops on its next one-second sample after the duration, so each instance ran a little longer: use its own.
  const achieved = finished.reduce((a, f) => a + f.responses / f.result.duration, 0)
  const seconds = finished.reduce((a, f) => Math.max(a, f.result.duration), 0)
  process.stdout.write(JSON.stringify({
    generator: `autocannon ${version}`,
    mode: config.mode,
    offered_rate: config.mode === 'open' ? config.rate : null,
    seconds,
    connections,
    responses,
    achieved_rate: achieved,
    status_counts: statuses,
    errors: sum('errors') - sum('timeouts'),
    timeouts: sum('timeouts'),
    latency_ms: {
      count: latencies.length,
      p50: percentile(latencies, 0.50),
      p90: percentile(latencies, 0.90),
      p95: percentile(latencies, 0.95),
      p99: percentile(latencies, 0.99),
      max: latencies.length ? latencies[latencies.length - 1] : 0
    }
  }) + '\n')
}

main().catch(error => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + '\n')
  process.exit(1)
})
