// The web platform's globals that scripts have besides the app's own: URL, URLSearchParams,
// TextEncoder, TextDecoder, atob, btoa, Event, EventTarget and DOMException. (setImmediate is
// with the timers in globals.d.ts.) The examples' tsconfig has no DOM lib, so these
// declarations are the only ones, and they say what the runtime really has.

/** A parsed absolute URL. Setting a part updates `href`, and `href` updates every part. */
declare class URL {
  /**
   * Parses `url`, relative to `base` when given.
   * @throws TypeError when it is not a valid URL.
   */
  constructor(url: string | URL, base?: string | URL)
  /** Whether `new URL(url, base)` would succeed. */
  static canParse(url: string | URL, base?: string | URL): boolean
  /** The parsed URL, or null where the constructor would throw. */
  static parse(url: string | URL, base?: string | URL): URL | null

  /** The whole URL. */
  href: string
  /** Scheme, host and port, e.g. "https://example.com:8443". */
  readonly origin: string
  /** The scheme with its colon, e.g. "https:". */
  protocol: string
  username: string
  password: string
  /** Host name and port, e.g. "example.com:8443". */
  host: string
  hostname: string
  /** The port as written, "" for the scheme's default. */
  port: string
  pathname: string
  /** The query with its "?", or "". */
  search: string
  /** The query's pairs, live: changing them changes `search`. */
  readonly searchParams: URLSearchParams
  /** The fragment with its "#", or "". */
  hash: string
  /** The same as `href`. */
  toJSON(): string
  /** The same as `href`. */
  toString(): string
}

/** The key/value pairs of a query string, in order (a key may repeat). */
declare class URLSearchParams {
  /** From a query string (a leading "?" is ignored), pairs, or an object's entries. */
  constructor(init?: string | Record<string, string> | [string, string][] | URLSearchParams)
  /** The number of pairs. */
  readonly size: number
  /** Adds a pair at the end. */
  append(name: string, value: string): void
  /** Removes every pair with this name (and this value, when given). */
  delete(name: string, value?: string): void
  /** The first value of `name`, or null. */
  get(name: string): string | null
  /** Every value of `name`, in order. */
  getAll(name: string): string[]
  /** Whether a pair has this name (and this value, when given). */
  has(name: string, value?: string): boolean
  /** Sets the first pair of `name` to `value` and removes the others (or appends one). */
  set(name: string, value: string): void
  /** Sorts the pairs by name, keeping the order of equal names. */
  sort(): void
  forEach(callback: (value: string, name: string, params: URLSearchParams) => void, thisArg?: any): void
  keys(): IterableIterator<string>
  values(): IterableIterator<string>
  entries(): IterableIterator<[string, string]>
  [Symbol.iterator](): IterableIterator<[string, string]>
  /** The pairs as a query string without the "?", percent-encoded. */
  toString(): string
}

/** Encodes strings as UTF-8. */
declare class TextEncoder {
  constructor()
  /** Always "utf-8". */
  readonly encoding: string
  /** The text's UTF-8 bytes; a lone surrogate becomes U+FFFD. */
  encode(input?: string): Uint8Array
  /**
   * Writes as many whole characters of `source` as fit into `destination`.
   * @returns how many UTF-16 units were read and bytes written.
   */
  encodeInto(source: string, destination: Uint8Array): { read: number; written: number }
}

/** Decodes UTF-8 bytes (the only encoding here). */
declare class TextDecoder {
  /**
   * @param label "utf-8" or one of its other names (default "utf-8").
   * @param options `fatal`: throw on invalid bytes instead of putting U+FFFD; `ignoreBOM`:
   * keep a leading byte order mark in the text.
   * @throws RangeError for any other encoding.
   */
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean })
  /** Always "utf-8". */
  readonly encoding: string
  readonly fatal: boolean
  readonly ignoreBOM: boolean
  /**
   * The text of the bytes. With `{ stream: true }`, a character cut at the end of this chunk is
   * completed by the next call.
   * @throws TypeError for invalid UTF-8 when the decoder is `fatal`.
   */
  decode(input?: ArrayBuffer | ArrayBufferView, options?: { stream?: boolean }): string
}

/**
 * Base64 of a string whose characters are all in U+0000-U+00FF, one byte each.
 * @throws DOMException "InvalidCharacterError" for a character beyond U+00FF.
 */
declare function btoa(data: string): string

/**
 * The bytes Base64 stands for, as a string of one character (U+0000-U+00FF) per byte. Spaces
 * are ignored and padding may be left out.
 * @throws DOMException "InvalidCharacterError" when the string is not Base64.
 */
declare function atob(data: string): string

/** What `new Event(type, init)` takes. */
interface EventInit {
  bubbles?: boolean
  cancelable?: boolean
  composed?: boolean
}

/**
 * Something that happened, passed to the listeners of an `EventTarget`. With no document tree
 * here, an event is only ever at its target (`eventPhase` is `AT_TARGET` while it is dispatched).
 */
declare class Event {
  constructor(type: string, init?: EventInit)
  static readonly NONE: 0
  static readonly CAPTURING_PHASE: 1
  static readonly AT_TARGET: 2
  static readonly BUBBLING_PHASE: 3

  readonly type: string
  /** The object it was dispatched on, or null before that. */
  readonly target: EventTarget | null
  /** The object whose listeners are running, or null outside a dispatch. */
  readonly currentTarget: EventTarget | null
  readonly eventPhase: number
  readonly bubbles: boolean
  readonly cancelable: boolean
  readonly composed: boolean
  /** Whether a listener called `preventDefault()` on this cancelable event. */
  readonly defaultPrevented: boolean
  /** Always false: scripts make every event. */
  readonly isTrusted: boolean
  /** Milliseconds from the runtime's start to the event's creation. */
  readonly timeStamp: number
  /** Marks a cancelable event as canceled (not from a passive listener); `dispatchEvent` then returns false. */
  preventDefault(): void
  stopPropagation(): void
  /** No further listener runs for this dispatch. */
  stopImmediatePropagation(): void
  /** The current target while dispatched, else empty. */
  composedPath(): EventTarget[]
}

/** A listener: a function, or an object whose `handleEvent` is called. */
type EventListenerOrEventListenerObject = ((event: Event) => void) | { handleEvent(event: Event): void }

/** `addEventListener`'s options (`signal` is not supported: there is no AbortSignal here). */
interface AddEventListenerOptions {
  capture?: boolean
  /** Remove the listener after its first call. */
  once?: boolean
  /** `preventDefault()` is ignored in this listener. */
  passive?: boolean
}

/** An object with listeners, for scripts' own events. */
declare class EventTarget {
  constructor()
  /**
   * Adds a listener for events of `type`, run in the order added. The same listener (and
   * `capture`) twice is kept once; null is ignored.
   */
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void
  /** Removes a listener added with the same `capture`; anything else is ignored. */
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | { capture?: boolean }): void
  /**
   * Runs the listeners for `event.type` now, with `this` the target; a listener's throw is
   * reported and the rest run.
   * @returns false when a listener canceled the (cancelable) event.
   */
  dispatchEvent(event: Event): boolean
}

/** The web's error type with a `name` such as "InvalidCharacterError" or "AbortError". */
declare class DOMException extends Error {
  constructor(message?: string, name?: string)
  /** The legacy numeric code of `name` (0 for names that have none). */
  readonly code: number
  readonly message: string
  readonly name: string
  static readonly INDEX_SIZE_ERR: 1
  static readonly DOMSTRING_SIZE_ERR: 2
  static readonly HIERARCHY_REQUEST_ERR: 3
  static readonly WRONG_DOCUMENT_ERR: 4
  static readonly INVALID_CHARACTER_ERR: 5
  static readonly NO_DATA_ALLOWED_ERR: 6
  static readonly NO_MODIFICATION_ALLOWED_ERR: 7
  static readonly NOT_FOUND_ERR: 8
  static readonly NOT_SUPPORTED_ERR: 9
  static readonly INUSE_ATTRIBUTE_ERR: 10
  static readonly INVALID_STATE_ERR: 11
  static readonly SYNTAX_ERR: 12
  static readonly INVALID_MODIFICATION_ERR: 13
  static readonly NAMESPACE_ERR: 14
  static readonly INVALID_ACCESS_ERR: 15
  static readonly VALIDATION_ERR: 16
  static readonly TYPE_MISMATCH_ERR: 17
  static readonly SECURITY_ERR: 18
  static readonly NETWORK_ERR: 19
  static readonly ABORT_ERR: 20
  static readonly URL_MISMATCH_ERR: 21
  static readonly QUOTA_EXCEEDED_ERR: 22
  static readonly TIMEOUT_ERR: 23
  static readonly INVALID_NODE_TYPE_ERR: 24
  static readonly DATA_CLONE_ERR: 25
  readonly INDEX_SIZE_ERR: 1
  readonly DOMSTRING_SIZE_ERR: 2
  readonly HIERARCHY_REQUEST_ERR: 3
  readonly WRONG_DOCUMENT_ERR: 4
  readonly INVALID_CHARACTER_ERR: 5
  readonly NO_DATA_ALLOWED_ERR: 6
  readonly NO_MODIFICATION_ALLOWED_ERR: 7
  readonly NOT_FOUND_ERR: 8
  readonly NOT_SUPPORTED_ERR: 9
  readonly INUSE_ATTRIBUTE_ERR: 10
  readonly INVALID_STATE_ERR: 11
  readonly SYNTAX_ERR: 12
  readonly INVALID_MODIFICATION_ERR: 13
  readonly NAMESPACE_ERR: 14
  readonly INVALID_ACCESS_ERR: 15
  readonly VALIDATION_ERR: 16
  readonly TYPE_MISMATCH_ERR: 17
  readonly SECURITY_ERR: 18
  readonly NETWORK_ERR: 19
  readonly ABORT_ERR: 20
  readonly URL_MISMATCH_ERR: 21
  readonly QUOTA_EXCEEDED_ERR: 22
  readonly TIMEOUT_ERR: 23
  readonly INVALID_NODE_TYPE_ERR: 24
  readonly DATA_CLONE_ERR: 25
}
