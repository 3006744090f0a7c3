// `fetch` and its classes: Request, Response, Headers, FormData, Blob, ReadableStream,
// AbortController/AbortSignal/AbortEvent and the app's older CancelToken/CancelError. In the
// app the module "scripting" exports them; here they are globals as well.

/** Seconds, as the app's timeouts take them. */
type DurationInSeconds = number

/** What a Blob is made of: text (as UTF-8), bytes, other Blobs, or Data. */
type BlobPart = string | ArrayBuffer | ArrayBufferView | Blob | Data

/** Headers as a list of pairs, a record of names to values, or another Headers. */
type HeadersInit = [string, string][] | Record<string, string> | Headers

/** Everything a Response can be made from. */
type BodyInit = string | ArrayBuffer | ArrayBufferView | Blob | Data | FormData | URLSearchParams | ReadableStream<Uint8Array> | null

/** What `new ReadableStream(source)` takes. */
interface UnderlyingSource<R = any> {
  /** Called once, at once; may enqueue the first chunks. A promise delays the first pull. */
  start?: (controller: ReadableStreamDefaultController<R>) => void | Promise<void>
  /** Called when a reader wants more and the queue is empty; a promise delays the next pull. */
  pull?: (controller: ReadableStreamDefaultController<R>) => void | Promise<void>
  /** Called when the reader gives up on the stream (`reader.cancel`, leaving a for-await loop). */
  cancel?: (reason: any) => void | Promise<void>
}

/** What a stream's source uses to hand out chunks, close the stream or fail it. */
declare class ReadableStreamDefaultController<R = any> {
  /** Made by `new ReadableStream`; scripts rarely make one themselves. */
  constructor(pullAlgorithm?: (controller: ReadableStreamDefaultController<R>) => void | Promise<void>,
              cancelAlgorithm?: (reason: any) => void | Promise<void>)
  /** Adds a chunk for readers; a TypeError once the stream is closed or errored. */
  enqueue(chunk: R): void
  /** Ends the stream once the queued chunks have been read. */
  close(): void
  /** Fails the stream: every pending and later read rejects with `e`. */
  error(e: any): void
  /** How many more chunks the queue wants (0 when closing, null when errored). */
  readonly desiredSize: number
  /** Takes the next queued chunk (mostly for the stream's own use). */
  dequeue(): R | undefined
  /** Asks the source for more now; resolves to whether `pull` ran. */
  pull(): Promise<boolean>
  /** The stream has closed. */
  readonly closed: boolean
  /** The stream has failed. */
  readonly errored: boolean
  /** What the stream failed with. */
  readonly errorReason: any
  /** Gives up on the stream, calling the source's `cancel`. */
  cancel(reason: any): void
}

/** Reads one stream, one chunk at a time; made by `stream.getReader()`. */
declare class ReadableStreamDefaultReader<R = any> {
  /** Made by `stream.getReader()`, which passes the stream's controller. */
  constructor(controller: ReadableStreamDefaultController<R>, releaseLockCallback: () => void)
  /** Resolves when the stream closes; rejects when it fails or the lock is released first. */
  readonly closed: Promise<void>
  /** Gives up on the stream (its source's `cancel` runs). */
  cancel(reason?: any): Promise<void>
  /** The next chunk (`done: false`), or `done: true` once the stream has closed; rejects if it failed. */
  read(): Promise<{ value: R | undefined, done: boolean }>
  /** Frees the stream for another reader. */
  releaseLock(): void
}

/** A stream of chunks, read with a reader or `for await`. A fetched body is one of Uint8Arrays. */
declare class ReadableStream<R = any> {
  /** A stream whose chunks come from `underlyingSource` (none: a stream nothing can be read from). */
  constructor(underlyingSource?: UnderlyingSource<R>)
  [Symbol.asyncIterator](): AsyncIterableIterator<R>
  /** A reader holds the stream. */
  readonly locked: boolean
  /** A reader for the stream, which holds it until `releaseLock()`; a TypeError if it is held. */
  getReader(): ReadableStreamDefaultReader<R>
  /** Two streams that each get every chunk of this one (which becomes locked). */
  tee(): [ReadableStream<R>, ReadableStream<R>]
  /** Gives up on an unlocked stream (WHATWG's; not in the app's declarations). */
  cancel(reason?: any): Promise<void>
}

/** The event an AbortSignal hands its listeners. */
declare class AbortEvent {
  constructor(signal: AbortSignal)
  readonly type: "abort"
  /** The signal that was aborted. */
  readonly target: AbortSignal
}

/** Listens for an abort. */
type AbortEventListener = (event: AbortEvent) => void

/** Tells a fetch (or anything listening) to stop. Made by an AbortController or the static helpers. */
declare class AbortSignal {
  /** Called on abort, before the listeners. */
  onabort: AbortEventListener | null
  /** Whether it was aborted. */
  readonly aborted: boolean
  /** Why: what `abort(reason)` got, or a DOMException named "AbortError" (or "TimeoutError"). */
  readonly reason: any
  /** Aborts now (what AbortController.abort calls). */
  _dispatchAbort(reason?: any): void
  /** Throws the reason if aborted. */
  throwIfAborted(): void
  addEventListener(type: "abort", listener: AbortEventListener): void
  removeEventListener(type: "abort", listener: AbortEventListener): void
  /** A signal aborted already. */
  static abort(reason?: any): AbortSignal
  /** A signal that aborts after `delay` ms with a "TimeoutError" DOMException; it does not keep the script running. */
  static timeout(delay: number): AbortSignal
  /** A signal that aborts when the first of `signals` does, with its reason. */
  static any(signals: AbortSignal[]): AbortSignal
}

/** Owns an AbortSignal and aborts it. */
declare class AbortController {
  constructor()
  /** Give this to `fetch({ signal })`. */
  readonly signal: AbortSignal
  /** Aborts the signal (once; later calls do nothing). */
  abort(reason?: any): void
}

/**
 * Immutable bytes with a MIME type. Made from strings (UTF-8), bytes, Data or other Blobs.
 */
declare class Blob {
  constructor(blobParts?: BlobPart[], options?: { type?: string, endings?: "transparent" | "native" })
  /** Number of bytes. */
  readonly size: number
  /** The MIME type, lower case ("" when unknown). */
  readonly type: string
  arrayBuffer(): Promise<ArrayBuffer>
  bytes(): Promise<Uint8Array>
  /** The bytes as UTF-8 text (invalid sequences become U+FFFD). */
  text(): Promise<string>
  /** The bytes as a stream of one Uint8Array. */
  stream(): ReadableStream<Uint8Array>
  /** Bytes `start` to `end` (negative counts from the end) as a new Blob of type `contentType`. */
  slice(start?: number, end?: number, contentType?: string): Blob
}

/** The error fetch rejects with when its CancelToken is cancelled. */
declare class CancelError extends Error {
  name: string
  constructor(message?: string)
}

/** Listens for a CancelToken's cancel; gets the reason. */
type CancelEventListener = (reason?: any) => void

/** The app's older way to stop requests (use AbortController for new code); one token may stop several. */
declare class CancelToken {
  constructor()
  /** A unique id (a UUID string). */
  readonly token: string
  /** What `cancel(reason)` got. */
  readonly cancelReason: any
  /** Called on cancel, before the listeners. */
  oncancel: CancelEventListener | null
  /** Whether it was cancelled. */
  readonly isCancelled: boolean
  /** Cancels the requests bound to this token: each fetch rejects with a CancelError. */
  cancel(reason?: any): void
  addEventListener(type: "cancel", listener: CancelEventListener): void
  removeEventListener(type: "cancel", listener: CancelEventListener): void
}

/** A FormData file given as Data. */
type FormBinaryData = {
  data: Data
  mimeType?: string
  filename?: string
}

/** Form fields, sent as multipart/form-data. */
declare class FormData {
  constructor()
  append(name: string, value: string): void
  /** A file from a Blob; `filename` defaults to "blob". */
  append(name: string, value: Blob, filename?: string): void
  /** A file from Data, with its MIME type. */
  append(name: string, value: Data, mimeType: string, filename?: string): void
  /** The first value of `name`, or null. */
  get(name: string): string | FormBinaryData | Blob | null
  getAll(name: string): Array<string | FormBinaryData | Blob>
  has(name: string): boolean
  delete(name: string): void
  /** Replaces every value of `name` with this one. */
  set(name: string, value: string): void
  set(name: string, value: Blob, filename?: string): void
  set(name: string, value: Data, mimeType: string, filename?: string): void
  forEach(callback: (value: string | FormBinaryData | Blob, name: string, parent: FormData) => void): void
  entries(): [string, string | FormBinaryData | Blob][]
  /** Every name with all its values. */
  toJson(): Record<string, Array<string | FormBinaryData | Blob>>
}

/** HTTP headers: names are case-insensitive and each may have several values. */
declare class Headers {
  constructor(init?: HeadersInit)
  /** Adds a value (a name may have several). A bad name or value is a TypeError. */
  append(name: string, value: string): void
  /** The values of `name` joined by ", ", or null. */
  get(name: string): string | null
  /** Each Set-Cookie value on its own. */
  getSetCookie(): string[]
  has(name: string): boolean
  /** Replaces every value of `name`. */
  set(name: string, value: string): void
  delete(name: string): void
  forEach(callback: (value: string, name: string) => void): void
  /** Lower-case names, sorted. */
  keys(): string[]
  values(): string[]
  /** [name, value] pairs, sorted by name; each Set-Cookie apart. */
  entries(): [string, string][]
  [Symbol.iterator](): IterableIterator<[string, string]>
  /** Names to their joined values. */
  toJson(): { [x: string]: string }
}

/** A cookie, as the app describes one. */
interface Cookie {
  name: string
  value: string
  domain: string
  path: string
  isSecure: boolean
  isHTTPOnly: boolean
  isSessionOnly: boolean
  expiresDate?: Date | null
}

/** The next hop of a redirect, for `handleRedirect` to return as it is, changed, or not at all (null). */
interface RedirectRequest {
  method: string
  url: string
  headers: Record<string, string>
  /** The cookies the client holds for `url` (they are sent by the client itself). */
  cookies: Cookie[]
  body?: Data
  timeout?: number
}

/** Options of `fetch` and `new Request`. */
type RequestInit = {
  method?: string
  headers?: HeadersInit
  body?: BodyInit
  /** Accepted for the app's sake; plain http: is always allowed here. */
  allowInsecureRequest?: boolean
  /** Decides each redirect: return the next request (changed or not), or null to stop at the redirect response. */
  handleRedirect?: (newRequest: RedirectRequest) => Promise<RedirectRequest | null>
  /** @deprecated Use `handleRedirect`. Resolve to false to stop at the redirect response. */
  shouldAllowRedirect?: (newRequest: Request) => Promise<boolean>
  /** Seconds without progress (connecting, or waiting for data) before failing; default 60. */
  timeout?: DurationInSeconds
  /** Aborts the request (and its body) when the signal aborts. */
  signal?: AbortSignal
  /** @deprecated Use `signal`. Cancelling rejects with a CancelError. */
  cancelToken?: CancelToken
  /** Accepted for the app's sake (its log panel); unused here. */
  debugLabel?: string
  /** WHATWG's (ours): follow redirects (default), return them as they are ("manual"), or fail ("error"). */
  redirect?: "follow" | "manual" | "error"
}

/** A request: what `fetch` sends. */
declare class Request {
  constructor(input: string | Request, init?: RequestInit)
  /** The absolute URL. */
  url: string
  /** The method (the standard ones upper case). */
  method: string
  headers: Headers
  body?: BodyInit
  allowInsecureRequest?: boolean
  handleRedirect?: (newRequest: RedirectRequest) => Promise<RedirectRequest | null>
  /** @deprecated Use `handleRedirect`. */
  shouldAllowRedirect?: (newRequest: Request) => Promise<boolean>
  timeout?: DurationInSeconds
  signal?: AbortSignal
  /** @deprecated Use `signal`. */
  cancelToken?: CancelToken
  debugLabel?: string
  redirect?: "follow" | "manual" | "error"
  /** The body has been read (it can be read once). */
  readonly bodyUsed: boolean
  text(): Promise<string>
  json(): Promise<any>
  bytes(): Promise<Uint8Array>
  arrayBuffer(): Promise<ArrayBuffer>
  blob(): Promise<Blob>
  /** The body as a form (multipart/form-data or application/x-www-form-urlencoded). */
  formData(): Promise<FormData>
  /** A copy that can be sent or read separately. */
  clone(): Request
}

/** Options of `new Response`. */
type ResponseInit = {
  status?: number
  statusText?: string
  headers?: HeadersInit
  cookies?: Cookie[]
  /** Set-Cookie header values, one each. */
  setCookies?: string[]
  url?: string
  mimeType?: string
  expectedContentLength?: number
  textEncodingName?: string
}

/**
 * A response. From `fetch`, its body stays with the client until read: `text()`, `json()`,
 * `data()`, `bytes()`, `arrayBuffer()` take all of it; `body` streams it. A body reads once.
 */
declare class Response {
  constructor(body?: BodyInit, init?: ResponseInit)
  /** A JSON response (Content-Type application/json unless `init` says otherwise). */
  static json(data: any, init?: ResponseInit): Response
  /** A network-error response (status 0). */
  static error(): Response
  /** A redirect to `url` (status 301, 302, 303, 307 or 308; default 302). */
  static redirect(url: string, status?: number): Response
  /** The body as a stream of Uint8Array chunks, each fetched when a reader asks for it. */
  body: ReadableStream<Uint8Array>
  /** The body as a stream of Data chunks. */
  readonly dataStream: ReadableStream<Data>
  readonly bodyUsed: boolean
  /** The cookies the response set. */
  readonly cookies: Cookie[]
  json(): Promise<any>
  /** The body as UTF-8 text. */
  text(): Promise<string>
  data(): Promise<Data>
  bytes(): Promise<Uint8Array>
  arrayBuffer(): Promise<ArrayBuffer>
  blob(): Promise<Blob>
  formData(): Promise<FormData>
  /** A copy whose body can be read separately; a TypeError once the body has been read. */
  clone(): Response
  readonly status: number
  readonly statusText: string
  readonly headers: Headers
  /** The status is 200-299. */
  readonly ok: boolean
  /** The URL the response came from (after redirects). */
  readonly url: string
  /** WHATWG's (ours): a redirect was followed to get it. */
  readonly redirected: boolean
  /** The Content-Type without parameters. */
  readonly mimeType: string | undefined
  /** The Content-Length, when the server sent one. */
  readonly expectedContentLength: number | undefined
  /** The Content-Type's charset. */
  readonly textEncodingName: string | undefined
}

/**
 * Sends a request and resolves with the response once its head has come (any HTTP status).
 * Rejects with a TypeError saying what failed and the URL when no response comes (refused,
 * unknown host, TLS, timeout, a redirect refused by `redirect: "error"`), with the signal's
 * reason when aborted, and with a CancelError when its CancelToken is cancelled.
 */
declare function fetch(url: string, init?: RequestInit): Promise<Response>
declare function fetch(request: Request): Promise<Response>
