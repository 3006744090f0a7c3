// Scenario server on Bun's own WebSocket server (Bun.serve), the one a Bun user would pick:
// the same work as bridge_server.js.   bun bench/servers/bun_server.mjs PORT
const port = Number(process.argv[2])
const room = new Set()
Bun.serve({
  hostname: "127.0.0.1",
  port,
  fetch(request, server) {
    const path = new URL(request.url).pathname
    if ((path === "/echo" || path === "/broadcast") && server.upgrade(request, { data: { path } })) return
    return new Response("not a WebSocket endpoint\n", { status: 404 })
  },
  websocket: {
    perMessageDeflate: false,
    maxPayloadLength: 16 * 1024 * 1024,
    backpressureLimit: 64 * 1024 * 1024,
    open(ws) { if (ws.data.path === "/broadcast") room.add(ws) },
    close(ws) { room.delete(ws) },
    message(ws, message) {
      if (ws.data.path === "/echo") ws.send(message)
      else for (const member of room) member.send(message)
    },
  },
})
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0))
