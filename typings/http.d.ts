// `HttpRequest`, `HttpResponse` and `HttpResponseBody`: what HTTP handlers receive and return.

/** An HTTP request, as handlers and middlewares receive it. Made by the server only: `new` throws. */
declare class HttpRequest {
  private constructor()

  /** The path, without the query string. */
  readonly path: string
  /** The request target as sent, with the query string. */
  readonly target: string
  /** The method, e.g. "GET". */
  readonly method: string
  /** The headers; names are in lower case (`headers["content-type"]`). */
  readonly headers: Record<string, string>
  /** The body's bytes (empty when there is none). */
  readonly body: Data
  /** The client's address, or null when unknown. */
  readonly address: string | null
  /** The route's variables: "/user/:id" gives `params.id`. */
  readonly params: Record<string, string>
  /**
   * The query string's pairs, in order (a key may repeat). `+` is a space and `%XX` escapes are
   * decoded as UTF-8; a malformed escape is kept as it is.
   */
  readonly queryParams: HttpRequest.KeyValue[]

  /**
   * Whether header `name` lists `token` among its comma-separated items. Names, tokens and
   * items are compared without case, items trimmed: `hasTokenForHeader("Connection", "upgrade")`.
   */
  hasTokenForHeader(name: string, token: string): boolean
  /**
   * The body's pairs when the Content-Type is application/x-www-form-urlencoded, decoded as
   * `queryParams` are; an empty array for any other Content-Type. A `RangeError` if it has more
   * fields than the server's `maxFormFields` start option (default 1000).
   */
  parseUrlencodedForm(): HttpRequest.KeyValue[]
  /**
   * The body's parts when the Content-Type is multipart/form-data with a boundary. An empty
   * array for any other Content-Type, and for a body that is not a complete multipart body
   * (never some of its parts). A `RangeError` if it has more parts than the server's
   * `maxFormFields` start option (default 1000).
   */
  parseMultiPartFormData(): HttpRequest.MultipartPart[]
}

declare namespace HttpRequest {
  /** One key/value pair of a query string or an urlencoded form, in the order sent. */
  interface KeyValue {
    key: string
    value: string
  }

  /** One part of a multipart/form-data body. */
  interface MultipartPart {
    /** The field name from Content-Disposition, or null when the part has none. */
    name: string | null
    /** The uploaded file's name from Content-Disposition (UTF-8), or null for a plain field. */
    filename: string | null
    /** The part's own headers, names in lower case, repeated ones joined with ", ". */
    headers: Record<string, string>
    /** The part's bytes (a copy). */
    data: Data
  }
}

/**
 * A response for a handler to return, made with the static factories (`new` throws). Every
 * factory takes an optional body; it sets the Content-Type the body gives.
 */
declare class HttpResponse {
  private constructor()

  /** The status code, e.g. 200. */
  readonly statusCode: number
  /** The status line's phrase, e.g. "OK". */
  readonly reasonPhrase: string
  /**
   * The headers this response sets (a copy): its body's Content-Type, a redirect's Location,
   * `raw`'s headers. The server adds Content-Length, Date and the like when sending it.
   */
  headers(): Record<string, string>

  /** 200 OK. */
  static ok(body?: HttpResponseBody | null): HttpResponse
  /** 201 Created. */
  static created(body?: HttpResponseBody | null): HttpResponse
  /** 202 Accepted. */
  static accepted(body?: HttpResponseBody | null): HttpResponse
  /** 301 Moved Permanently, with Location `url` (non-ASCII characters percent-encoded). */
  static movedPermanently(url: string, body?: HttpResponseBody | null): HttpResponse
  /**
   * 307 "Moved Temporarily" (the status of a temporary redirect that keeps the request's method,
   * with the phrase the app sends), with Location `url`.
   */
  static movedTemporarily(url: string, body?: HttpResponseBody | null): HttpResponse
  /** 400 Bad Request. */
  static badRequest(body?: HttpResponseBody | null): HttpResponse
  /** 401 Unauthorized. */
  static unauthorized(body?: HttpResponseBody | null): HttpResponse
  /** 403 Forbidden. */
  static forbidden(body?: HttpResponseBody | null): HttpResponse
  /** 404 Not Found. */
  static notFound(body?: HttpResponseBody | null): HttpResponse
  /** 406 Not Acceptable. */
  static notAcceptable(body?: HttpResponseBody | null): HttpResponse
  /** 429 Too Many Requests. */
  static tooManyRequests(body?: HttpResponseBody | null): HttpResponse
  /** 500 Internal Server Error. */
  static internalServerError(body?: HttpResponseBody | null): HttpResponse
  /**
   * Any final status (an integer from 200 to 599) with its phrase, headers and body as given
   * (`options` may be left out or null). With a body and no Content-Type among the headers,
   * the Content-Type is application/octet-stream.
   */
  static raw(statusCode: number, phrase: string, options?: HttpResponse.RawOptions | null): HttpResponse
}

declare namespace HttpResponse {
  /** The options of `HttpResponse.raw`. */
  interface RawOptions {
    /** Header names to values, sent as given. */
    headers?: Record<string, string>
    /**
     * The body: a `Data` (its bytes as they are now) or an open `FileEntity`, whose whole file
     * is sent from its start when the response goes out (the entity is closed then).
     */
    body?: Data | FileEntity
  }
}

/**
 * A response body with its Content-Type, for the `HttpResponse` factories (`new` throws). It
 * keeps its own copy of the bytes, made when it is created.
 */
declare class HttpResponseBody {
  private constructor()

  /** Plain text, as UTF-8 (`text/plain; charset=utf-8`). */
  static text(text: string): HttpResponseBody
  /** Bytes as they are (`application/octet-stream`). */
  static data(data: Data): HttpResponseBody
  /** A whole HTML page, sent as it is (`text/html; charset=utf-8`). */
  static html(html: string): HttpResponseBody
  /**
   * An HTML fragment inside a minimal page, `<html><meta charset="UTF-8"><body>…</body></html>`
   * (`text/html; charset=utf-8`).
   */
  static htmlBody(html: string): HttpResponseBody
}
