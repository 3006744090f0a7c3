// `HttpServer`: HTTP routes and WebSocket endpoints on one port.

/** The stages of an `HttpServer`'s life, as `server.state` reports them. */
type HttpServerState = "starting" | "running" | "stopping" | "stopped"

/**
 * An HTTP and WebSocket server. Register routes and WebSocket paths, then `start()` it;
 * both kinds are served on the same port. Paths may hold variables: "/user/:id".
 */
declare class HttpServer {
  /** A stopped server with nothing registered. */
  constructor()

  /** Where the server is in its life cycle. */
  readonly state: HttpServerState
  /** The port it listens on; null while it is not running. */
  readonly port: number | null
  /** Whether it listens on IPv4 only (as with `forceIPv4`); false while it is not running. */
  readonly isIPv4: boolean
  /** The IPv4 address to listen on when `forceIPv4` is set (null: every interface). */
  listenAddressIPv4: string | null
  /** The IPv6 address to listen on (null: every interface). */
  listenAddressIPv6: string | null

  /**
   * Accepts WebSocket connections on `path` and routes their events to `handlers`. Every
   * handler is optional; a throw in one is reported and the connection goes on. An upgrade
   * to a path with no handlers is refused with 404.
   * @throws TypeError when `path` does not start with "/" or a handler is not a function.
   */
  registerWebsocket(path: string, handlers: HttpServer.WebSocketHandlers): void

  /**
   * Answers requests to `path` with `handler`, which must return its response at once.
   * @deprecated The app keeps this synchronous form for old scripts only and may drop it; use
   * `registerAsyncHandler`, whose handler can await things before it answers.
   */
  registerHandler(path: string, handler: (request: HttpRequest) => HttpResponse): void

  /** Answers requests to `path` with `handler`; a rejection answers 500 with its message as the body. */
  registerAsyncHandler(path: string, handler: (request: HttpRequest) => Promise<HttpResponse>): void

  /** Serves one file at `path`. */
  registerFile(path: string, filePath: string): void

  /**
   * Serves the files under `directory` below `path`. A directory request gets the first of
   * `options.defaults` that exists (default ["index.html", "default.html"]).
   */
  registerFilesFromDirectory(path: string, directory: string, options?: { defaults?: string[] }): void

  /**
   * Serves `directory` with an HTML index for each folder. `path` holds one variable, as in
   * "/browse/:path".
   */
  registerDirectoryBrowser(path: string, directory: string): void

  /**
   * Adds a middleware; they run in registration order before the routes. Resolving to a
   * response answers with it (the rest is skipped); null or undefined goes on; a throw
   * answers 500.
   */
  registerMiddleware(handler: (request: HttpRequest) => Promise<HttpResponse | null | undefined>): void

  /** Answers requests that match no route. The last call wins. */
  setNotFoundHandler(handler: (request: HttpRequest) => Promise<HttpResponse>): void

  /**
   * Starts listening (port 8080 unless `options.port` says otherwise).
   * @returns null on success, else the reason it could not start (it never throws).
   */
  start(options?: HttpServer.StartOptions): string | null

  /** Stops listening and closes every live WebSocket session (each gets `onDisconnected`). */
  stop(): void
}

declare namespace HttpServer {
  /** The callbacks of one WebSocket path; all optional. `session` is the same object for one connection. */
  interface WebSocketHandlers {
    /** The client sent a pong (asked for or not); pongs that arrive together call it once. */
    onPong?: (session: WebSocketSession) => void
    /** The handshake is done; the session can be written to. */
    onConnected?: (session: WebSocketSession) => void
    /** The connection has ended, whoever ended it. Runs exactly once per session. */
    onDisconnected?: (session: WebSocketSession) => void
    /** One text message from the client, whole. */
    handleText?: (session: WebSocketSession, text: string) => void
    /** One binary message from the client, whole. */
    handleBinary?: (session: WebSocketSession, data: Data) => void
  }

  /** Options of `HttpServer#start`. */
  interface StartOptions {
    /** The port (default 8080); 0 picks a free one, then read `server.port`. */
    port?: number
    /** Listen on IPv4 only (default false). */
    forceIPv4?: boolean
    /** Larger request bodies are refused with 413 before being read (default 50 MB; <= 0 is ignored). */
    maxRequestBodySize?: number
    /** A larger WebSocket frame or message closes the session with 1009 (default 16 MB; <= 0 is ignored). */
    maxWebSocketPayloadSize?: number
    /**
     * Serve HTTPS and WSS (on the same port) with this certificate and key. A bundle that
     * cannot be read or opened makes `start` return the reason.
     */
    tls?: {
      /** A PKCS#12 bundle holding the certificate (chain) and its key: a file path or its bytes. */
      p12: string | Data
      /** The bundle's password. */
      password: string
      /** The oldest TLS version accepted (default "1.2"). */
      minVersion?: "1.2" | "1.3"
      /** The newest TLS version offered (default "1.3"). */
      maxVersion?: "1.2" | "1.3"
    }

    // The options below are scripting-bridge's own; the app has none of them.

    /** Offer permessage-deflate compression to WebSocket clients (default false: it costs memory per connection). */
    perMessageDeflate?: boolean
    /** Seconds between keepalive pings to each WebSocket client (default 20; <= 0 sends none). */
    pingInterval?: number
    /** Seconds a client has to answer a ping before it is dropped (default 20). */
    pingTimeout?: number
    /** Bytes queued for a client past which it must keep draining, or be closed with 1008 (default 4 MB). */
    writeBufferLimit?: number
    /** Bytes queued for a client past which it is closed with 1008 even if it drains (default 64 MB). */
    writeBufferHardLimit?: number
    /** Seconds a client over `writeBufferLimit` may go without draining before it is closed (default 5). */
    writeStallTimeout?: number
    /** Fields (urlencoded) or parts (multipart) a request's form may have; past it, parsing it throws a RangeError (default 1000). */
    maxFormFields?: number
    /** Bytes of request bodies held at once, all connections together (being received or with the script); a request past it gets 503 (default 4 x maxRequestBodySize). */
    maxTotalRequestBodySize?: number
    /** Seconds a request's head and body together may take to arrive, else 408 (default 300). */
    requestTimeout?: number
    /** Seconds a handler (with the middleware before it) has to answer, else the client gets 503 and the late answer is dropped (default 60). */
    handlerTimeout?: number
    /** Seconds a client may take nothing of a response being sent to it before it is dropped (default 30). */
    responseStallTimeout?: number
    /** Bytes read from a client past the request being answered (pipelined requests, or what follows an upgrade while middleware decides) before reading from it pauses (default 64 KiB). */
    readAheadLimit?: number
    /** Bytes a request's line and headers may take together, else 431 (default 16 KiB). */
    maxRequestHeadSize?: number
    /** WebSocket frames one connection may handle per turn of the event loop before the others get theirs (default 500). */
    webSocketFramesPerTurn?: number
  }
}
