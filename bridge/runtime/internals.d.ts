// `internals`: the one plain JS object every JS half receives beside its `host`. Each member is
// defined by one half (named after it) and used by others, or called by Python: Python calls
// only the members marked "Python", with plain numbers and booleans (engine.py: entry_points).
// hosts.d.ts, beside this file, declares what each half sees as `host`.

type Bytes = Uint8Array
/** A class one half hands the others. */
type Constructor = { new (...args: any[]): any, [member: string]: any }

/** A Data as the halves see it: the class data.js defines (its members are the app's). */
interface DataInstance {
  readonly size: number
  toBase64String(): string
  [member: string]: any
}

interface DataClass {
  new (): DataInstance
  fromBase64String(text: string): DataInstance | null
  [member: string]: any
}

interface Internals {
  // runtime/utf8.js
  utf8: {
    /** units[start, end) as one character per unit (a byte, or a UTF-16 code unit). */
    latin1(units: Bytes | Uint16Array, start?: number, end?: number): string
    /** The text of bytes[start, end), or null when they are not valid UTF-8. */
    decode(bytes: Bytes, start?: number, end?: number): string | null
    /** A string's UTF-8 (lone surrogates as U+FFFD). */
    encode(text: string): Bytes
    /** Writes a string's UTF-8 into `out` at `at`; returns where it ends. */
    encodeInto(text: string, out: Bytes, at: number): number
  }

  // runtime/inbox.js
  /** Python: shares the inbox's buffer. */
  shareInbox(bytes: Bytes): void
  inbox: {
    /** A copy of n bytes Python put in the inbox (at offset). */
    bytes(n: number, offset?: number): Bytes
    /** n bytes of the inbox as text, or null when they are not UTF-8. */
    text(n: number, offset?: number): string | null
  }

  // runtime/outbox.js
  /** A new zeroed array; a large one on an ArrayBuffer of its own, so it crosses to Python uncopied. */
  newBytes(length: number): Uint8Array<ArrayBuffer>
  /** A copy of source[start, end) (all of it by default), made as newBytes makes arrays. */
  copyBytes(source: Bytes, start?: number, end?: number): Uint8Array<ArrayBuffer>
  /** Python: shares the outbox's slots and the function that grows its payload buffer. */
  shareOutbox(numbers: Bytes, grow: () => void): void
  /** Python: shares a (bigger) payload buffer. */
  shareOutboxPayload(bytes: Bytes): void
  outbox: {
    newHost(): object
    addStub(stubs: object, name: string, receive: (...buffers: Bytes[]) => any): void
    newFunction(receive: (...buffers: Bytes[]) => any, direct: Function, required: number): Function
    /** Python: an async host method's outcome. */
    settle(id: number, value: any): void
  }

  // runtime/checks.js: the one wording of a wrong argument, for every API
  /** What a value is: "null", "array", an object's class name, or typeof. */
  typeName(value: any): string
  /** A value as a complaint shows it: a string quoted, a number as is, else typeName. */
  show(value: any): string
  /** TypeError "WHERE: NAME must be WANTED, got TYPE" (typeName), for the caller to throw. */
  wrongType(where: string, name: string, wanted: string, value: any): TypeError
  /** TypeError "WHERE: NAME must be WANTED, got VALUE" (show), for a value of a type that can be right. */
  wrongValue(where: string, name: string, wanted: string, value: any): TypeError
  /** Each returns its value, or throws wrongType (integer: wrongValue) naming WHERE and NAME. */
  check: {
    string(where: string, name: string, value: any): string
    function(where: string, name: string, value: any): Function
    boolean(where: string, name: string, value: any): boolean
    object(where: string, name: string, value: any): Record<string, any>
    strings(where: string, name: string, value: any): string[]
    integer(where: string, name: string, value: any): number
  }

  // runtime/core.js
  defineGlobals(exports: Record<string, any>): void
  defineGlobal(name: string, value: any): void
  reportError(error: any, kind: string): void
  /** A failure an API returns rather than throws, reported where the script called it. */
  reportProblem(message: string): void
  /** The file of the innermost script frame that called in ("" if none). */
  callerFile(): string
  /** Where `error` points in the script: its innermost frame outside the runtime, FILE:LINE:COL. */
  origin(error: Error): string
  /** Calls a callback, warning when it runs long; what it throws propagates. */
  timed(callback: Function, thisArg: any, args: any[], name?: string | (() => string)): any
  /** Calls a script callback; what it throws is reported, never raised. */
  invoke(callback: Function, thisArg: any, args: any[], name?: string | (() => string)): any
  /** Python: runs a compiled script; its outcome goes to the host under `token`. */
  runScript(scriptFunction: () => Promise<any>, token: number): void

  // runtime/console.js
  inspect(value: any): string

  // runtime/timers.js
  timers: {
    /** Python: a timer is due. */
    fire(id: number): void
  }

  // runtime/rejections.js
  rejections: {
    /** Python: the engine said a promise was rejected unhandled (or handled later). */
    note(promise: Promise<any>, handled: boolean): void
    /** Python: report those still unhandled. */
    report(): void
  }

  // data/data.js
  Data: DataClass
  /** Wraps a Uint8Array as a Data without copying; the caller gives the array up. */
  dataFromBytes(bytes: Bytes): DataInstance
  /** The live bytes of a Data (a view); for anything else, wrongType(where, name, "a Data", value). */
  bytesOfData(where: string, name: string, value: any): Bytes

  // http/request.js, http/response.js, http/server.js
  http: {
    makeRequest(meta: object, body?: DataInstance, maxFormFields?: number): any
    DEFAULT_MAX_FORM_FIELDS: number
    HttpRequest: Constructor
    /** A response's parts; `file` is the id of a FileEntity body (files/file_entity.js), else absent. */
    responseParts(value: any, where: string): { status: number, reason: string, headers: [string, string][], body: Bytes, file?: number }
    isResponse(value: any): boolean
    HttpResponse: Constructor
    HttpResponseBody: Constructor
    /** Python: a request, its metadata and body in the inbox. */
    dispatch(serverId: number, requestId: number, route: number, metaLength: number, bodyLength: number): void
    /** Python: the first `count` requests of the batch (http/batch.py). */
    dispatchBatch(count: number): void
    /** Python, once: the buffers of the batch of requests (payloads, five float64s each). */
    shareRequests(bytes: Uint8Array, numbers: Uint8Array): void
    /** Python, once: the buffers in which a batch's responses are held (payloads, six float64s each). */
    shareResponses(bytes: Uint8Array, numbers: Uint8Array): void
  }

  // websocket/session.js
  /** Route id -> the handlers registerWebsocket was given (http/server.js registers them)... */
  websocketRoutes: Map<number, Record<string, Function>>
  /** ...and what each is called in a slow-callback warning. */
  websocketHandlerNames: Map<number, Record<string, () => string>>
  /** Python: every member. */
  websocket: {
    connected(sessionId: number, route: number): void
    /** Shares the buffers of the messages of one read (websocket/batch.py). */
    shareBatch(payloads: Bytes, lengths: Bytes): void
    /** The `count` messages in those buffers. */
    messages(sessionId: number, count: number): void
    /** Shares the buffers of the writes held while messages are handled (session.py: write_batch). */
    shareWrites(payloads: Bytes, entries: Bytes): void
    text(sessionId: number, length: number): void
    binary(sessionId: number, length: number): void
    pong(sessionId: number): void
    disconnected(sessionId: number): void
  }

  // websocket/client.js (Python: every member)
  websocketClient: {
    opened(id: number): void
    text(id: number, length: number): void
    binary(id: number, length: number): void
    failed(id: number, length: number): void
    closed(id: number, code: number, length: number): void
  }

  // fetch/streams.js
  streams: {
    from(pull: (controller: any) => any, cancel?: (reason: any) => any): any
    isStream(value: any): boolean
    collect(stream: any): Promise<any[]>
    [member: string]: any
  }

  // fetch/body.js
  body: {
    check: Function
    extract: Function
    collect: Function
    bytesOfChunk: Function
    decodeText: Function
    parseForm: Function
  }

  // fetch/abort.js
  abort: {
    /** Python: an AbortSignal.timeout ran out. */
    timedOut(id: number): void
    AbortSignal: Constructor
    CancelToken: Constructor
    CancelError: Constructor
  }

  // fetch/fetch.js (Python: every member)
  fetch: {
    settle(id: number, kind: number, length: number, bodyLength: number): void
    pullBody(id: number): void
    [member: string]: Function
  }

  // files/file_entity.js
  /** The id of a FileEntity (for HttpResponse.raw bodies), or undefined for anything else. */
  fileEntityId(value: any): number | undefined

  // modules/scripting.js
  /** The app's element factory, for JSX (the module "scripting" exports both). */
  jsx: { createElement: Function, Fragment: any }
  scripting: {
    /** The module "scripting"'s namespace object, made when it is first imported. */
    namespace(): object
    /** Whether a name is a global the runtime made (not the language's or the engine's). */
    isGlobal(name: string): boolean
    /** A runtime global that is not in the app's list, importable too. */
    allowGlobal(name: string): void
  }

  // modules/loader.js (Python: every member)
  modules: {
    /** A compiled module or script: its evaluate function and its spec (JSON). */
    define(id: number, evaluate: Function, specText: string): void
    /** The function runScript calls to run a loaded script or module. */
    entry(id: number): () => Promise<any>
  }

  // uuid/uuid.js
  newUUID(): string
}
