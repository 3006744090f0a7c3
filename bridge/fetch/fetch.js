// @ts-check
// fetch, Request and Response as the app declares them. Each request/response exchange lives
// in Python (fetch.py, on aiohttp) under an integer id; Python answers through
// internals.fetch.settle(id, kind, length) with what it put in the inbox: the response head
// (JSON), a body chunk, the end of the body, the whole body, or a failure message.
//
// Redirects are followed here, one exchange per hop, so the script's handleRedirect /
// shouldAllowRedirect (and the WHATWG `redirect` mode, ours) decide each hop. A body stays in
// Python until it is read: text()/json()/data()/arrayBuffer() take it in one crossing;
// `body` is a ReadableStream that asks Python for one chunk at a time.
(function (/** @type {Hosts["fetch/fetch.js"]} */ host, /** @type {Internals} */ internals) {
  "use strict";
  const HEAD = 0, CHUNK = 1, END = 2, WHOLE = 3, FAILED = 4;
  const MAX_REDIRECTS = 20;
  const REDIRECTS = new Set([301, 302, 303, 307, 308]);
  const NORMALIZED_METHODS = new Set(["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"]);
  const FORBIDDEN_METHODS = new Set(["CONNECT", "TRACE", "TRACK"]);
  const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  const { check, extract, collect, bytesOfChunk, decodeText, parseForm } = internals.body;
  const { CancelToken, CancelError, AbortSignal } = internals.abort;

  // --- exchanges with Python ---------------------------------------------------------

  // One per hop: { id, waiter: {resolve, reject} | null, stopped: a reason | undefined,
  // over: bool, cleanup: () => void | null, upload: a stream body being sent | undefined }.
  // The map is for Python's answers and requests only.
  const exchanges = new Map();
  let lastId = 0;

  function newExchange() {
    const exchange = { id: ++lastId, waiter: null, stopped: undefined, over: false, cleanup: null, upload: undefined };
    exchanges.set(exchange.id, exchange);
    return exchange;
  }

  function finish(exchange) {
    exchange.over = true;
    exchanges.delete(exchange.id);
    const cleanup = exchange.cleanup;
    exchange.cleanup = null;
    cleanup?.();
  }

  // Ask Python for something (`ask` calls the host) and wait for its answer.
  function ask(exchange, call) {
    if (exchange.stopped !== undefined) return Promise.reject(exchange.stopped);
    if (exchange.over) return Promise.reject(new TypeError("fetch: the body has already been read"));
    const pending = new Promise((resolve, reject) => { exchange.waiter = { resolve, reject }; });
    call(exchange.id);
    return pending;
  }

  // Stop an exchange from JS (abort, cancel, a redirect followed, a body nobody will read):
  // Python drops it; a read waiting for it rejects with `reason`, as do later ones.
  function stop(exchange, reason) {
    if (exchange.over) return;
    exchange.stopped = reason ?? new TypeError("fetch: the body was cancelled");
    const waiter = exchange.waiter;
    exchange.waiter = null;
    finish(exchange);
    host.discard(exchange.id);
    waiter?.reject(exchange.stopped);
    if (reason !== undefined) exchange.upload?.reader.cancel(reason).catch(() => {});
  }

  internals.fetch = {
    // bodyLength >= 0 (HEAD only): the last bodyLength bytes are the whole body, which Python
    // no longer holds.
    settle(id, kind, length, bodyLength) {
      const exchange = exchanges.get(id);
      if (exchange === undefined || exchange.waiter === null) return;
      const { resolve, reject } = exchange.waiter;
      exchange.waiter = null;
      if (kind === CHUNK) return resolve(internals.inbox.bytes(length));
      if (kind === HEAD) {
        const head = JSON.parse(internals.inbox.text(length - Math.max(bodyLength, 0)));
        if (bodyLength >= 0) {
          head.body = internals.inbox.bytes(bodyLength, length - bodyLength);
          finish(exchange);
        }
        return resolve(head);
      }
      finish(exchange);
      if (kind === WHOLE) resolve(internals.inbox.bytes(length));
      else if (kind === END) resolve(null);
      else reject(new TypeError(internals.inbox.text(length) ?? "fetch failed"));
    },
    // fetch.py wants the next chunk of a request body that is a stream: upload_chunk answers
    // (null at its end), or upload_failed when the stream fails.
    pullBody(id) {
      const exchange = exchanges.get(id);
      if (exchange?.upload === undefined) return;
      const upload = exchange.upload;
      upload.reader.read().then(({ value, done }) => {
        if (!exchange.over) host.upload_chunk(id, done ? null : bytesOfChunk("fetch", value, upload.chunks++));
      }).catch((error) => {
        if (!exchange.over) host.upload_failed(id, String(error?.message ?? error));
      });
    },
  };

  // A body still in Python that nobody will read any more is dropped when its Response (or the
  // stream `body` gave for it) goes; stop() does nothing to an exchange that is over.
  const unread = new FinalizationRegistry((exchange) => stop(exchange, undefined));

  // --- Request -------------------------------------------------------------------------

  function methodOf(value) {
    const method = String(value);
    if (!TOKEN.test(method)) throw new TypeError(`Request: ${JSON.stringify(method)} is not a valid HTTP method`);
    const upper = method.toUpperCase();
    if (FORBIDDEN_METHODS.has(upper)) throw new TypeError(`Request: the method ${upper} is not allowed`);
    return NORMALIZED_METHODS.has(upper) ? upper : method;
  }

  // An absolute http(s) URL, normalised (fetch.py: resolve_url); a TypeError naming `where`.
  function urlOf(where, value, base = null) {
    try {
      return host.resolve_url(String(value), base);
    } catch (error) {
      throw new TypeError(`${where}: ${error.message}`);
    }
  }

  const originOf = (href) => /^[^:]+:\/\/[^/?#]*/.exec(href)[0].toLowerCase();

  // Seconds, as the app's URLSession takes them; undefined for the default (fetch.py).
  function timeoutOf(where, value) {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "number" || !(value > 0) || !Number.isFinite(value)) {
      throw internals.wrongValue(where, "timeout", "a positive number of seconds", value);
    }
    return value;
  }

  const OPTIONS = ["allowInsecureRequest", "handleRedirect", "shouldAllowRedirect", "timeout", "signal",
    "cancelToken", "debugLabel", "redirect"];

  let markRequestUsed;

  class Request {
    #bodyUsed = false;

    constructor(input, init) {
      if (init !== undefined && init !== null) internals.check.object("Request", "init", init);
      init ??= {};
      const base = input instanceof Request ? input : null;
      if (base === null && typeof input !== "string" && !(input instanceof URL)) {
        throw internals.wrongType("Request", "input", "a URL string or a Request", input);
      }
      if (base?.bodyUsed) throw new TypeError("Request: the body of the Request given has already been read");
      this.url = base === null ? urlOf("Request", input) : base.url;
      this.method = init.method !== undefined ? methodOf(init.method) : base?.method ?? "GET";
      this.headers = new Headers(init.headers !== undefined ? init.headers : base?.headers);
      this.body = init.body !== undefined ? init.body : base?.body ?? null;
      if (this.body !== null && (this.method === "GET" || this.method === "HEAD")) {
        throw new TypeError(`Request: a ${this.method} request cannot have a body`);
      }
      check("Request", this.body); // refuses what cannot be a body now, not when it is sent
      for (const name of OPTIONS) {
        const value = init[name] !== undefined ? init[name] : base?.[name];
        if (value !== undefined) this[name] = value;
      }
      // The options are set above only when given: declared here for the type checker.
      /** @type {Function | undefined} */ this.handleRedirect;
      /** @type {Function | undefined} */ this.shouldAllowRedirect;
      /** @type {any} */ this.signal;
      /** @type {any} */ this.cancelToken;
      /** @type {string | undefined} */ this.redirect;
      for (const name of ["handleRedirect", "shouldAllowRedirect"]) {
        if (this[name] !== undefined && this[name] !== null) internals.check.function("Request", name, this[name]);
      }
      this.timeout = timeoutOf("Request", this.timeout);
      if (this.timeout === undefined) delete this.timeout;
      if (this.signal !== undefined && this.signal !== null && !(this.signal instanceof AbortSignal)) {
        throw internals.wrongType("Request", "signal", "an AbortSignal", this.signal);
      }
      if (this.cancelToken !== undefined && this.cancelToken !== null && !(this.cancelToken instanceof CancelToken)) {
        throw internals.wrongType("Request", "cancelToken", "a CancelToken", this.cancelToken);
      }
      if (this.redirect !== undefined && !["follow", "manual", "error"].includes(this.redirect)) {
        throw internals.wrongValue("Request", "redirect", '"follow", "manual" or "error"', this.redirect);
      }
    }

    static {
      markRequestUsed = (request) => {
        if (request.#bodyUsed) throw new TypeError("Request: the body has already been read");
        request.#bodyUsed = true;
      };
    }

    get bodyUsed() { return this.#bodyUsed; }

    async #consume(where) {
      markRequestUsed(this);
      const { bytes, stream } = extract(where, this.body);
      if (stream !== undefined) return collect(where, stream);
      return bytes ?? new Uint8Array(0);
    }

    async text() { return decodeText(await this.#consume("Request.text")); }

    async json() { return JSON.parse(decodeText(await this.#consume("Request.json"))); }

    async bytes() { return this.#consume("Request.bytes"); }

    async arrayBuffer() {
      const bytes = await this.#consume("Request.arrayBuffer");
      return bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer;
    }

    async blob() {
      const { type } = extract("Request.blob", this.body);
      return new Blob([await this.#consume("Request.blob")], { type: this.headers.get("content-type") ?? type ?? "" });
    }

    async formData() {
      if (this.body instanceof FormData) {
        markRequestUsed(this);
        return this.body;
      }
      const { type } = extract("Request.formData", this.body);
      const bytes = await this.#consume("Request.formData");
      return parseForm("Request.formData", bytes, this.headers.get("content-type") ?? type);
    }

    clone() {
      if (this.#bodyUsed) throw new TypeError("Request.clone: the body has already been read");
      if (internals.streams.isStream(this.body)) {
        const [mine, theirs] = this.body.tee();
        this.body = mine;
        return new Request(this, { body: theirs });
      }
      return new Request(this);
    }
  }

  // --- Response ------------------------------------------------------------------------

  // Where a Response's body is: { kind: "none" } | { kind: "bytes", bytes } | { kind: "remote",
  // exchange } (still in Python) | { kind: "stream", stream }.
  function remoteStream(exchange) {
    return internals.streams.from(async (controller) => {
      const chunk = await ask(exchange, host.read);
      if (chunk === null) controller.close();
      else controller.enqueue(chunk);
    }, () => stop(exchange, undefined));
  }

  function bytesStream(bytes) {
    return new ReadableStream({
      start(controller) {
        if (bytes.length > 0) controller.enqueue(bytes);
        controller.close();
      },
    });
  }

  function statusOf(value) {
    const status = value === undefined ? 200 : value;
    if (typeof status !== "number" || !Number.isInteger(status) || status < 200 || status > 599) {
      throw new RangeError(`Response: status must be an integer from 200 to 599, got ${internals.show(status)}`);
    }
    return status;
  }

  function cookiesOf(list) {
    return (list ?? []).map((cookie) => ({
      ...cookie,
      expiresDate: cookie.expiresDate === null || cookie.expiresDate === undefined ? null : new Date(cookie.expiresDate),
    }));
  }

  function contentTypeParts(value) {
    if (value === null) return [undefined, undefined];
    const [essence, ...parameters] = value.split(";");
    let charset;
    for (const parameter of parameters) {
      const [key, ...rest] = parameter.split("=");
      if (key.trim().toLowerCase() === "charset") charset = rest.join("=").trim().replace(/^"|"$/g, "").toLowerCase();
    }
    return [essence.trim().toLowerCase() || undefined, charset];
  }

  let fromFetch;

  class Response {
    #status;
    #statusText;
    #headers;
    #cookies;
    #url;
    #redirected = false;
    #mimeType;
    #expectedContentLength;
    #textEncodingName;
    /** Where the body comes from: none, bytes held here, a stream, or the exchange still
     * reading it in Python. @type {{ kind: string, bytes?: any, stream?: any, exchange?: any }} */
    #source;
    #stream = null; // the stream `body` gave out, once asked for
    #bodyUsed = false;
    #holder = null; // what the FinalizationRegistry watches for a remote body
    #signal = null; // the request's signal, for a body that came whole with the head

    constructor(body, init) {
      if (init !== undefined && init !== null) internals.check.object("Response", "init", init);
      init ??= {};
      this.#status = statusOf(init.status);
      this.#statusText = init.statusText === undefined ? "" : String(init.statusText);
      this.#headers = new Headers(init.headers);
      for (const cookie of init.setCookies ?? []) this.#headers.append("set-cookie", cookie);
      this.#cookies = cookiesOf(init.cookies);
      this.#url = init.url === undefined ? "" : String(init.url);
      const extracted = extract("Response", body);
      if (extracted.stream !== undefined) this.#source = { kind: "stream", stream: extracted.stream };
      else if (extracted.bytes !== null) this.#source = { kind: "bytes", bytes: extracted.bytes };
      else this.#source = { kind: "none" };
      if (extracted.type !== null && !this.#headers.has("content-type")) this.#headers.set("content-type", extracted.type);
      const [mimeType, charset] = contentTypeParts(this.#headers.get("content-type"));
      this.#mimeType = init.mimeType ?? mimeType;
      this.#textEncodingName = init.textEncodingName ?? charset;
      const length = this.#headers.get("content-length");
      this.#expectedContentLength = init.expectedContentLength
        ?? (length !== null && /^\d+$/.test(length) ? Number(length) : extracted.bytes?.length);
    }

    static {
      // A Response for a fetched head (fetch.py's JSON): its body is still in Python, or is
      // meta.body when it came whole with the head.
      fromFetch = (exchange, meta, redirected, signal) => {
        const response = new Response(null, {
          status: 200, headers: meta.headers, cookies: meta.cookies, url: meta.url,
        });
        response.#status = meta.status;
        response.#statusText = meta.statusText;
        response.#redirected = redirected;
        const length = response.#headers.get("content-length");
        response.#expectedContentLength = length !== null && /^\d+$/.test(length) ? Number(length) : undefined;
        if (meta.body !== undefined) {
          // An abort before the script reads it still fails the read, as if it were streaming.
          response.#source = { kind: "bytes", bytes: meta.body };
          response.#signal = signal ?? null;
          return response;
        }
        response.#source = { kind: "remote", exchange };
        response.#holder = {};
        unread.register(response.#holder, exchange, response.#holder);
        return response;
      };
    }

    static json(data, init) {
      const text = JSON.stringify(data);
      if (text === undefined) throw new TypeError(`Response.json: ${internals.typeName(data)} cannot be written as JSON`);
      const headers = new Headers(init?.headers);
      if (!headers.has("content-type")) headers.set("content-type", "application/json");
      return new Response(text, { ...init, headers });
    }

    // A network error: status 0, as WHATWG's Response.error().
    static error() {
      const response = new Response(null);
      response.#status = 0;
      return response;
    }

    static redirect(url, status = 302) {
      if (![301, 302, 303, 307, 308].includes(status)) {
        throw new RangeError(`Response.redirect: status must be 301, 302, 303, 307 or 308, got ${status}`);
      }
      const response = new Response(null, { status, headers: { location: urlOf("Response.redirect", url) } });
      return response;
    }

    get body() {
      if (this.#stream === null) {
        this.#stream = this.#takeStream();
      }
      return this.#stream;
    }

    set body(stream) {
      if (!internals.streams.isStream(stream)) throw internals.wrongType("Response", "body", "a ReadableStream", stream);
      this.#release();
      this.#source = { kind: "stream", stream };
      this.#stream = stream;
    }

    // The body as a stream of Data chunks, for scripts that want Data rather than Uint8Array.
    get dataStream() {
      const reader = this.body.getReader();
      this.#bodyUsed = true;
      return new ReadableStream({
        async pull(controller) {
          const { value, done } = await reader.read();
          if (done) controller.close();
          else controller.enqueue(internals.dataFromBytes(value));
        },
        cancel: (reason) => reader.cancel(reason),
      });
    }

    get bodyUsed() { return this.#bodyUsed || (this.#stream !== null && this.#stream.locked); }

    get cookies() { return this.#cookies.slice(); }

    // Each returns #consume's promise with at most one step after it: every promise step is
    // a trip through the event loop here (pythonmonkey), so the chain is kept short.
    json() { return this.#consume("Response.json").then((bytes) => JSON.parse(decodeText(bytes))); }

    text() { return this.#consume("Response.text").then(decodeText); }

    data() { return this.#consume("Response.data").then(internals.dataFromBytes); }

    bytes() { return this.#consume("Response.bytes"); }

    arrayBuffer() {
      return this.#consume("Response.arrayBuffer").then((bytes) =>
        (bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer));
    }

    blob() {
      return this.#consume("Response.blob").then((bytes) => new Blob([bytes], { type: this.#headers.get("content-type") ?? "" }));
    }

    formData() {
      return this.#consume("Response.formData").then((bytes) =>
        parseForm("Response.formData", bytes, this.#headers.get("content-type")));
    }

    clone() {
      if (this.bodyUsed) throw new TypeError("Response.clone: the body has already been read");
      const copy = new Response(null, { status: 200, headers: this.#headers, cookies: this.#cookies, url: this.#url });
      copy.#status = this.#status;
      copy.#statusText = this.#statusText;
      copy.#redirected = this.#redirected;
      copy.#mimeType = this.#mimeType;
      copy.#expectedContentLength = this.#expectedContentLength;
      copy.#textEncodingName = this.#textEncodingName;
      if (this.#source.kind === "bytes" || this.#source.kind === "none") {
        copy.#source = this.#source;
      } else {
        const [mine, theirs] = this.body.tee();
        this.#stream = mine;
        this.#source = { kind: "stream", stream: mine };
        copy.#source = { kind: "stream", stream: theirs };
      }
      return copy;
    }

    get status() { return this.#status; }

    get statusText() { return this.#statusText; }

    get headers() { return this.#headers; }

    get ok() { return this.#status >= 200 && this.#status <= 299; }

    get url() { return this.#url; }

    // Ours (WHATWG's): whether a redirect was followed to get this response.
    get redirected() { return this.#redirected; }

    get mimeType() { return this.#mimeType; }

    get expectedContentLength() { return this.#expectedContentLength; }

    get textEncodingName() { return this.#textEncodingName; }

    get [Symbol.toStringTag]() { return "Response"; }

    #takeStream() {
      const source = this.#source;
      if (source.kind === "stream") return source.stream;
      if (source.kind === "remote") {
        const stream = remoteStream(source.exchange);
        this.#source = { kind: "stream", stream };
        this.#forget();
        unread.register(stream, source.exchange); // a stream dropped unfinished drops the body
        return stream;
      }
      if (this.#signal?.aborted) {
        const reason = this.#signal.reason;
        return new ReadableStream({ start: (controller) => controller.error(reason) });
      }
      return bytesStream(source.kind === "bytes" ? source.bytes.slice() : new Uint8Array(0));
    }

    #consume(where) {
      if (this.bodyUsed) return Promise.reject(new TypeError(`${where}: the body has already been read`));
      this.#bodyUsed = true;
      if (this.#signal?.aborted && this.#stream === null) return Promise.reject(this.#signal.reason);
      const source = this.#source;
      if (source.kind === "none") return Promise.resolve(new Uint8Array(0));
      if (source.kind === "bytes") return Promise.resolve(source.bytes.slice());
      if (source.kind === "remote") {
        this.#forget();
        return ask(source.exchange, host.read_all);
      }
      return collect(where, source.stream);
    }

    // The body is being read: the FinalizationRegistry no longer needs to drop it.
    #forget() {
      if (this.#holder !== null) unread.unregister(this.#holder);
      this.#holder = null;
    }

    #release() {
      if (this.#source.kind === "remote") {
        this.#forget();
        stop(this.#source.exchange, undefined);
      }
    }
  }

  // --- fetch ---------------------------------------------------------------------------

  function cancelled(token) {
    const reason = token.cancelReason;
    return new CancelError(reason === undefined ? undefined : typeof reason === "string" ? reason : String(reason?.message ?? reason));
  }

  async function redirectTarget(request, state, status, location) {
    let next;
    try {
      next = host.resolve_url(location, state.url);
    } catch (error) {
      throw new TypeError(`fetch failed: the server redirected to ${JSON.stringify(location)}: ${error.message}: ${state.url}`);
    }
    let { method, body, headers, upload } = state;
    if ((status === 303 && method !== "HEAD") || ((status === 301 || status === 302) && method === "POST")) {
      method = "GET";
      body = null;
      upload?.reader.cancel().catch(() => {});
      upload = undefined;
      headers = new Headers(headers);
      for (const name of ["content-type", "content-length", "content-encoding", "content-language", "content-location"]) {
        headers.delete(name);
      }
    }
    if (originOf(next) !== originOf(state.url) && headers.has("authorization")) {
      headers = new Headers(headers);
      headers.delete("authorization");
    }
    if (upload !== undefined) {
      throw new TypeError(`fetch failed: the server redirected (HTTP ${status}) a request whose body is a stream, `
        + `which cannot be sent twice: ${state.url}`);
    }
    const timeout = state.timeout;
    if (typeof request.handleRedirect === "function") {
      const cookies = cookiesOf(host.cookies_for(next));
      const proposal = { method, url: next, headers: headers.toJson(), cookies };
      if (body !== null) proposal.body = internals.dataFromBytes(body.slice());
      if (timeout !== undefined) proposal.timeout = timeout;
      const decided = await request.handleRedirect(proposal);
      if (decided === null || decided === undefined) return null;
      const extracted = extract("fetch: handleRedirect's body", decided.body ?? null);
      return {
        url: urlOf("fetch: handleRedirect's url", decided.url ?? next),
        method: methodOf(decided.method ?? method),
        headers: new Headers(decided.headers ?? {}),
        body: extracted.stream !== undefined ? await collect("fetch", extracted.stream) : extracted.bytes,
        timeout: timeoutOf("fetch: handleRedirect's timeout", decided.timeout) ?? timeout,
      };
    }
    if (typeof request.shouldAllowRedirect === "function") {
      const proposal = new Request(next, { method, headers, body: body === null ? null : body.slice() });
      if (!(await request.shouldAllowRedirect(proposal))) return null;
    }
    return { url: next, method, headers, body, timeout };
  }

  async function fetch(input, init) {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const { signal, cancelToken } = request;
    signal?.throwIfAborted();
    if (cancelToken?.isCancelled) throw cancelled(cancelToken);
    if (request.bodyUsed) throw new TypeError("fetch: the body of the Request has already been read");
    const { bytes: body, stream, type } = extract("fetch", request.body);
    const headers = new Headers(request.headers);
    if (type !== null && !headers.has("content-type")) headers.set("content-type", type);
    // A stream body is sent as it is read (chunked), once: { reader, chunks read so far }.
    const upload = stream === undefined ? undefined : { reader: stream.getReader(), chunks: 0 };
    /** @type {{ url: string, method: string, headers: any, body: any, timeout: any, upload?: { reader: any, chunks: number } }} */
    let state = { url: request.url, method: request.method, headers, body, upload, timeout: request.timeout };

    const control = listen(signal, cancelToken);
    let redirected = false;
    try {
      for (let hops = 0; ; hops++) {
        if (control.stoppedBy !== undefined) throw control.stoppedBy;
        const current = control.current = newExchange();
        const { method, url, body: payload, timeout } = state;
        current.upload = state.upload;
        const meta = await ask(current, (id) => host.send(id, method, url, JSON.stringify(state.headers.entries()),
          payload, timeout, state.upload !== undefined));
        const location = meta.headers.find(([name]) => name.toLowerCase() === "location")?.[1];
        const mode = request.redirect ?? "follow";
        if (REDIRECTS.has(meta.status) && location !== undefined && mode !== "manual") {
          if (mode === "error") {
            throw new TypeError(`fetch failed: the server redirected (HTTP ${meta.status}) and redirect is "error": ${url}`);
          }
          if (hops >= MAX_REDIRECTS) throw new TypeError(`fetch failed: more than ${MAX_REDIRECTS} redirects: ${request.url}`);
          const next = await redirectTarget(request, state, meta.status, location);
          if (control.stoppedBy !== undefined) throw control.stoppedBy;
          if (next !== null) {
            stop(current, undefined);
            state = next;
            redirected = true;
            continue;
          }
        }
        // The listeners stay until the body is read or dropped.
        if (current.over) control.detach();
        else current.cleanup = control.detach;
        return fromFetch(current, meta, redirected, signal);
      }
    } catch (error) {
      control.detach();
      if (control.current !== null) stop(control.current, undefined);
      throw error;
    }
  }

  // The abort and cancel listeners of one fetch: they stop the exchange under way (the head
  // or, later, the body). Made outside fetch() on purpose: an exchange keeps `detach` until
  // its body is read, and a closure made inside the async function would keep its finished
  // state alive, the resolved Response with it, which could then never be collected.
  function listen(signal, cancelToken) {
    const control = { current: null, stoppedBy: undefined, detach: null };
    const stopWith = (reason) => {
      control.stoppedBy ??= reason;
      if (control.current !== null) stop(control.current, reason);
    };
    const onAbort = () => stopWith(signal.reason);
    const onCancel = () => stopWith(cancelled(cancelToken));
    signal?.addEventListener("abort", onAbort);
    cancelToken?.addEventListener("cancel", onCancel);
    control.detach = () => {
      signal?.removeEventListener("abort", onAbort);
      cancelToken?.removeEventListener("cancel", onCancel);
    };
    return control;
  }

  return { fetch, Request, Response };
})
