// Type-level tests: calls written against the app's own declarations
// (../shared/reference/app-api/globals.d.ts) for the classes the runtime provides, which must
// type-check with typings/ as they do in the app, with strictNullChecks off (the examples'
// tsconfig) and on (typecheck/tsconfig.json). Nothing here runs.

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false
type Assert<T extends true> = T

// WebSocket: the four listener overloads, with the listeners' arguments typed from context.
const ws = new WebSocket("ws://127.0.0.1:8080/chat")
const onOpen = () => console.log("open")
ws.addEventListener("open", onOpen)
ws.addEventListener("message", m => console.log(typeof m === "string" ? m : m.toBase64String()))
ws.addEventListener("error", error => console.error(error.message))
ws.addEventListener("close", reason => console.log("closed", reason?.length))
ws.removeEventListener("open", onOpen)
ws.removeEventListener("message", (message: string | Data) => {})
ws.removeEventListener("error", (error: Error) => {})
ws.removeEventListener("close", (reason?: string) => {})
ws.onclose = (reason?: string) => {}
ws.close(1000, "bye")

// console: the app's clear and present.
console.clear()
const presented: Promise<void> = console.present()

async function waits(): Promise<void> {
  // Timers as the app's documents use them.
  await new Promise(resolve => setTimeout(resolve, 200))
  await new Promise<void>(resolve => setTimeout(resolve))
  await console.present()
  const id: number = setTimeout(() => {}, 10)
  clearTimeout(id)
}

// HttpResponse: raw with null options, badRequest with null, the redirects.
const noContent = HttpResponse.raw(204, "No Content", null)
const bytes = HttpResponse.raw(200, "OK", { headers: { "Content-Type": "text/plain" }, body: Data.fromIntArray([104, 105]) })
const withNothing = HttpResponse.raw(200, "OK")
declare const file: FileEntity
const streamed = HttpResponse.raw(200, "OK", { body: file })
const bad = HttpResponse.badRequest(null)
const badWithBody = HttpResponse.badRequest(HttpResponseBody.text("no"))
const badEmpty = HttpResponse.badRequest()
const moved = HttpResponse.movedTemporarily("/elsewhere")
const movedForGood = HttpResponse.movedPermanently("/elsewhere")

// HttpServerState is a global type, and `state` is one.
const server = new HttpServer()
const state: HttpServerState = server.state
type _state = Assert<Equals<HttpServerState, "starting" | "running" | "stopping" | "stopped">>
type _serverState = Assert<Equals<HttpServer["state"], HttpServerState>>
server.registerAsyncHandler("/slow", async request => {
  await new Promise(r => setTimeout(r, 200))
  return HttpResponse.ok(HttpResponseBody.text("slow ok"))
})
// Deprecated, as in the app (editors strike it through), and still accepted.
server.registerHandler("/legacy", request => HttpResponse.ok(HttpResponseBody.text(request.path)))

// Data.fromJPEG/fromPNG take the app's UIImage (nothing makes one here).
declare const image: UIImage
const jpeg: Data | null = Data.fromJPEG(image, 0.8)
const png: Data | null = Data.fromPNG(image)
type _fromJPEG = Assert<Equals<Parameters<typeof Data.fromJPEG>, [image: UIImage, compressionQuality?: number]>>

// The web globals that stay, as a script uses them.
const url = new URL("/path?a=1", "http://127.0.0.1:8080")
const a: string | null = url.searchParams.get("a")
const encoded: Uint8Array = new TextEncoder().encode("héllo")
const decoded: string = new TextDecoder().decode(encoded)
const base64: string = btoa("hi") + atob("aGk=")
const immediate: number = setImmediate(() => {})
clearImmediate(immediate)
const target = new EventTarget()
target.addEventListener("tick", event => console.log(event.type), { once: true })
const notCanceled: boolean = target.dispatchEvent(new Event("tick", { cancelable: true }))
const failure = new DOMException("stopped", "AbortError")
const failureName: string = failure.name

// Mistakes the app's declarations reject are still rejected.
// @ts-expect-error: not one of the four events
ws.addEventListener("opened", () => {})
// @ts-expect-error: a message listener gets a string or a Data, not a number
ws.addEventListener("message", (message: number) => {})
// @ts-expect-error: raw's body is a Data or a FileEntity
HttpResponse.raw(200, "OK", { body: "text" })
// @ts-expect-error: a UIImage cannot be made up
Data.fromPNG({})
