// HTTP scenario server on Bun.serve: the same work as bridge_http_server.js.
//   bun bench/servers/bun_http_server.mjs PORT FILES
const port = Number(process.argv[2])
const files = process.argv[3]

Bun.serve({
  hostname: "127.0.0.1",
  port,
  async fetch(request) {
    const path = new URL(request.url).pathname
    if (path === "/hello" || path === "/hello-async") return new Response("Hello, world!")
    if (path.startsWith("/files/") && request.method === "GET") {
      const name = decodeURIComponent(path.slice("/files/".length))
      const file = Bun.file(`${files}/${name}`)
      if (name.includes("/") || !(await file.exists())) return new Response(null, { status: 404 })
      return new Response(file)
    }
    if (path === "/upload" && request.method === "POST") {
      return new Response(String((await request.arrayBuffer()).byteLength))
    }
    return new Response(null, { status: 404 })
  },
})
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0))
