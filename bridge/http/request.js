// @ts-check
// HttpRequest: what HTTP handlers and middlewares receive. The server makes one per request with
// internals.http.makeRequest(meta, body); scripts cannot construct it.
//
// Query strings and urlencoded forms are parsed here, on bytes, as the WHATWG URL standard's
// application/x-www-form-urlencoded parser does: pairs split on "&" (empty ones skipped), a pair
// on its first "=", "+" is a space, %XX is a byte and a malformed escape stays as it is, then the
// bytes are read as UTF-8 with each invalid sequence as U+FFFD, in one pass over the bytes (this
// engine's native string functions, replace and unescape, are far slower). Multipart bodies are split in Python
// (forms.py), which says where each part's bytes are; the parts' data is sliced here. A body form
// of more than maxFormFields fields or parts (a start() option) is a RangeError: past a sane
// size, a form costs time and memory for nothing.
(function (/** @type {Hosts["http/request.js"]} */ host, /** @type {Internals} */ internals) {
  "use strict";
  const http = (internals.http ??= /** @type {Internals["http"]} */ ({}));
  const constructing = Symbol("HttpRequest");
  const DEFAULT_MAX_FORM_FIELDS = 1000;
  const AMPERSAND = 0x26, EQUALS = 0x3d, PLUS = 0x2b, PERCENT = 0x25, SPACE = 0x20;

  // A plain object of string values; keys are set as data properties, so a header or route
  // variable called "__proto__" is an ordinary key.
  function record(entries) {
    const out = {};
    for (const [key, value] of entries) {
      Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
    }
    return out;
  }

  // Lower-case names; a name given twice in different cases keeps both values, joined by ", ".
  // `headers`: an object of names to values, or (from the server) [name, value, name, value, ...].
  function headerRecord(headers) {
    const joined = new Map();
    const add = (name, value) => {
      const key = String(name).toLowerCase();
      const text = String(value);
      joined.set(key, joined.has(key) ? `${joined.get(key)}, ${text}` : text);
    };
    if (Array.isArray(headers)) {
      for (let i = 0; i + 1 < headers.length; i += 2) add(headers[i], headers[i + 1]);
    } else {
      for (const [name, value] of Object.entries(headers ?? {})) add(name, value);
    }
    return record(joined);
  }

  // UTF-8 with each invalid sequence (its maximal valid prefix) replaced by U+FFFD, as the
  // WHATWG decoder does. The UTF-16 units are collected in an array, made a string in chunks.
  function utf8Lenient(bytes) {
    const n = bytes.length;
    const units = new Uint16Array(n); // never more units than bytes
    let count = 0;
    let i = 0;
    while (i < n) {
      const lead = bytes[i];
      if (lead < 0x80) {
        units[count++] = lead;
        i++;
        continue;
      }
      let need, point, lower = 0x80, upper = 0xbf;
      if (lead >= 0xc2 && lead <= 0xdf) {
        need = 1; point = lead & 0x1f;
      } else if (lead >= 0xe0 && lead <= 0xef) {
        need = 2; point = lead & 0x0f;
        if (lead === 0xe0) lower = 0xa0;
        if (lead === 0xed) upper = 0x9f;
      } else if (lead >= 0xf0 && lead <= 0xf4) {
        need = 3; point = lead & 0x07;
        if (lead === 0xf0) lower = 0x90;
        if (lead === 0xf4) upper = 0x8f;
      } else {
        units[count++] = 0xfffd;
        i++;
        continue;
      }
      let j = i + 1;
      let complete = true;
      for (let k = 0; k < need; k++, j++) {
        const next = j < n ? bytes[j] : -1;
        if (next < lower || next > upper) {
          complete = false;
          break;
        }
        point = (point << 6) | (next & 0x3f);
        lower = 0x80;
        upper = 0xbf;
      }
      if (!complete) {
        units[count++] = 0xfffd;
      } else if (point < 0x10000) {
        units[count++] = point;
      } else {
        units[count++] = 0xd800 + ((point - 0x10000) >> 10);
        units[count++] = 0xdc00 + ((point - 0x10000) & 0x3ff);
      }
      i = j; // an unexpected byte is read again as the start of what follows
    }
    return internals.utf8.latin1(units, 0, count); // fromCharCode takes any UTF-16 unit
  }

  function hexValue(byte) {
    if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
    const lower = byte | 0x20;
    if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
    return -1;
  }

  // bytes[start, end) with "+" as a space and %XX as the byte XX, read as UTF-8; `scratch` (at
  // least as long) holds the decoded bytes, so a form allocates one buffer, not one per field.
  function formDecode(bytes, start, end, scratch) {
    let n = 0, high = 0;
    for (let i = start; i < end; i++) {
      let byte = bytes[i];
      if (byte === PLUS) {
        byte = SPACE;
      } else if (byte === PERCENT && i + 2 < end) {
        const upper = hexValue(bytes[i + 1]), lower = hexValue(bytes[i + 2]);
        if (upper >= 0 && lower >= 0) {
          byte = (upper << 4) | lower;
          i += 2;
        }
      }
      scratch[n++] = byte;
      high |= byte;
    }
    // Making JS text costs the engine ~20 ns a byte (there is no TextDecoder): done once.
    return high < 0x80 ? internals.utf8.latin1(scratch, 0, n) : utf8Lenient(scratch.subarray(0, n));
  }

  // The pairs of an application/x-www-form-urlencoded byte string, in order; more than `limit`
  // of them is a RangeError (`method` names the caller), found before any past it is decoded.
  function parseForm(bytes, limit = Infinity, method = "") {
    const pairs = [];
    const scratch = new Uint8Array(bytes.length);
    const n = bytes.length;
    let start = 0;
    while (start < n) {
      while (start < n && bytes[start] === AMPERSAND) start++; // empty pairs are skipped
      if (start === n) break;
      let end = bytes.indexOf(AMPERSAND, start);
      if (end < 0) end = n;
      if (pairs.length === limit) {
        throw new RangeError(`${method}: the form has more than ${limit} fields (maxFormFields)`);
      }
      let equals = bytes.subarray(start, end).indexOf(EQUALS);
      equals = equals < 0 ? end : start + equals;
      pairs.push({
        key: formDecode(bytes, start, equals, scratch),
        value: equals < end ? formDecode(bytes, equals + 1, end, scratch) : "",
      });
      start = end + 1;
    }
    return pairs;
  }

  // The media type of a Content-Type value: before any ";", trimmed, lower case.
  function mediaType(value) {
    return typeof value === "string" ? value.split(";", 1)[0].trim().toLowerCase() : "";
  }

  class HttpRequest {
    // One private field holding the request's state: the engine defines each private field of
    // a new object on a slow path (~50 ns a field, docs/engine.md), and a server makes one
    // HttpRequest per request.
    #state;

    constructor(key, meta, body, maxFormFields) {
      if (key !== constructing) {
        throw new TypeError("HttpRequest cannot be constructed by scripts: the server passes one to "
          + "each handler given to HttpServer.registerHandler, registerAsyncHandler, "
          + "registerMiddleware and setNotFoundHandler");
      }
      this.#state = {
        method: String(meta.method),
        target: String(meta.target),
        path: String(meta.path),
        meta, // what headers and params are made from
        body: body ?? null,
        address: meta.address === null || meta.address === undefined ? null : String(meta.address),
        maxFormFields,
        headers: null,
        params: null,
        queryParams: null,
      };
    }

    get method() { return this.#state.method; }

    get target() { return this.#state.target; }

    get path() { return this.#state.path; }

    // Headers, params and an empty body are made when first read: many handlers never read them.
    get headers() { return this.#state.headers ??= headerRecord(this.#state.meta.headers); }

    get body() { return this.#state.body ??= internals.dataFromBytes(new Uint8Array(0)); }

    get address() { return this.#state.address; }

    get params() {
      const state = this.#state;
      return state.params ??= record(Object.entries(state.meta.params ?? {}).map(([k, v]) => [k, String(v)]));
    }

    // The pairs after the first "?" of the target, parsed once.
    get queryParams() {
      const state = this.#state;
      if (state.queryParams === null) {
        const at = state.target.indexOf("?");
        state.queryParams = at < 0 ? [] : parseForm(internals.utf8.encode(state.target.slice(at + 1)));
      }
      return state.queryParams;
    }

    get [Symbol.toStringTag]() { return "HttpRequest"; }

    [Symbol.for("nodejs.util.inspect.custom")]() {
      return `<HttpRequest ${this.#state.method} ${this.#state.target}>`;
    }

    // Whether the header's comma-separated list holds the token; both compared without case,
    // each list item trimmed (`hasTokenForHeader("connection", "upgrade")`).
    hasTokenForHeader(name, token) {
      internals.check.string("HttpRequest.hasTokenForHeader", "name", name);
      internals.check.string("HttpRequest.hasTokenForHeader", "token", token);
      const key = name.toLowerCase();
      if (!Object.hasOwn(this.headers, key)) return false;
      const wanted = token.trim().toLowerCase();
      return this.headers[key].split(",").some((item) => item.trim().toLowerCase() === wanted);
    }

    // The body's pairs when the Content-Type is application/x-www-form-urlencoded, else [].
    parseUrlencodedForm() {
      if (mediaType(this.headers["content-type"]) !== "application/x-www-form-urlencoded") return [];
      return parseForm(internals.bytesOfData("HttpRequest.parseUrlencodedForm", "body", this.body),
        this.#state.maxFormFields, "HttpRequest.parseUrlencodedForm");
    }

    // The parts of a multipart/form-data body; [] when the Content-Type is not
    // multipart/form-data with a boundary, or the body is not a complete multipart body.
    parseMultiPartFormData() {
      const contentType = this.headers["content-type"];
      if (!mediaType(contentType).startsWith("multipart/")) return [];
      const bytes = internals.bytesOfData("HttpRequest.parseMultiPartFormData", "body", this.body);
      const parts = host.parse_multipart(bytes, contentType, this.#state.maxFormFields);
      if (parts === undefined) return [];
      return parts.map((part) => ({
        name: part.name,
        filename: part.filename,
        headers: record(Object.entries(part.headers)),
        data: this.body.slice(part.start, part.end),
      }));
    }
  }

  // meta: { method, target, path, headers, address, params } (headers: names to values, or
  // [name, value, ...]; duplicates are joined with ", "; address: string or null; params: route
  // variables); body: a Data the request keeps (the server gives it up), or undefined for none;
  // maxFormFields: the server's option.
  http.makeRequest = (meta, body = undefined, maxFormFields = DEFAULT_MAX_FORM_FIELDS) => {
    if (body !== undefined) internals.bytesOfData("internals.http.makeRequest", "body", body);
    return new HttpRequest(constructing, meta, body, maxFormFields);
  };
  http.DEFAULT_MAX_FORM_FIELDS = DEFAULT_MAX_FORM_FIELDS;
  http.HttpRequest = HttpRequest;

  return { HttpRequest };
})
