// Scenario server on Node with the `ws` package: the same work as bridge_server.js.
//   node bench/servers/node_server.mjs PORT      (ws is resolved from bench/peers/node_modules)
import { createRequire } from "node:module"
const require = createRequire(new URL("../peers/package.json", import.meta.url))
const { WebSocketServer } = require("ws")

const port = Number(process.argv[2])
const wss = new WebSocketServer({ host: "127.0.0.1", port, perMessageDeflate: false, maxPayload: 16 * 1024 * 1024, backlog: 1024 })
const room = new Set()
wss.on("connection", (ws, request) => {
  const path = request.url.split("?")[0]
  if (path === "/echo") {
    ws.on("message", (data, isBinary) => ws.send(data, { binary: isBinary }))
  } else if (path === "/broadcast") {
    room.add(ws)
    ws.on("message", (data, isBinary) => { for (const member of room) member.send(data, { binary: isBinary }) })
    ws.on("close", () => room.delete(ws))
  } else {
    ws.close(1008, "unknown path")
  }
  ws.on("error", () => {})
})
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0))
