// `WebSocket`: the Scripting app's WebSocket client. It is not the browser's: `onmessage`
// receives the message itself (a string or `Data`), not an event. The examples' tsconfig
// leaves the DOM lib out, so this is the only `WebSocket`.

/** A WebSocket client connection. It starts connecting as soon as it is made. */
declare class WebSocket {
  /** Opens a connection to `url` ("ws://..." or "wss://..."). Send from `onopen`, once it is open. */
  constructor(url: string)

  /** The URL given to the constructor. */
  readonly url: string
  /** The connection is open; sending is possible from now on. */
  onopen?: () => void
  /** The connection failed or broke. */
  onerror?: (error: Error) => void
  /** A message arrived: a string for a text message, `Data` for a binary one. */
  onmessage?: (message: string | Data) => void
  /** The connection is closed; `reason` is the peer's close reason, if any. */
  onclose?: (reason?: string) => void

  /** Sends a text message (string) or a binary message (Data). */
  send(message: string | Data): void
  /**
   * Closes the connection with `code` (default 1000) and an optional `reason` of at most
   * 123 UTF-8 bytes. Does nothing when it is already closed.
   */
  close(code?: 1000 | 1001 | 1002 | 1003, reason?: string): void
}
