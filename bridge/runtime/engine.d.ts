// Globals the JS halves use besides the language's own (es2022): what the engine gives
// (pythonmonkey's URL, URLSearchParams and DOMException; SpiderMonkey's base64 and hex on
// Uint8Array) and the classes one half exports as globals for the others (the web's fetch
// family, from fetch/*.js). Loosely typed: their members are the web's.

interface Uint8Array {
  toBase64(options?: { alphabet?: "base64" | "base64url", omitPadding?: boolean }): string
  toHex(): string
}

interface Uint8ArrayConstructor {
  fromBase64(text: string, options?: { alphabet?: "base64" | "base64url", lastChunkHandling?: string }): Uint8Array
  fromHex(text: string): Uint8Array
}

declare class DOMException extends Error {
  constructor(message?: string, name?: string)
  readonly code: number
}

declare class URL {
  constructor(url: string, base?: string | URL)
  href: string
  protocol: string
  host: string
  hostname: string
  port: string
  pathname: string
  search: string
  hash: string
  readonly origin: string
  readonly searchParams: URLSearchParams
  toString(): string
}

declare class URLSearchParams {
  constructor(init?: string | Record<string, string> | [string, string][])
  append(name: string, value: string): void
  get(name: string): string | null
  getAll(name: string): string[]
  has(name: string): boolean
  set(name: string, value: string): void
  forEach(callback: (value: string, name: string) => void): void
  entries(): IterableIterator<[string, string]>
  toString(): string
  [Symbol.iterator](): IterableIterator<[string, string]>
}

// Defined by fetch/streams.js and fetch/body.js, used by the other fetch halves.
declare var ReadableStream: any
declare var Headers: any
declare var Blob: any
declare var FormData: any
