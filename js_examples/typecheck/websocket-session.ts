// Type-level tests of typings/ against the seed document. Nothing here runs: `tsc` checks
// it (tests/typings/ runs it with both js_examples/tsconfig.json and the strict-null
// typecheck/tsconfig.json). A wrong declaration fails an `Assert`; a declaration that
// accepts misuse leaves a `@ts-expect-error` unused, which is an error too.

/** `true` exactly when A and B are the same type (not merely assignable both ways). */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false
type Assert<T extends true> = T

// The seed's "类型定义" block, verbatim, kept apart from the global class it describes.
declare namespace Seed {
class WebSocketSession {
  writeText(text: string): void
  writeData(data: Data): void
  close(): void
}
}

// The global class has exactly the seed's members, with exactly its signatures.
type _sameMembers = Assert<Equals<keyof WebSocketSession, keyof Seed.WebSocketSession>>
type _sameType = Assert<Equals<WebSocketSession, Seed.WebSocketSession>>
type _writeText = Assert<Equals<WebSocketSession["writeText"], (text: string) => void>>
type _writeData = Assert<Equals<WebSocketSession["writeData"], (data: Data) => void>>
type _close = Assert<Equals<WebSocketSession["close"], () => void>>

// The handler object of registerWebsocket, as api.md documents it.
type Handlers = Parameters<HttpServer["registerWebsocket"]>[1]
type _handlerNames = Assert<Equals<keyof Handlers,
  "onPong" | "onConnected" | "onDisconnected" | "handleText" | "handleBinary">>
type _onPong = Assert<Equals<Handlers["onPong"], ((session: WebSocketSession) => void) | undefined>>
type _onConnected = Assert<Equals<Handlers["onConnected"], ((session: WebSocketSession) => void) | undefined>>
type _onDisconnected = Assert<Equals<Handlers["onDisconnected"], ((session: WebSocketSession) => void) | undefined>>
type _handleText = Assert<Equals<Handlers["handleText"], ((session: WebSocketSession, text: string) => void) | undefined>>
type _handleBinary = Assert<Equals<Handlers["handleBinary"], ((session: WebSocketSession, data: Data) => void) | undefined>>
type _registerReturns = Assert<Equals<ReturnType<HttpServer["registerWebsocket"]>, void>>

// The documented `| null` results stay (told apart only under strictNullChecks).
type _fromRawString = Assert<Equals<ReturnType<typeof Data.fromRawString>, Data | null>>
type _fromFile = Assert<Equals<ReturnType<typeof Data.fromFile>, Data | null>>
type _toRawString = Assert<Equals<ReturnType<Data["toRawString"]>, string | null>>
type _start = Assert<Equals<ReturnType<HttpServer["start"]>, string | null>>
type _port = Assert<Equals<HttpServer["port"], number | null>>
type _timerId = Assert<Equals<ReturnType<typeof setTimeout>, number>>

const server = new HttpServer()

// Handler parameters are typed from context alone (no annotations), also under noImplicitAny.
server.registerWebsocket("/contextual", {
  onPong: (session) => {
    type _ = Assert<Equals<typeof session, WebSocketSession>>
  },
  onConnected: (session) => {
    type _ = Assert<Equals<typeof session, WebSocketSession>>
  },
  onDisconnected: (session) => {
    type _ = Assert<Equals<typeof session, WebSocketSession>>
  },
  handleText: (session, text) => {
    type _s = Assert<Equals<typeof session, WebSocketSession>>
    type _t = Assert<Equals<typeof text, string>>
    session.writeText(text)
  },
  handleBinary: (session, data) => {
    type _s = Assert<Equals<typeof session, WebSocketSession>>
    type _d = Assert<Equals<typeof data, Data>>
    session.writeData(data)
    console.log(data.length, data.size)
  },
})

// Every handler is optional.
server.registerWebsocket("/empty", {})

// Misuse that must be rejected.
server.registerWebsocket("/misuse", {
  handleText: (session, text) => {
    // @ts-expect-error writeText takes a string, not a number
    session.writeText(42)
    // @ts-expect-error writeData takes Data, not a string
    session.writeData(text)
    // @ts-expect-error writeText takes exactly one argument
    session.writeText()
    // @ts-expect-error close takes no code
    session.close(1000)
    // @ts-expect-error the session has only the seed's three methods
    session.send(text)
  },
  // @ts-expect-error an unknown handler name (the app calls it handleText)
  onMessage: (session: WebSocketSession, text: string) => {},
})

server.registerWebsocket("/wrong-parameter", {
  // @ts-expect-error handleText receives a string, not Data
  handleText: (session: WebSocketSession, text: Data) => {},
})

// @ts-expect-error sessions are made by the server only
new WebSocketSession()

// @ts-expect-error handlers are required (an object, even an empty one)
server.registerWebsocket("/no-handlers")
