// `HttpRequest`, `HttpResponse` and `HttpResponseBody`: what HTTP handlers receive and return.

/** An HTTP request, as handlers and middlewares receive it. Made by the server only. */
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
  /** The query string's pairs, in order (a key may repeat). */
  readonly queryParams: HttpRequest.KeyValue[]

  /** Whether header `name` holds `token` in its comma-separated list (case-insensitive). */
  hasTokenForHeader(name: string, token: string): boolean
  /** The body read as an application/x-www-form-urlencoded form. */
  parseUrlencodedForm(): HttpRequest.KeyValue[]
  /** The body read as multipart/form-data (empty when it is not). */
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
    /** The field name, or null when the part has none. */
    name: string | null
    /** The uploaded file's name, or null for a plain field. */
    filename: string | null
    /** The part's own headers, names in lower case. */
    headers: Record<string, string>
    /** The part's bytes. */
    data: Data
  }
}

/** A response for a handler to return. Made with the static factories. */
declare class HttpResponse {
  private constructor()

  /** The status code, e.g. 200. */
  readonly statusCode: number
  /** The status line's phrase, e.g. "OK". */
  readonly reasonPhrase: string
  /** The headers the response will carry. */
  headers(): Record<string, string>

  /** 200 OK. */
  static ok(body?: HttpResponseBody): HttpResponse
  /** 201 Created. */
  static created(body?: HttpResponseBody): HttpResponse
  /** 202 Accepted. */
  static accepted(body?: HttpResponseBody): HttpResponse
  /** 301 Moved Permanently to `url`. */
  static movedPermanently(url: string, body?: HttpResponseBody): HttpResponse
  /** 302 Found (a temporary redirect) to `url`. */
  static movedTemporarily(url: string, body?: HttpResponseBody): HttpResponse
  /** 400 Bad Request. */
  static badRequest(body?: HttpResponseBody): HttpResponse
  /** 401 Unauthorized. */
  static unauthorized(body?: HttpResponseBody): HttpResponse
  /** 403 Forbidden. */
  static forbidden(body?: HttpResponseBody): HttpResponse
  /** 404 Not Found. */
  static notFound(body?: HttpResponseBody): HttpResponse
  /** 406 Not Acceptable. */
  static notAcceptable(body?: HttpResponseBody): HttpResponse
  /** 429 Too Many Requests. */
  static tooManyRequests(body?: HttpResponseBody): HttpResponse
  /** 500 Internal Server Error. */
  static internalServerError(body?: HttpResponseBody): HttpResponse
  /** Any status, with its phrase, headers and body bytes given as they are. */
  static raw(statusCode: number, phrase: string, options?: { headers?: Record<string, string>; body?: Data }): HttpResponse
}

/** A response body with its Content-Type, for the `HttpResponse` factories. */
declare class HttpResponseBody {
  private constructor()

  /** Plain text (text/plain; UTF-8). */
  static text(text: string): HttpResponseBody
  /** Raw bytes (application/octet-stream). */
  static data(data: Data): HttpResponseBody
  /** A whole HTML page, sent as it is (text/html). */
  static html(html: string): HttpResponseBody
  /** An HTML fragment, wrapped in a minimal page (text/html). */
  static htmlBody(html: string): HttpResponseBody
}
