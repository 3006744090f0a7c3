// The one load generator for every server: raw TCP sockets speaking just enough WebSocket, with
// frames serialized and masked once, ahead of time, so it does much less per message than any
// server under test. One Node process; no dependencies.
//
//   node bench/loadgen.mjs '{"scenario": "echo", "port": 8080, ...}'
//
// Scenarios (the JSON's fields; every one has a deadline and exits by itself):
//   echo:      connections, inflight, size, binary, warmup, duration (s) -> rate, latency percentiles
//   broadcast: connections, size, count (broadcasts), timeout (s)      -> seconds per broadcast
//   idle:      connections; prints {"ready": ...} once all are open, then waits for a line on
//              stdin (or `hold` seconds) and closes them
//   httpIdle:  the same with HTTP keep-alive connections, each after one GET (path, expect)
// The result is one line of JSON on stdout. Connections end with a TCP reset (no TIME_WAIT), so
// rounds of 10,000 connections do not run out of ephemeral ports.
import net from "node:net"
import crypto from "node:crypto"
import { performance } from "node:perf_hooks"

const options = JSON.parse(process.argv[2])
const HOST = options.host ?? "127.0.0.1"
const now = () => performance.now()

// One client frame, masked with a fixed key (servers unmask whatever the key; the work is equal).
function frame(opcode, payload) {
  const length = payload.length
  const head = length < 126 ? 2 : length < 65536 ? 4 : 10
  const out = Buffer.allocUnsafe(head + 4 + length)
  out[0] = 0x80 | opcode
  if (head === 2) out[1] = 0x80 | length
  else if (head === 4) { out[1] = 0x80 | 126; out.writeUInt16BE(length, 2) }
  else { out[1] = 0x80 | 127; out.writeUInt32BE(Math.floor(length / 2 ** 32), 2); out.writeUInt32BE(length >>> 0, 6) }
  const mask = crypto.randomBytes(4)
  mask.copy(out, head)
  for (let i = 0; i < length; i++) out[head + 4 + i] = payload[i] ^ mask[i & 3]
  return out
}

function textPayload(size) {
  const unit = Buffer.from("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-_")
  const out = Buffer.allocUnsafe(size)
  for (let i = 0; i < size; i++) out[i] = unit[i % unit.length]
  return out
}

// A connection: the handshake by hand, then a streaming frame parser that counts whole messages
// and skips payloads without copying them. Pings are answered (the Python servers send them).
class Connection {
  constructor(port, path, onMessages) {
    this.onMessages = onMessages // (connection, count, bytes) per chunk read
    this.stash = null            // an incomplete frame header from the previous chunk
    this.remaining = 0           // payload bytes of the current frame still to come
    this.fin = false
    this.opcode = 0
    this.control = null          // payload pieces of a control frame
    this.bytes = 0               // payload bytes of data frames, for MB/s
    this.open = false
    this.closed = false
    this.opened = new Promise((resolve, reject) => { this.resolveOpen = resolve; this.rejectOpen = reject })
    const socket = this.socket = net.connect({ host: HOST, port, noDelay: true })
    socket.on("connect", () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${HOST}:${port}\r\nUpgrade: websocket\r\n` +
        "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
    })
    let head = ""
    const onHandshake = (chunk) => {
      head += chunk.toString("latin1")
      const end = head.indexOf("\r\n\r\n")
      if (end < 0) return
      if (!head.startsWith("HTTP/1.1 101")) return this.fail(new Error(`handshake refused: ${head.split("\r\n")[0]}`))
      socket.off("data", onHandshake)
      socket.on("data", (data) => this.feed(data))
      this.open = true
      this.resolveOpen(this)
      const rest = Buffer.from(head.slice(end + 4), "latin1")
      if (rest.length) this.feed(rest)
    }
    socket.on("data", onHandshake)
    socket.on("error", (error) => this.fail(error))
    socket.on("close", () => { this.closed = true; if (!this.open) this.rejectOpen(new Error("closed before open")) })
  }

  fail(error) {
    if (!this.open) this.rejectOpen(error)
    else if (!this.closed && !stopping) { console.error(`loadgen: connection failed: ${error.message}`); failures++ }
    this.socket.destroy()
  }

  feed(chunk) {
    if (this.stash !== null) { chunk = Buffer.concat([this.stash, chunk]); this.stash = null }
    const n = chunk.length
    let i = 0, messages = 0, bytes = 0
    while (i < n) {
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, n - i)
        if (this.control !== null) this.control.push(chunk.subarray(i, i + take))
        else bytes += take
        i += take
        this.remaining -= take
        if (this.remaining === 0) messages += this.endFrame()
        continue
      }
      if (n - i < 2) { this.stash = Buffer.from(chunk.subarray(i)); break }
      const b0 = chunk[i], b1 = chunk[i + 1] & 0x7f
      const head = b1 < 126 ? 2 : b1 === 126 ? 4 : 10
      if (n - i < head) { this.stash = Buffer.from(chunk.subarray(i)); break }
      const length = head === 2 ? b1 : head === 4 ? chunk.readUInt16BE(i + 2)
        : chunk.readUInt32BE(i + 2) * 2 ** 32 + chunk.readUInt32BE(i + 6)
      this.fin = (b0 & 0x80) !== 0
      this.opcode = b0 & 0x0f
      this.control = this.opcode >= 8 ? [] : null
      i += head
      this.remaining = length
      if (length === 0) messages += this.endFrame()
    }
    this.bytes += bytes
    if (messages > 0 || bytes > 0) this.onMessages(this, messages, bytes)
  }

  endFrame() {
    const opcode = this.opcode
    if (opcode < 8) return this.fin ? 1 : 0
    const payload = Buffer.concat(this.control)
    this.control = null
    if (opcode === 9) this.socket.write(frame(0xa, payload))       // ping -> pong
    else if (opcode === 8 && !stopping) { console.error(`loadgen: server closed a connection: ${payload.length >= 2 ? payload.readUInt16BE(0) : ""} ${payload.subarray(2)}`); failures++ }
    return 0
  }

  reset() {
    if (!this.closed) this.socket.resetAndDestroy()
  }
}

let stopping = false
let failures = 0

// Open `count` connections, at most `parallel` handshakes at a time (servers' backlogs differ).
async function openMany(count, port, path, onMessages, parallel = 100) {
  const connections = []
  let next = 0
  async function worker() {
    while (next < count) {
      next++
      let connection
      for (let attempt = 0; ; attempt++) {
        connection = new Connection(port, path, onMessages)
        try { await connection.opened; break } catch (error) {
          if (attempt >= 3) throw error
          await new Promise((r) => setTimeout(r, 50))
        }
      }
      connections.push(connection)
    }
  }
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker))
  return connections
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

function cpuSeconds() {
  const usage = process.cpuUsage()
  return (usage.user + usage.system) / 1e6
}

// Latency histogram: 1 us buckets up to 1 s, one overflow bucket.
class Histogram {
  constructor() { this.counts = new Uint32Array(1_000_001); this.total = 0 }
  add(ms, n) { const us = Math.min(Math.round(ms * 1000), 1_000_000); this.counts[us] += n; this.total += n }
  percentile(p) {
    const target = Math.ceil(this.total * p)
    let seen = 0
    for (let us = 0; us < this.counts.length; us++) {
      seen += this.counts[us]
      if (seen >= target) return us / 1000
    }
    return NaN
  }
}

async function echo({ port, path = "/echo", connections = 50, inflight = 4, size = 64, binary = false,
                      warmup = 1, duration = 3 }) {
  const payload = binary ? crypto.randomBytes(size) : textPayload(size)
  const one = frame(binary ? 2 : 1, payload)
  const batch = Buffer.concat(Array(inflight).fill(one)) // n frames = batch.subarray(0, n * one.length)
  let recording = false, messages = 0, bytes = 0
  const histogram = new Histogram()
  const sent = new Map() // connection -> ring of send times
  const onMessages = (connection, count, received) => {
    if (recording) bytes += received
    if (count === 0) return
    const t = now()
    const ring = sent.get(connection)
    for (let k = 0; k < count; k++) {
      const started = ring.times[ring.head]
      if (recording) histogram.add(t - started, 1)
      ring.times[ring.head] = t
      ring.head = (ring.head + 1) % inflight
    }
    if (recording) messages += count
    if (!stopping) connection.socket.write(count === 1 ? one : batch.subarray(0, count * one.length))
  }
  const all = await openMany(connections, port, path, onMessages)
  for (const connection of all) {
    const t = now()
    sent.set(connection, { times: new Float64Array(inflight).fill(t), head: 0 })
    connection.socket.write(batch)
  }
  await sleep(warmup * 1000)
  recording = true
  const started = now(), cpuStarted = cpuSeconds()
  await sleep(duration * 1000)
  recording = false
  const seconds = (now() - started) / 1000, cpu = cpuSeconds() - cpuStarted
  stopping = true
  for (const connection of all) connection.reset()
  return {
    messages, seconds, rate: messages / seconds, bytes_per_second: bytes / seconds,
    p50_ms: histogram.percentile(0.5), p99_ms: histogram.percentile(0.99),
    loadgen_cpu: cpu / seconds, failures,
  }
}

async function broadcast({ port, path = "/broadcast", connections = 1000, size = 64, count = 20, timeout = 20,
                           settle = 0.3 }) {
  const message = frame(1, textPayload(size))
  let round = 0, waiting = 0, done = null, first = 0
  const received = new Map()
  const onMessages = (connection, n) => {
    if (first === 0) first = now()
    const got = received.get(connection) + n
    received.set(connection, got)
    if (got === round) { waiting--; if (waiting === 0 && done) done() }
  }
  const all = await openMany(connections, port, path, onMessages)
  for (const connection of all) received.set(connection, 0)
  await sleep(settle * 1000) // servers that register a session after the handshake
  const times = [], firsts = []
  const cpuStarted = cpuSeconds(), wallStarted = now()
  for (round = 1; round <= count + 1; round++) { // the first one is a warm-up
    waiting = all.filter((c) => received.get(c) < round).length
    const finished = new Promise((resolve) => { done = resolve })
    first = 0
    const started = now()
    all[round % all.length].socket.write(message)
    const timer = setTimeout(() => done("timeout"), timeout * 1000)
    const outcome = await finished
    clearTimeout(timer)
    if (outcome === "timeout") throw new Error(`broadcast ${round}: ${waiting} of ${all.length} sessions got nothing in ${timeout} s`)
    if (round > 1) { times.push((now() - started) / 1000); firsts.push((first - started) / 1000) }
    await sleep(10)
  }
  const cpu = cpuSeconds() - cpuStarted, wall = (now() - wallStarted) / 1000
  stopping = true
  for (const connection of all) connection.reset()
  times.sort((a, b) => a - b)
  firsts.sort((a, b) => a - b)
  return { seconds: times[Math.floor(times.length / 2)], first_seconds: firsts[Math.floor(firsts.length / 2)], min: times[0], max: times[times.length - 1],
           count: times.length, loadgen_cpu: cpu / wall, failures }
}

async function idle({ port, path = "/echo", connections = 10000, hold = 60 }) {
  const started = now()
  return holdOpen(await openMany(connections, port, path, () => {}, 200), started, hold)
}

// Says the connections are ready, waits for a line on stdin (or `hold` seconds), then resets them.
async function holdOpen(all, started, hold) {
  process.stdout.write(JSON.stringify({ ready: all.length, open_seconds: (now() - started) / 1000 }) + "\n")
  await new Promise((resolve) => {
    const timer = setTimeout(resolve, hold * 1000)
    process.stdin.once("data", () => { clearTimeout(timer); resolve() })
  })
  const open = all.filter((c) => !c.closed).length
  stopping = true
  for (const connection of all) connection.reset()
  return { connections: all.length, still_open: open, failures }
}

// HTTP keep-alive connections that each made one request (GET path, answered with a body that
// ends in `expect`), then stay open doing nothing.
function httpKeptAlive(port, path, expect) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: HOST })
    const state = { closed: false, reset: () => socket.resetAndDestroy() }
    let answer = ""
    socket.setEncoding("latin1")
    socket.on("connect", () => socket.write(`GET ${path} HTTP/1.1\r\nHost: ${HOST}\r\n\r\n`))
    socket.on("data", (chunk) => {
      answer += chunk
      // The body whole: with a Content-Length it ends the answer, chunked the last chunk does.
      if (answer.endsWith(expect) || (answer.includes(expect) && answer.endsWith("\r\n0\r\n\r\n"))) {
        answer = ""
        resolve(state)
      }
    })
    socket.on("error", (error) => { state.closed = true; if (!stopping) failures++; reject(error) })
    socket.on("close", () => { state.closed = true })
  })
}

async function httpIdle({ port, path = "/hello", expect = "Hello, world!", connections = 10000, hold = 60 }) {
  const started = now()
  const all = []
  let next = 0
  async function worker() {
    while (next < connections) {
      next++
      all.push(await httpKeptAlive(port, path, expect))
    }
  }
  await Promise.all(Array.from({ length: Math.min(200, connections) }, worker))
  return holdOpen(all, started, hold)
}

const scenarios = { echo, broadcast, idle, httpIdle }
const deadline = setTimeout(() => { console.error("loadgen: deadline passed"); process.exit(3) }, (options.deadline ?? 120) * 1000)
deadline.unref()
try {
  const result = await scenarios[options.scenario](options)
  process.stdout.write(JSON.stringify(result) + "\n")
  process.exit(0)
} catch (error) {
  console.error(`loadgen: ${error.message}`)
  process.exit(2)
}
