// `WebSocket`: the Scripting app's WebSocket client. It is not the browser's: `onmessage`
// receives the message itself (a string or `Data`), not an event. The examples' tsconfig
// leaves the DOM lib out, so this is the only `WebSocket`.

/** A WebSocket client connection. It starts connecting as soon as it is made. */
declare class WebSocket {
  /**
   * Opens a connection to `url` ("ws://..." or "wss://..."); throws a SyntaxError for a URL
   * that is not one. Messages sent before `onopen` wait and leave, in order, once it is open.
   */
  constructor(url: string)

  /** The URL given to the constructor. */
  readonly url: string
  /** The connection is open. Messages sent before it have just left, in order. */
  onopen?: () => void
  /**
   * The connection failed (refused, unknown host, TLS, a refused handshake) or broke (the
   * server went away, a protocol error). `error.message` says what happened and the URL.
   * `onclose` follows.
   */
  onerror?: (error: Error) => void
  /** A message arrived: a string for a text message, `Data` for a binary one. */
  onmessage?: (message: string | Data) => void
  /**
   * The connection is closed; called once. `reason` is the close reason the server sent
   * ("" if none), undefined when the connection ended without a close frame; `code` is the
   * close code (1006 when there was no close frame).
   */
  onclose?: (reason?: string, code?: number) => void

  /**
   * Sends a text message (string) or a binary message (Data). Before the connection is open
   * it is queued; after `close()` or once closed it is dropped.
   */
  send(message: string | Data): void
  /**
   * Closes the connection with `code` (default 1000; 1000-1003, or 3000-4999 for your own)
   * and an optional `reason` of at most 123 UTF-8 bytes; other values throw a RangeError.
   * Does nothing when it is already closing or closed.
   */
  close(code?: 1000 | 1001 | 1002 | 1003 | (number & {}), reason?: string): void

  /**
   * Adds a listener for an event, called with what the matching `on*` property gets, after
   * it; several listeners run in the order added. Adding the same function twice for an event
   * keeps one. Throws a TypeError for another event name or a listener that is not a function.
   */
  addEventListener(event: "open", listener: () => void): void
  addEventListener(event: "error", listener: (error: Error) => void): void
  addEventListener(event: "message", listener: (message: string | Data) => void): void
  addEventListener(event: "close", listener: (reason?: string, code?: number) => void): void
  /**
   * Removes a listener added with `addEventListener`; one that was never added is ignored. A
   * listener removed while an event is being delivered is not called for it.
   */
  removeEventListener(event: "open", listener: () => void): void
  removeEventListener(event: "error", listener: (error: Error) => void): void
  removeEventListener(event: "message", listener: (message: string | Data) => void): void
  removeEventListener(event: "close", listener: (reason?: string, code?: number) => void): void
}
