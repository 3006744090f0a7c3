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
  // The app's own exports of "scripting" (scripting-exports.txt) that the runtime provides.
  type _Request = Request
  const _Request: typeof Request
  type _Response = Response
  const _Response: typeof Response
  type _Headers = Headers
  const _Headers: typeof Headers
  type _FormData = FormData
  const _FormData: typeof FormData
  type _Blob = Blob
  const _Blob: typeof Blob
  type _ReadableStream<R = any> = ReadableStream<R>
  const _ReadableStream: typeof ReadableStream
  type _AbortController = AbortController
  const _AbortController: typeof AbortController
  type _AbortSignal = AbortSignal
  const _AbortSignal: typeof AbortSignal
  type _AbortEvent = AbortEvent
  const _AbortEvent: typeof AbortEvent
  type _CancelToken = CancelToken
  const _CancelToken: typeof CancelToken
  type _CancelError = CancelError
  const _CancelError: typeof CancelError
  type _FileEntity = FileEntity
  const _FileEntity: typeof FileEntity
  const _fetch: typeof fetch
  // Namespaces: their values (a type under them is reached through the global, as Path.ParsedPath).
  const _Path: typeof Path
  const _Script: typeof Script
  const _FileManager: typeof FileManager
  const _Storage: typeof Storage
  const _Keychain: typeof Keychain
  const _SQLite: typeof SQLite
  export {
    _Data as Data, _CompressionAlgorithm as CompressionAlgorithm, _HttpServer as HttpServer,
    _HttpRequest as HttpRequest, _HttpResponse as HttpResponse, _HttpResponseBody as HttpResponseBody,
    _WebSocketSession as WebSocketSession, _WebSocket as WebSocket,
    _fetch as fetch, _Request as Request, _Response as Response, _Headers as Headers, _FormData as FormData,
    _Blob as Blob, _ReadableStream as ReadableStream, _AbortController as AbortController,
    _AbortSignal as AbortSignal, _AbortEvent as AbortEvent, _CancelToken as CancelToken,
    _CancelError as CancelError, _FileEntity as FileEntity,
    _Path as Path, _Script as Script, _FileManager as FileManager, _Storage as Storage,
    _Keychain as Keychain, _SQLite as SQLite,
  }

  /** Makes the element that JSX stands for: a plain `{ type, props, key }` object, with the
   * children in `props.children` (one child as it is, several as an array). */
  export function createElement(type: any, props: Record<string, any> | null, ...children: any[]): any
  /** The type of the element that `<>...</>` stands for; returns its children. */
  export function Fragment(props: { children?: any }): any
}
