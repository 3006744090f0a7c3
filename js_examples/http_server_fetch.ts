// The app's HttpServer demo without its user interface: a server with a few routes, each of
// them then fetched by the same script, which prints a PASS or FAIL line per route and exits
// (1 if any failed). Run it: scripting-bridge run js_examples/http_server_fetch.ts

const server = new HttpServer()

server.registerHandler("/", () => HttpResponse.ok(HttpResponseBody.text("Hello from HttpServer")))

server.registerHandler("/json", () =>
  HttpResponse.raw(200, "OK", {
    headers: { "Content-Type": "application/json" },
    body: Data.fromRawString(JSON.stringify({ greeting: "hello", items: [1, 2, 3] })),
  }))

server.registerHandler("/user/:id", (request) => HttpResponse.ok(HttpResponseBody.text(`user ${request.params.id}`)))

server.registerHandler("/query", (request) =>
  HttpResponse.ok(HttpResponseBody.text(request.queryParams.map((pair) => `${pair.key}=${pair.value}`).join(","))))

server.registerAsyncHandler("/echo", async (request) =>
  HttpResponse.raw(200, "OK", {
    headers: { "Content-Type": request.headers["content-type"] ?? "application/octet-stream" },
    body: request.body,
  }))

server.registerAsyncHandler("/sign", async (request) => {
  const signature = Crypto.hmacSHA256(request.body, Data.fromRawString("demo secret")).toHexString()
  return HttpResponse.ok(HttpResponseBody.text(signature))
})

server.registerHandler("/old", () => HttpResponse.movedTemporarily("/"))

server.registerHandler("/html", () => HttpResponse.ok(HttpResponseBody.html("<h1>Title</h1>")))

server.setNotFoundHandler(async (request) =>
  HttpResponse.notFound(HttpResponseBody.text(`nothing at ${request.path}`)))

const failure = server.start({ port: 0 })
if (failure !== null) throw new Error(`the server did not start: ${failure}`)
const base = `http://127.0.0.1:${server.port}`

let failed = 0
async function check(name: string, test: () => Promise<string | null>) {
  try {
    const problem = await test()
    if (problem === null) console.log(`PASS ${name}`)
    else {
      failed++
      console.log(`FAIL ${name}: ${problem}`)
    }
  } catch (error) {
    failed++
    console.log(`FAIL ${name}: ${error}`)
  }
}

const expect = (what: string, got: unknown, want: unknown) =>
  JSON.stringify(got) === JSON.stringify(want) ? null : `${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`

await check("GET / answers text", async () => {
  const response = await fetch(base + "/")
  return expect("status", response.status, 200) ?? expect("body", await response.text(), "Hello from HttpServer")
})

await check("GET /json answers JSON", async () => {
  const response = await fetch(base + "/json")
  return expect("content type", response.headers.get("content-type"), "application/json")
    ?? expect("body", await response.json(), { greeting: "hello", items: [1, 2, 3] })
})

await check("GET /user/:id fills the route variable", async () =>
  expect("body", await (await fetch(base + "/user/42")).text(), "user 42"))

await check("GET /query sees the query string", async () =>
  expect("body", await (await fetch(base + "/query?a=1&b=two%20words")).text(), "a=1,b=two words"))

await check("POST /echo returns the body it got", async () => {
  const response = await fetch(base + "/echo", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ ping: "pong" }),
  })
  return expect("body", await response.json(), { ping: "pong" })
})

await check("POST /echo keeps binary bytes", async () => {
  const sent = Data.fromHexString("00ff10ab")
  const response = await fetch(base + "/echo", { method: "POST", body: sent })
  return expect("bytes", (await response.data()).toHexString(), "00ff10ab")
})

await check("POST /sign signs with HMAC-SHA256", async () => {
  const body = Data.fromRawString("payload")
  const response = await fetch(base + "/sign", { method: "POST", body })
  const expected = Crypto.hmacSHA256(body, Data.fromRawString("demo secret")).toHexString()
  return expect("signature", await response.text(), expected)
})

await check("GET /old follows the redirect", async () => {
  const response = await fetch(base + "/old")
  return expect("redirected", [response.redirected, response.url, await response.text()],
    [true, base + "/", "Hello from HttpServer"])
})

await check("GET /html answers HTML", async () => {
  const response = await fetch(base + "/html")
  return expect("content type", response.mimeType, "text/html") ?? expect("body", await response.text(), "<h1>Title</h1>")
})

await check("an unknown path gets the not-found handler", async () => {
  const response = await fetch(base + "/missing")
  return expect("answer", [response.status, response.ok, await response.text()], [404, false, "nothing at /missing"])
})

await check("a body streams through response.body", async () => {
  const response = await fetch(base + "/")
  let text = ""
  for await (const chunk of response.body) text += String.fromCharCode(...chunk)
  return expect("body", text, "Hello from HttpServer")
})

server.stop()
console.log(failed === 0 ? "all routes passed" : `${failed} route(s) failed`)
if (failed > 0) throw new Error(`${failed} route(s) failed`)
