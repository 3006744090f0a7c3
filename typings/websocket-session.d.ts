// `WebSocketSession`: one live connection accepted by `HttpServer#registerWebsocket`.

/**
 * One WebSocket connection accepted by an `HttpServer`. Scripts never construct it: the
 * server passes it to the handlers given to `registerWebsocket`, and the same connection is
 * the same object in every callback (so it can be kept in a list and found with `indexOf`).
 */
declare class WebSocketSession {
  private constructor()

  /**
   * Sends `text` to the client as one text message. Messages leave in call order.
   * On a closed session it does nothing (no throw).
   * @throws TypeError when `text` is not a string.
   */
  writeText(text: string): void

  /**
   * Sends the bytes of `data` to the client as one binary message. Messages leave in call
   * order. On a closed session it does nothing (no throw).
   * @throws TypeError when `data` is not a Data.
   */
  writeData(data: Data): void

  /**
   * Closes the connection. No receive callback runs for this session afterwards;
   * `onDisconnected` runs once. Calling it again does nothing.
   */
  close(): void
}
