// @ts-check
// HttpResponse and HttpResponseBody: what HTTP handlers return, made with the static factories.
// The server reads one with internals.http.responseParts(response).
//
// Both are immutable: a body keeps its own copy of its bytes (encoded once, when it is made),
// so a response can be returned many times and a Data changed afterwards does not change it.
//
// Status codes and phrases follow Swifter, the Swift server whose API the app's classes mirror
// (movedTemporarily is 307 "Moved Temporarily": README, "HTTP routes"). Content types: ours, with the
// charset spelled out since every text body is UTF-8.
(function (/** @type {Hosts["http/response.js"]} */ host, /** @type {Internals} */ internals) {
  "use strict";
  const http = (internals.http ??= /** @type {Internals["http"]} */ ({}));
  const constructing = Symbol("HttpResponse");
  const TEXT = "text/plain; charset=utf-8";
  const HTML = "text/html; charset=utf-8";
  const BINARY = "application/octet-stream";
  const EMPTY = new Uint8Array(0);
  const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/; // an RFC 9110 header name
  const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/; // not allowed in a header value or a reason phrase
  const NON_ASCII = /[^\x00-\x7f]+/g;

  const typeName = internals.typeName, show = internals.show;

  function record(entries) {
    const out = {};
    for (const [key, value] of entries) {
      Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
    }
    return out;
  }

  let bodyParts, isBody;

  // Each class keeps its state in one private field: the engine defines each private field of a
  // new object on a slow path (~50 ns a field, docs/engine.md), and a server makes both per
  // request.
  class HttpResponseBody {
    #state; // { contentType, bytes }

    constructor(key, contentType, bytes) {
      if (key !== constructing) {
        throw new TypeError("HttpResponseBody cannot be constructed with new: use HttpResponseBody.text, "
          + ".data, .html or .htmlBody");
      }
      this.#state = { contentType, bytes };
    }

    static {
      bodyParts = (body) => body.#state;
      isBody = (value) => value !== null && typeof value === "object" && #state in value;
    }

    get [Symbol.toStringTag]() { return "HttpResponseBody"; }

    [Symbol.for("nodejs.util.inspect.custom")]() {
      return `<HttpResponseBody ${this.#state.contentType}, ${this.#state.bytes.length} bytes>`;
    }

    // Plain text, sent as UTF-8.
    static text(text) {
      internals.check.string("HttpResponseBody.text", "text", text);
      return new HttpResponseBody(constructing, TEXT, internals.utf8.encode(text));
    }

    // Bytes as they are (a copy of the Data as it is now).
    static data(data) {
      const bytes = internals.bytesOfData("HttpResponseBody.data", "data", data);
      return new HttpResponseBody(constructing, BINARY, internals.copyBytes(bytes));
    }

    // A whole HTML page, sent as it is.
    static html(html) {
      internals.check.string("HttpResponseBody.html", "html", html);
      return new HttpResponseBody(constructing, HTML, internals.utf8.encode(html));
    }

    // An HTML fragment in a minimal page, as the app (Swifter) wraps it.
    static htmlBody(html) {
      internals.check.string("HttpResponseBody.htmlBody", "html", html);
      const page = `<html><meta charset="UTF-8"><body>${html}</body></html>`;
      return new HttpResponseBody(constructing, HTML, internals.utf8.encode(page));
    }
  }

  let partsOf, isResponse;

  class HttpResponse {
    // { status, reason, headers: [[name, value], ...], body: a Uint8Array or null, file: a
    // FileEntity whose file is the body (raw()), sent from its start, or null }
    #state;

    constructor(key, status, reason, headers, body, file = null) {
      if (key !== constructing) {
        throw new TypeError("HttpResponse cannot be constructed with new: use a factory such as "
          + "HttpResponse.ok(HttpResponseBody.text(...)), HttpResponse.notFound() or HttpResponse.raw(...)");
      }
      this.#state = { status, reason, headers, body, file };
    }

    static {
      partsOf = (response) => {
        const state = response.#state;
        return {
          status: state.status,
          reason: state.reason,
          headers: state.headers,
          body: state.body ?? EMPTY,
          file: state.file === null ? undefined : internals.fileEntityId(state.file),
        };
      };
      isResponse = (value) => value !== null && typeof value === "object" && #state in value;
    }

    get statusCode() { return this.#state.status; }

    get reasonPhrase() { return this.#state.reason; }

    // The headers this response sets (a copy): its body's Content-Type, a redirect's Location,
    // raw()'s headers. The server adds Content-Length, Date and the like when it sends it.
    headers() { return record(this.#state.headers); }

    get [Symbol.toStringTag]() { return "HttpResponse"; }

    [Symbol.for("nodejs.util.inspect.custom")]() {
      const { status, reason, body, file } = this.#state;
      const size = file !== null ? `the file ${file.path}` : body === null ? "no body" : `${body.length} bytes`;
      return `<HttpResponse ${status} ${reason}, ${size}>`;
    }

    static ok(body) { return standard("ok", 200, "OK", body); }

    static created(body) { return standard("created", 201, "Created", body); }

    static accepted(body) { return standard("accepted", 202, "Accepted", body); }

    static movedPermanently(url, body) {
      return standard("movedPermanently", 301, "Moved Permanently", body, location("movedPermanently", url));
    }

    static movedTemporarily(url, body) {
      return standard("movedTemporarily", 307, "Moved Temporarily", body, location("movedTemporarily", url));
    }

    static badRequest(body) { return standard("badRequest", 400, "Bad Request", body); }

    static unauthorized(body) { return standard("unauthorized", 401, "Unauthorized", body); }

    static forbidden(body) { return standard("forbidden", 403, "Forbidden", body); }

    static notFound(body) { return standard("notFound", 404, "Not Found", body); }

    static notAcceptable(body) { return standard("notAcceptable", 406, "Not Acceptable", body); }

    static tooManyRequests(body) { return standard("tooManyRequests", 429, "Too Many Requests", body); }

    static internalServerError(body) {
      return standard("internalServerError", 500, "Internal Server Error", body);
    }

    // Any final status (200-599) with its phrase, headers and body bytes as given. Content-Type
    // is application/octet-stream when there is a body and the headers name none.
    static raw(statusCode, phrase, options) {
      const method = "HttpResponse.raw";
      if (!Number.isInteger(statusCode) || statusCode < 200 || statusCode > 599) {
        throw internals.wrongValue(method, "statusCode", "an integer from 200 to 599", statusCode);
      }
      internals.check.string(method, "phrase", phrase);
      if (CONTROL.test(phrase)) {
        throw new TypeError(`${method}: phrase must not hold line breaks or control characters, got ${show(phrase)}`);
      }
      if (options === undefined || options === null) options = {};
      if (typeof options !== "object" || Array.isArray(options)) {
        throw internals.wrongType(method, "options", "an object { headers?, body? }", options);
      }
      const headers = [];
      const given = options.headers;
      if (given !== undefined && given !== null) {
        if (typeof given !== "object" || Array.isArray(given)) {
          throw internals.wrongType(method, "headers", "an object of names to string values", given);
        }
        for (const [name, value] of Object.entries(given)) {
          if (!TOKEN.test(name)) throw new TypeError(`${method}: ${JSON.stringify(name)} is not a valid header name`);
          internals.check.string(method, `header ${name}`, value);
          if (CONTROL.test(value)) {
            throw new TypeError(`${method}: header ${name} must not hold line breaks or control characters`);
          }
          headers.push([name, value]);
        }
      }
      let body = null, file = null;
      if (options.body !== undefined && options.body !== null) {
        // fileEntityId is there when the files API is loaded (files/file_entity.js).
        if (internals.fileEntityId?.(options.body) !== undefined) {
          file = options.body; // streamed when the response is sent, which closes the entity
        } else if (options.body instanceof internals.Data) {
          body = internals.copyBytes(internals.bytesOfData(method, "body", options.body));
        } else {
          const hint = isBody(options.body) ? " (an HttpResponseBody goes to the other factories, e.g. HttpResponse.ok)" : "";
          throw internals.wrongType(method, "body", `a Data or a FileEntity${hint}`, options.body);
        }
        if (!headers.some(([name]) => name.toLowerCase() === "content-type")) headers.push(["Content-Type", BINARY]);
      }
      return new HttpResponse(constructing, statusCode, phrase, headers, body, file);
    }
  }

  // A redirect's target, with any non-ASCII characters percent-encoded as UTF-8 (header values
  // are bytes on the wire; escapes already in the URL are kept).
  function location(method, url) {
    internals.check.string(`HttpResponse.${method}`, "url", url);
    if (CONTROL.test(url)) {
      throw new TypeError(`HttpResponse.${method}: url must not hold line breaks or control characters, got ${show(url)}`);
    }
    return ["Location", url.toWellFormed().replace(NON_ASCII, (run) => encodeURIComponent(run))];
  }

  function standard(name, status, reason, body, extra) {
    const headers = extra === undefined ? [] : [extra];
    let bytes = null;
    if (body !== undefined && body !== null) {
      if (!isBody(body)) {
        throw internals.wrongType(`HttpResponse.${name}`, "body", "an HttpResponseBody (e.g. HttpResponseBody.text(...))", body);
      }
      const parts = bodyParts(body);
      headers.push(["Content-Type", parts.contentType]);
      bytes = parts.bytes;
    }
    return new HttpResponse(constructing, status, reason, headers, bytes);
  }

  // For the server: { status, reason, headers: [[name, value], ...], body: Uint8Array, file } of
  // a handler's result (body empty when there is none; do not modify the headers or the body:
  // they are the response's own). `file` is the id of a FileEntity body (file_entity.js),
  // undefined for bytes.
  // `where` names the caller in the TypeError thrown for anything but an HttpResponse.
  http.responseParts = (value, where) => {
    if (!isResponse(value)) throw new TypeError(`${where}: expected an HttpResponse, got ${typeName(value)}`);
    return partsOf(value);
  };
  http.isResponse = (value) => isResponse(value);
  http.HttpResponse = HttpResponse;
  http.HttpResponseBody = HttpResponseBody;

  return { HttpResponse, HttpResponseBody };
})
