// @ts-check
// Headers, Blob and FormData, and what fetch.js needs to turn a body into bytes and back.
// Pure JS but for parsing a multipart/form-data body, which Python does (body.py, over the
// same parser as HttpRequest's).
(function (/** @type {Hosts["fetch/body.js"]} */ host, /** @type {Internals} */ internals) {
  "use strict";
  const EMPTY = new Uint8Array(0);
  const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  const BAD_VALUE = /[\0\r\n]|[^\0-\xff]/;

  const utf8 = (text) => internals.utf8.encode(text);

  // UTF-8 as WHATWG decodes a body: a leading BOM dropped, invalid sequences as U+FFFD.
  function decodeText(bytes) {
    if (bytes.length === 0) return "";
    return internals.dataFromBytes(bytes).toDecodedString("utf-8");
  }

  function concat(chunks) {
    if (chunks.length === 1) return chunks[0];
    let total = 0;
    for (const chunk of chunks) total += chunk.length;
    const out = new Uint8Array(total);
    let at = 0;
    for (const chunk of chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }

  // A copy of the bytes of an ArrayBuffer, a typed array or DataView, or a Data; null otherwise.
  function bytesOfBinary(value) {
    if (value instanceof ArrayBuffer) return new Uint8Array(value.slice(0));
    if (ArrayBuffer.isView(value)) return internals.copyBytes(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
    if (value instanceof internals.Data) return value.toUint8Array();
    return null;
  }

  // --- Headers --------------------------------------------------------------------------

  function headerName(where, name) {
    const text = String(name);
    if (!TOKEN.test(text)) throw new TypeError(`${where}: ${JSON.stringify(text)} is not a valid header name`);
    return text.toLowerCase();
  }

  function headerValue(where, name, value) {
    const text = String(value).replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, "");
    if (BAD_VALUE.test(text)) {
      throw new TypeError(`${where}: the value of ${name} has a character a header cannot carry `
        + "(NUL, CR, LF, or one above U+00FF)");
    }
    return text;
  }

  class Headers {
    #map = new Map(); // lower-case name -> [values], in the order they were added

    constructor(init) {
      if (init === undefined || init === null) return;
      if (init instanceof Headers) {
        for (const [name, values] of init.#map) this.#map.set(name, values.slice());
        return;
      }
      if (typeof init !== "object") throw internals.wrongType("Headers", "init", "an object or an array of pairs", init);
      if (typeof init[Symbol.iterator] === "function") {
        let index = 0;
        for (const pair of init) {
          if (pair === null || typeof pair !== "object" || typeof pair[Symbol.iterator] !== "function") {
            throw internals.wrongType("Headers", `init[${index}]`, "a [name, value] pair", pair);
          }
          const items = Array.from(pair);
          if (items.length !== 2) throw new TypeError(`Headers: init[${index}] must be a [name, value] pair, it has ${items.length} items`);
          this.append(items[0], items[1]);
          index++;
        }
        return;
      }
      for (const name of Object.keys(init)) this.append(name, init[name]);
    }

    append(name, value) {
      const key = headerName("Headers.append", name);
      const text = headerValue("Headers.append", key, value);
      const values = this.#map.get(key);
      if (values === undefined) this.#map.set(key, [text]);
      else values.push(text);
    }

    // Several values of one name are joined with ", " (Set-Cookie's: see getSetCookie).
    get(name) {
      const values = this.#map.get(headerName("Headers.get", name));
      return values === undefined ? null : values.join(", ");
    }

    getSetCookie() { return (this.#map.get("set-cookie") ?? []).slice(); }

    has(name) { return this.#map.has(headerName("Headers.has", name)); }

    set(name, value) {
      const key = headerName("Headers.set", name);
      this.#map.set(key, [headerValue("Headers.set", key, value)]);
    }

    delete(name) { this.#map.delete(headerName("Headers.delete", name)); }

    forEach(callback) {
      internals.check.function("Headers.forEach", "callback", callback);
      for (const [name, value] of this.entries()) callback(value, name, this);
    }

    keys() { return this.entries().map(([name]) => name); }

    values() { return this.entries().map(([, value]) => value); }

    // Sorted by name, each name once with its values joined, but each Set-Cookie on its own (WHATWG).
    entries() {
      const out = [];
      for (const name of [...this.#map.keys()].sort()) {
        const values = this.#map.get(name);
        if (name === "set-cookie") for (const value of values) out.push([name, value]);
        else out.push([name, values.join(", ")]);
      }
      return out;
    }

    [Symbol.iterator]() { return this.entries()[Symbol.iterator](); }

    toJson() {
      const out = {};
      for (const [name, values] of this.#map) out[name] = values.join(", ");
      return out;
    }

    get [Symbol.toStringTag]() { return "Headers"; }
  }

  // --- Blob ----------------------------------------------------------------------------

  let blobBytes;

  class Blob {
    #bytes;
    #type;

    constructor(blobParts, options) {
      const endings = options?.endings ?? "transparent";
      if (endings !== "transparent" && endings !== "native") {
        throw internals.wrongValue("Blob", "options.endings", '"transparent" or "native"', endings);
      }
      const chunks = [];
      if (blobParts !== undefined && blobParts !== null) {
        if (typeof blobParts !== "object" || typeof blobParts[Symbol.iterator] !== "function") {
          throw internals.wrongType("Blob", "blobParts", "an array", blobParts);
        }
        for (const part of blobParts) {
          if (part instanceof Blob) chunks.push(part.#bytes);
          else if (typeof part === "string") chunks.push(utf8(endings === "native" ? part.replace(/\r\n?/g, "\n") : part));
          else chunks.push(bytesOfBinary(part) ?? utf8(String(part)));
        }
      }
      this.#bytes = chunks.length === 0 ? EMPTY : concat(chunks);
      const type = options?.type === undefined ? "" : String(options.type);
      this.#type = /^[\x20-\x7e]*$/.test(type) ? type.toLowerCase() : "";
    }

    static {
      blobBytes = (blob) => blob.#bytes;
    }

    get size() { return this.#bytes.length; }

    get type() { return this.#type; }

    async arrayBuffer() { return this.#bytes.slice().buffer; }

    async bytes() { return this.#bytes.slice(); }

    async text() { return decodeText(this.#bytes); }

    stream() {
      const bytes = this.#bytes.slice();
      return new ReadableStream({
        start(controller) {
          if (bytes.length > 0) controller.enqueue(bytes);
          controller.close();
        },
      });
    }

    slice(start = 0, end = this.#bytes.length, contentType = "") {
      const size = this.#bytes.length;
      const clamp = (n) => {
        const i = Math.trunc(Number(n)) || 0;
        return i < 0 ? Math.max(size + i, 0) : Math.min(i, size);
      };
      const blob = new Blob([], { type: contentType });
      blob.#bytes = this.#bytes.slice(clamp(start), Math.max(clamp(start), clamp(end)));
      return blob;
    }

    get [Symbol.toStringTag]() { return "Blob"; }
  }

  // --- FormData ------------------------------------------------------------------------

  let formEntries;

  class FormData {
    #entries = []; // { name, value, filename } in order; value: string | FormBinaryData | Blob

    static {
      formEntries = (form) => form.#entries;
    }

    #entry(where, args) {
      const [name, value] = args;
      if (args.length < 2) throw new TypeError(`${where}: expected a name and a value`);
      const key = String(name);
      if (value instanceof Blob) {
        const filename = args[2] === undefined ? undefined : String(args[2]);
        return { name: key, value, filename };
      }
      if (value instanceof internals.Data) {
        internals.check.string(where, "mimeType", args[2]); // a Data value needs its MIME type
        const binary = { data: value, mimeType: args[2] };
        if (args[3] !== undefined) binary.filename = String(args[3]);
        return { name: key, value: binary, filename: binary.filename };
      }
      return { name: key, value: String(value), filename: undefined };
    }

    append(...args) { this.#entries.push(this.#entry("FormData.append", args)); }

    set(...args) {
      const entry = this.#entry("FormData.set", args);
      const at = this.#entries.findIndex((e) => e.name === entry.name);
      if (at < 0) {
        this.#entries.push(entry);
        return;
      }
      this.#entries[at] = entry;
      this.#entries = this.#entries.filter((e, i) => i <= at || e.name !== entry.name);
    }

    get(name) {
      const key = String(name);
      return this.#entries.find((e) => e.name === key)?.value ?? null;
    }

    getAll(name) {
      const key = String(name);
      return this.#entries.filter((e) => e.name === key).map((e) => e.value);
    }

    has(name) {
      const key = String(name);
      return this.#entries.some((e) => e.name === key);
    }

    delete(name) {
      const key = String(name);
      this.#entries = this.#entries.filter((e) => e.name !== key);
    }

    forEach(callback) {
      internals.check.function("FormData.forEach", "callback", callback);
      for (const [name, value] of this.entries()) callback(value, name, this);
    }

    entries() { return this.#entries.map((e) => [e.name, e.value]); }

    [Symbol.iterator]() { return this.entries()[Symbol.iterator](); }

    toJson() {
      const out = {};
      for (const { name, value } of this.#entries) (out[name] ??= []).push(value);
      return out;
    }

    get [Symbol.toStringTag]() { return "FormData"; }
  }

  // multipart/form-data as browsers write it (WHATWG's escaping of names and file names).
  function encodeForm(form) {
    let boundary = "----ScriptingBridgeFormBoundary";
    for (let i = 0; i < 16; i++) boundary += "0123456789abcdef"[Math.floor(Math.random() * 16)];
    const escape = (text) => text.replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/"/g, "%22");
    const chunks = [];
    for (const { name, value, filename } of formEntries(form)) {
      let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escape(name.replace(/\r\n?|\n/g, "\r\n"))}"`;
      let body;
      if (typeof value === "string") {
        body = utf8(value.replace(/\r\n?|\n/g, "\r\n"));
        head += "\r\n\r\n";
      } else {
        const isBlob = value instanceof Blob;
        const type = (isBlob ? value.type : value.mimeType) || "application/octet-stream";
        const file = filename ?? (isBlob ? "blob" : undefined);
        if (file !== undefined) head += `; filename="${escape(file)}"`;
        head += `\r\nContent-Type: ${type}\r\n\r\n`;
        body = isBlob ? blobBytes(value) : internals.bytesOfData("FormData", "data", value.data);
      }
      chunks.push(utf8(head), body, utf8("\r\n"));
    }
    chunks.push(utf8(`--${boundary}--\r\n`));
    return { bytes: concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
  }

  function parseForm(where, bytes, contentType) {
    const type = (contentType ?? "").toLowerCase();
    const form = new FormData();
    if (type.startsWith("application/x-www-form-urlencoded")) {
      for (const [name, value] of new URLSearchParams(decodeText(bytes))) form.append(name, value);
      return form;
    }
    if (type.startsWith("multipart/form-data")) {
      const parts = host.parse_multipart(bytes, contentType);
      if (parts === undefined) throw new TypeError(`${where}: the body is not a well-formed multipart/form-data body`);
      for (const part of parts) {
        const data = bytes.slice(part.start, part.end);
        if (part.filename === null) form.append(part.name ?? "", decodeText(data));
        else form.append(part.name ?? "", new Blob([data], { type: part.headers["content-type"] ?? "" }), part.filename);
      }
      return form;
    }
    throw new TypeError(`${where}: the body is not a form (Content-Type ${JSON.stringify(contentType ?? "")})`);
  }

  // A TypeError unless `value` can be a body (nothing is encoded or copied: see extract).
  function check(where, value) {
    if (value === undefined || value === null || typeof value === "string" || value instanceof URLSearchParams
      || value instanceof Blob || value instanceof FormData || internals.streams.isStream(value)
      || value instanceof ArrayBuffer || ArrayBuffer.isView(value) || value instanceof internals.Data) return;
    extract(where, value); // throws, saying what the value is
  }

  // A body as fetch sends it: { bytes, type } with the Content-Type it implies (or null), or
  // { stream } for a ReadableStream, whose chunks are read first (see internals.body.collect).
  function extract(where, value) {
    if (value === undefined || value === null) return { bytes: null, type: null };
    if (typeof value === "string") return { bytes: utf8(value), type: "text/plain;charset=UTF-8" };
    if (value instanceof URLSearchParams) {
      return { bytes: utf8(value.toString()), type: "application/x-www-form-urlencoded;charset=UTF-8" };
    }
    if (value instanceof Blob) return { bytes: blobBytes(value), type: value.type || null };
    if (value instanceof FormData) return encodeForm(value);
    if (internals.streams.isStream(value)) return { stream: value, type: null };
    const bytes = bytesOfBinary(value);
    if (bytes !== null) return { bytes, type: null };
    throw internals.wrongType(where, "body",
      "a string, Data, ArrayBuffer, typed array, Blob, FormData, URLSearchParams or ReadableStream", value);
  }

  // The bytes of one chunk of a body stream (Uint8Array, other binary, Data, or text as UTF-8).
  function bytesOfChunk(where, chunk, index) {
    if (chunk instanceof Uint8Array) return chunk;
    if (typeof chunk === "string") return utf8(chunk);
    const bytes = bytesOfBinary(chunk);
    if (bytes === null) throw new TypeError(`${where}: chunk ${index} of the body stream is a ${internals.typeName(chunk)}, not bytes`);
    return bytes;
  }

  async function collect(where, stream) {
    const chunks = await internals.streams.collect(stream);
    return concat(chunks.map((chunk, i) => bytesOfChunk(where, chunk, i)));
  }

  internals.body = { check, extract, collect, bytesOfChunk, decodeText, parseForm };

  return { Headers, Blob, FormData };
})
