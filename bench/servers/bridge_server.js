// Scenario server for scripting-bridge: the same work as python_server.py, node_server.mjs and
// bun_server.mjs. The bench writes a one-line prelude that sets globalThis.BENCH_PORT, then runs
//   python -m bridge run prelude.js bench/servers/bridge_server.js
// /echo      echoes every message (text as text, binary as binary)
// /broadcast sends each text it receives to every session connected to /broadcast
const server = new HttpServer()
server.listenAddressIPv4 = "127.0.0.1"

server.registerWebsocket("/echo", {
  handleText: (session, text) => session.writeText(text),
  handleBinary: (session, data) => session.writeData(data),
})

const room = new Set()
server.registerWebsocket("/broadcast", {
  onConnected: (session) => { room.add(session) },
  onDisconnected: (session) => { room.delete(session) },
  handleText: (session, text) => {
    for (const member of room) member.writeText(text)
  },
})

const error = server.start({ port: globalThis.BENCH_PORT, forceIPv4: true })
if (error) throw new Error(error)
