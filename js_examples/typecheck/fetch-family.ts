// Type-level tests of typings/fetch.d.ts and crypto.d.ts against the app's declarations
// (scripting-module.d.ts, globals.d.ts). Nothing here runs: `tsc` checks it. Each use below
// is one a script written for the app may make; a `@ts-expect-error` marks misuse the
// typings must refuse (an unused one is an error too).

const raw = (text: string): Data => Data.fromRawString(text)!

async function fetchFamily(): Promise<void> {
  const controller = new AbortController()
  const token = new CancelToken()
  const response: Response = await fetch("https://example.com/items", {
    method: "POST",
    headers: [["Content-Type", "application/json"]],
    body: raw("{}"),
    timeout: 30,
    signal: AbortSignal.any([controller.signal, AbortSignal.timeout(5000)]),
    cancelToken: token,
    debugLabel: "items",
    allowInsecureRequest: false,
    handleRedirect: async (next: RedirectRequest): Promise<RedirectRequest | null> =>
      next.url.startsWith("https:") ? { ...next, headers: { ...next.headers, "x-hop": "1" } } : null,
    shouldAllowRedirect: async (request: Request) => request.method === "GET",
  })
  const again: Response = await fetch(new Request(response.url, { headers: new Headers({ a: "1" }) }))
  const text: string = await again.text()
  const data: Data = await response.data()
  const json: any = await response.clone().json()
  const cookies: Cookie[] = response.cookies
  const expires: Date | null | undefined = cookies[0]?.expiresDate
  const length: number | undefined = response.expectedContentLength
  const mime: string | undefined = response.mimeType
  for await (const chunk of response.body) chunk satisfies Uint8Array
  const reader: ReadableStreamDefaultReader<Data> = response.dataStream.getReader()
  const { value, done } = await reader.read()
  const made = new Response(new Blob(["x"], { type: "text/plain" }), { status: 201, setCookies: ["a=1"] })
  const fromJson: Response = Response.json({ ok: true }, { headers: { "x": "y" } })
  for (const [name, headerValue] of made.headers) console.log(name, headerValue)
  const record: { [x: string]: string } = made.headers.toJson()
  const form = new FormData()
  form.append("text", "value")
  form.append("file", raw("bytes"), "text/plain", "f.txt")
  form.append("blob", new Blob([new Uint8Array([1])]), "b.bin")
  const field: string | FormBinaryData | Blob | null = form.get("file")
  const stream = new ReadableStream<string>({ start(c) { c.enqueue("a"); c.close() } })
  const [left, right]: [ReadableStream<string>, ReadableStream<string>] = stream.tee()
  token.oncancel = (reason) => console.log(reason)
  controller.signal.onabort = (event: AbortEvent) => console.log(event.type, event.target.aborted)
  const error: Error = new CancelError("stopped")
  console.log(text, data.size, json, expires, length, mime, value, done, fromJson, record, field, left, right, error)

  const digest: Data = Crypto.sha256(raw("x"))
  const signature: Data = Crypto.hmacSHA256(digest, Crypto.generateSymmetricKey())
  const sealed: Data | null = Crypto.encryptAESGCM(digest, Crypto.generateSymmetricKey(256), { iv: digest.slice(0, 12) })
  const opened: Data | null = Crypto.decryptAESGCM(sealed!, signature, digest)
  const id: string = UUID.string()
  console.log(opened, id)

  // @ts-expect-error fetch takes a URL string or a Request
  await fetch(42)
  // @ts-expect-error the only event of an AbortSignal is "abort"
  controller.signal.addEventListener("cancel", () => {})
  // @ts-expect-error Data bodies of FormData need their MIME type
  form.append("data", raw("x"))
  // @ts-expect-error status is read-only
  response.status = 500
}
void fetchFamily
