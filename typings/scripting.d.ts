// The module "scripting" as far as scripting-bridge provides it, so that editors resolve
// `import { Data } from "scripting"`: the runtime's globals, importable from it as well, and
// the element factory that JSX compiles to. The app's other exports (its iOS interface:
// VStack, Navigation, useState...) load as stand-ins that throw when used, so they are left
// out here on purpose: an editor flags them.
//
// Each global is re-exported under its own name as a value and as a type: `_X` aliases the
// global `X` (inside this block a bare `X` still means the global, since `export { _X as X }`
// declares no local `X`).

declare module "scripting" {
  type _Data = Data
  const _Data: typeof Data
  type _CompressionAlgorithm = CompressionAlgorithm
  const _CompressionAlgorithm: typeof CompressionAlgorithm
  type _HttpServer = HttpServer
  const _HttpServer: typeof HttpServer
  type _HttpRequest = HttpRequest
  const _HttpRequest: typeof HttpRequest
  type _HttpResponse = HttpResponse
  const _HttpResponse: typeof HttpResponse
  type _HttpResponseBody = HttpResponseBody
  const _HttpResponseBody: typeof HttpResponseBody
  type _WebSocketSession = WebSocketSession
  const _WebSocketSession: typeof WebSocketSession
  type _WebSocket = WebSocket
  const _WebSocket: typeof WebSocket
  export {
    _Data as Data, _CompressionAlgorithm as CompressionAlgorithm, _HttpServer as HttpServer,
    _HttpRequest as HttpRequest, _HttpResponse as HttpResponse, _HttpResponseBody as HttpResponseBody,
    _WebSocketSession as WebSocketSession, _WebSocket as WebSocket,
  }

  /** Makes the element that JSX stands for: a plain `{ type, props, key }` object, with the
   * children in `props.children` (one child as it is, several as an array). */
  export function createElement(type: any, props: Record<string, any> | null, ...children: any[]): any
  /** The type of the element that `<>...</>` stands for; returns its children. */
  export function Fragment(props: { children?: any }): any
}
