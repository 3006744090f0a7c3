// HTTP scenario server on Node's own `http` module: the same work as bridge_http_server.js.
//   node bench/servers/node_http_server.mjs PORT FILES
import { createServer } from "node:http"
import { createReadStream, promises as fs } from "node:fs"
import { basename, join } from "node:path"

const port = Number(process.argv[2])
const files = process.argv[3]

const server = createServer(async (request, response) => {
  const path = request.url.split("?")[0]
  if (path === "/hello" || path === "/hello-async") {
    response.writeHead(200, { "Content-Type": "text/plain; charset=utf-8" })
    response.end("Hello, world!")
  } else if (path.startsWith("/files/") && request.method === "GET") {
    const name = basename(decodeURIComponent(path.slice("/files/".length)))
    try {
      const stat = await fs.stat(join(files, name))
      response.writeHead(200, { "Content-Type": "application/octet-stream", "Content-Length": stat.size })
      createReadStream(join(files, name)).pipe(response)
    } catch {
      response.writeHead(404).end()
    }
  } else if (path === "/upload" && request.method === "POST") {
    let size = 0
    request.on("data", (chunk) => { size += chunk.length })
    request.on("end", () => {
      response.writeHead(200, { "Content-Type": "text/plain; charset=utf-8" })
      response.end(String(size))
    })
  } else {
    response.writeHead(404).end()
  }
})
server.keepAliveTimeout = 60_000
server.listen({ host: "127.0.0.1", port, backlog: 1024 })
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0))
