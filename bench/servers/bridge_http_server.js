// HTTP scenario server for scripting-bridge: the same work as aiohttp_server.py,
// node_http_server.mjs and bun_http_server.mjs. The bench writes a prelude that sets
// globalThis.BENCH_PORT and BENCH_FILES (a folder holding the files to download), then runs
//   python -m bridge run prelude.js bench/servers/bridge_http_server.js
// GET /hello         "Hello, world!" (13 bytes) from registerHandler
// GET /hello-async   the same from registerAsyncHandler
// GET /files/NAME    the file NAME of BENCH_FILES (registerFilesFromDirectory)
// POST /upload       the request body's size in bytes, as text
const server = new HttpServer()
server.listenAddressIPv4 = "127.0.0.1"

server.registerHandler("/hello", () => HttpResponse.ok(HttpResponseBody.text("Hello, world!")))
server.registerAsyncHandler("/hello-async", async () => HttpResponse.ok(HttpResponseBody.text("Hello, world!")))
server.registerFilesFromDirectory("/files/:file", globalThis.BENCH_FILES)
server.registerHandler("/upload", (request) => HttpResponse.ok(HttpResponseBody.text(String(request.body.size))))

const error = server.start({ port: globalThis.BENCH_PORT, forceIPv4: true })
if (error) throw new Error(error)
