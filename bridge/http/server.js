// @ts-check
// HttpServer: the script-facing class. Its sockets, state and routes live in Python
// (server.py), found by a numeric id; the script's handlers stay here in JS, found by a
// route id, and so do its middleware and not-found handler.
(function (/** @type {Hosts["http/server.js"]} */ host, /** @type {Internals} */ internals) {
  "use strict";
  const STATES = ["stopped", "starting", "running", "stopping"];
  const HANDLERS = ["onPong", "onConnected", "onDisconnected", "handleText", "handleBinary"];
  const MB = 1024 * 1024;

  const handlers = new Map(); // route id -> HTTP handler
  const servers = new Map(); // server id -> { middleware: [], notFound }
  internals.http ??= /** @type {Internals["http"]} */ ({});

  const START = "HttpServer.start";

  function checkPath(method, path) {
    internals.check.string(`HttpServer.${method}`, "path", path);
    if (!path.startsWith("/")) throw internals.wrongValue(`HttpServer.${method}`, "path", 'a string starting with "/"', path);
  }

  // start() reports problems as a returned message, never by throwing (as in the app).
  function startOptions(options) {
    if (options === undefined || options === null) options = {};
    const number = (name, fallback, positive) => {
      const value = options[name];
      if (value === undefined || value === null) return fallback;
      if (typeof value !== "number" || Number.isNaN(value)) throw internals.wrongType(START, name, "a number", value);
      if (!Number.isFinite(value)) throw internals.wrongValue(START, name, "a finite number", value);
      return positive && value <= 0 ? fallback : value;
    };
    try {
      internals.check.object(START, "options", options);
      const port = number("port", 8080, false);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw internals.wrongValue(START, "port", "an integer from 0 to 65535", port);
      }
      const tls = tlsOptions(options.tls);
      const maxRequestBodySize = number("maxRequestBodySize", 50 * MB, true);
      return {
        port,
        tls,
        maxRequestBodySize,
        maxTotalRequestBodySize: number("maxTotalRequestBodySize", 4 * maxRequestBodySize, true),
        requestTimeout: number("requestTimeout", 300, true),
        handlerTimeout: number("handlerTimeout", 60, true),
        responseStallTimeout: number("responseStallTimeout", 30, true),
        readAheadLimit: Math.floor(number("readAheadLimit", 64 * 1024, true)),
        maxRequestHeadSize: Math.floor(number("maxRequestHeadSize", 16 * 1024, true)),
        webSocketFramesPerTurn: Math.floor(number("webSocketFramesPerTurn", 500, true)),
        maxFormFields: Math.floor(number("maxFormFields", internals.http.DEFAULT_MAX_FORM_FIELDS, true)),
        forceIPv4: Boolean(options.forceIPv4),
        maxWebSocketPayloadSize: number("maxWebSocketPayloadSize", 16 * MB, true),
        perMessageDeflate: Boolean(options.perMessageDeflate),
        pingInterval: number("pingInterval", 20, false),
        pingTimeout: number("pingTimeout", 20, true),
        writeBufferLimit: number("writeBufferLimit", 4 * MB, true),
        writeBufferHardLimit: number("writeBufferHardLimit", 64 * MB, true),
        writeStallTimeout: number("writeStallTimeout", 5, true),
      };
    } catch (error) {
      return String(error?.message ?? error);
    }
  }

  function tlsOptions(tls) {
    if (tls === undefined || tls === null) return null;
    internals.check.object(START, "tls", tls);
    let p12 = tls.p12;
    if (typeof p12 !== "string") {
      if (!(p12 instanceof internals.Data)) throw internals.wrongType(START, "tls.p12", "a file path or a Data", p12);
      p12 = internals.bytesOfData(START, "tls.p12", p12);
    }
    internals.check.string(START, "tls.password", tls.password);
    return { p12, password: tls.password, minVersion: tls.minVersion ?? "", maxVersion: tls.maxVersion ?? "" };
  }

  function checkFileSystemPath(method, name, value) {
    internals.check.string(`HttpServer.${method}`, name, value);
    if (value === "") throw internals.wrongValue(`HttpServer.${method}`, name, "a non-empty string", value);
  }

  // A request from Python: its fields (text: instance.py, request_fields) and body (a
  // Uint8Array, or undefined for none). Answered through host.
  const SERVE_IN_PYTHON = Symbol("file route"), NOT_FOUND = Symbol("not found");
  function serve(serverId, requestId, route, fieldText, body) {
    const fields = fieldText.split("\0");
    const server = servers.get(serverId);
    const meta = {
      path: fields[0], address: fields[1] || null, params: fields[2] ? JSON.parse(fields[2]) : undefined,
      method: fields[3], target: fields[4], headers: fields.slice(5),
    };
    const request = internals.http.makeRequest(meta, body && internals.dataFromBytes(body), server.maxFormFields);
    if (server.middleware.length === 0 && route > 0) {
      // The common case, without a promise: a handler's own (sync) response is delivered at once.
      let response;
      try {
        response = callHandler(route, request);
      } catch (error) {
        return fail(requestId, error);
      }
      if (!(response instanceof Promise)) return deliver(requestId, response);
      return void response.then((r) => deliver(requestId, r), (e) => fail(requestId, e));
    }
    answer(server, route, request).then((r) => deliver(requestId, r), (e) => fail(requestId, e));
  }

  // A request alone, in the inbox.
  internals.http.dispatch = function dispatch(serverId, requestId, route, fieldsLength, bodyLength) {
    const body = bodyLength > 0 ? internals.inbox.bytes(bodyLength, fieldsLength) : undefined;
    whileHolding(() => serve(serverId, requestId, route, internals.inbox.text(fieldsLength), body));
  };

  // The requests of one turn of the loop (batch.py: RequestBatch): fields and bodies one after
  // another, and five numbers each (server id, request id, route, fields length, body length).
  // Python writes them only between batches, so they are read in place.
  let requestBytes = /** @type {Uint8Array} */ (new Uint8Array(0)), requestNumbers = /** @type {Float64Array} */ (new Float64Array(0));
  internals.http.shareRequests = (bytes, numbers) => {
    requestBytes = bytes;
    requestNumbers = new Float64Array(numbers.buffer, numbers.byteOffset, numbers.length >> 3);
  };
  internals.http.dispatchBatch = function dispatchBatch(count) {
    whileHolding(() => {
      for (let i = 0, at = 0, offset = 0; i < count; i++, at += 5) {
        const requestId = requestNumbers[at + 1];
        const fieldsEnd = offset + requestNumbers[at + 3], end = fieldsEnd + requestNumbers[at + 4];
        try {
          serve(requestNumbers[at], requestId, requestNumbers[at + 2], internals.utf8.decode(requestBytes, offset, fieldsEnd),
            end > fieldsEnd ? internals.copyBytes(requestBytes, fieldsEnd, end) : undefined);
        } catch (error) {
          fail(requestId, error); // one request's failure is its own: the others are still answered
        }
        offset = end;
      }
    });
  };

  // Runs `serveRequests` with the responses it makes held, and hands them back at its end, or
  // at the end of the call that already holds them (a request handed over while a batch is
  // answered: a pipelined one, say).
  function whileHolding(serveRequests) {
    const outer = holding;
    holding = true;
    try {
      serveRequests();
    } finally {
      holding = outer;
      if (!outer) flushResponses();
    }
  }

  // Responses are held, and leave together in one host call (server.py: respond_batch): those
  // a batch's handlers return at once when the batch is done; any other (an async handler's)
  // once the promise jobs queued before it have run, so the handlers that settle in one run of
  // the jobs answer together. Six numbers each (request id, status, close, then the byte
  // lengths of the reason, the header lines and the body) and those bytes one after another,
  // in two buffers Python shares once. A response too large for them goes alone.
  const RESPONSE_NUMBERS = 6;
  let responseBytes = /** @type {Uint8Array} */ (new Uint8Array(0)), responseNumbers = /** @type {Float64Array} */ (new Float64Array(0));
  let holding = false, flushQueued = false, held = 0, heldBytes = 0;
  internals.http.shareResponses = (bytes, numbers) => {
    responseBytes = bytes;
    responseNumbers = new Float64Array(numbers.buffer, numbers.byteOffset, numbers.length >> 3);
  };

  function holdResponse(requestId, status, reason, lines, close, body) {
    const most = 3 * (reason.length + lines.length) + body.length; // UTF-8 takes at most 3 bytes a UTF-16 unit
    if (most > responseBytes.length - heldBytes || RESPONSE_NUMBERS * held === responseNumbers.length) {
      flushResponses();
      if (most > responseBytes.length) return false;
    }
    const at = RESPONSE_NUMBERS * held++;
    const start = heldBytes;
    const reasonEnd = internals.utf8.encodeInto(reason, responseBytes, start);
    const linesEnd = internals.utf8.encodeInto(lines, responseBytes, reasonEnd);
    responseBytes.set(body, linesEnd);
    heldBytes = linesEnd + body.length;
    responseNumbers[at] = requestId;
    responseNumbers[at + 1] = status;
    responseNumbers[at + 2] = close ? 1 : 0;
    responseNumbers[at + 3] = reasonEnd - start;
    responseNumbers[at + 4] = linesEnd - reasonEnd;
    responseNumbers[at + 5] = body.length;
    if (!holding && !flushQueued) {
      flushQueued = true;
      Promise.resolve().then(flushQueuedResponses);
    }
    return true;
  }

  function flushQueuedResponses() {
    flushQueued = false;
    flushResponses();
  }

  function flushResponses() {
    if (held === 0) return;
    const count = held, used = heldBytes;
    held = heldBytes = 0;
    host.respond_batch(count, used);
  }

  async function answer(server, route, request) {
    for (const middleware of server.middleware) {
      const response = await internals.timed(middleware, undefined, [request], () => describe("middleware", middleware, request));
      if (response !== null && response !== undefined) return response;
    }
    if (route > 0) return callHandler(route, request);
    if (route < 0) return SERVE_IN_PYTHON;
    if (!server.notFound) return NOT_FOUND;
    return internals.timed(server.notFound, undefined, [request], () => describe("not-found handler", server.notFound, request));
  }

  // Handlers and middleware run through the runtime's timed call: one that holds the loop is
  // named in a warning (by its function's name, if any, and the request it was answering).
  function callHandler(route, request) {
    const handler = handlers.get(route);
    return internals.timed(handler, undefined, [request], () => describe("HTTP handler", handler, request));
  }

  function describe(kind, callback, request) {
    return `${kind}${callback.name ? ` ${callback.name}` : ""} for ${request.method} ${request.path}`;
  }

  function deliver(requestId, response) {
    if (response === SERVE_IN_PYTHON) return host.serve_route(requestId);
    if (response === NOT_FOUND) return host.not_found(requestId);
    let parts;
    try {
      parts = internals.http.responseParts(response, "HttpServer handler");
    } catch (error) {
      return fail(requestId, error);
    }
    let lines = "", close = false;
    for (const [name, value] of parts.headers) {
      const lower = name.toLowerCase();
      if (lower === "content-length" || lower === "transfer-encoding") continue; // framing is the server's
      const trimmed = trimBlanks(value);
      if (lower === "connection" && trimmed.toLowerCase().includes("close")) close = true;
      lines += `${name}: ${trimmed}\r\n`;
    }
    if (parts.file !== undefined) return host.respond_file(requestId, parts.status, parts.reason, lines, close, parts.file);
    if (holdResponse(requestId, parts.status, parts.reason, lines, close, parts.body)) return;
    host.respond(requestId, parts.status, parts.reason, lines, close, parts.body);
  }

  // Without the spaces and tabs around it, which HTTP says are not part of a header value
  // (response.js has refused the other control characters).
  function trimBlanks(value) {
    let start = 0, end = value.length;
    while (start < end && (value.charCodeAt(start) === 0x20 || value.charCodeAt(start) === 0x09)) start++;
    while (end > start && (value.charCodeAt(end - 1) === 0x20 || value.charCodeAt(end - 1) === 0x09)) end--;
    return start === 0 && end === value.length ? value : value.slice(start, end);
  }

  // A handler or middleware that throws (or rejects) is reported, and the client gets a 500
  // whose body is the error's message.
  function fail(requestId, error) {
    internals.reportError(error, "uncaught");
    host.respond_error(requestId, error instanceof Error ? error.message : String(error));
  }

  class HttpServer {
    #id = host.create();
    listenAddressIPv4 = null;

    constructor() {
      servers.set(this.#id, { middleware: [], notFound: null, maxFormFields: internals.http.DEFAULT_MAX_FORM_FIELDS });
    }

    listenAddressIPv6 = null;

    get state() { return STATES[host.state(this.#id)]; }

    get port() { return host.port(this.#id) ?? null; }

    get isIPv4() { return host.is_ipv4(this.#id); }

    registerWebsocket(path, handlers) {
      checkPath("registerWebsocket", path);
      internals.check.object("HttpServer.registerWebsocket", "handlers", handlers);
      for (const name of HANDLERS) {
        if (handlers[name] !== undefined) internals.check.function("HttpServer.registerWebsocket", name, handlers[name]);
      }
      const route = host.register_websocket(this.#id, path);
      internals.websocketRoutes.set(route, handlers);
      // What a slow handler is called in the warning: its route and where it was registered.
      const registered = new Error();
      /** @type {Record<string, () => string>} */
      const names = {};
      for (const name of HANDLERS) {
        names[name] = () => `${name} of the WebSocket route ${path} registered at ${internals.origin(registered)}`;
      }
      internals.websocketHandlerNames.set(route, names);
    }

    registerHandler(path, handler) {
      checkPath("registerHandler", path);
      internals.check.function("HttpServer.registerHandler", "handler", handler);
      handlers.set(host.register_route(this.#id, "handler", path, "", "[]"), handler);
    }

    registerAsyncHandler(path, handler) {
      checkPath("registerAsyncHandler", path);
      internals.check.function("HttpServer.registerAsyncHandler", "handler", handler);
      handlers.set(host.register_route(this.#id, "handler", path, "", "[]"), handler);
    }

    registerFile(path, filePath) {
      checkPath("registerFile", path);
      checkFileSystemPath("registerFile", "filePath", filePath);
      host.register_route(this.#id, "file", path, filePath, "[]");
    }

    registerFilesFromDirectory(path, directory, options) {
      checkPath("registerFilesFromDirectory", path);
      checkFileSystemPath("registerFilesFromDirectory", "directory", directory);
      const defaults = options?.defaults ?? ["index.html", "default.html"];
      internals.check.strings("HttpServer.registerFilesFromDirectory", "options.defaults", defaults);
      host.register_route(this.#id, "directory", path, directory, JSON.stringify(defaults));
    }

    registerDirectoryBrowser(path, directory) {
      checkPath("registerDirectoryBrowser", path);
      checkFileSystemPath("registerDirectoryBrowser", "directory", directory);
      host.register_route(this.#id, "browser", path, directory, "[]");
    }

    registerMiddleware(handler) {
      internals.check.function("HttpServer.registerMiddleware", "handler", handler);
      servers.get(this.#id).middleware.push(handler);
      host.use_middleware(this.#id);
    }

    setNotFoundHandler(handler) {
      internals.check.function("HttpServer.setNotFoundHandler", "handler", handler);
      servers.get(this.#id).notFound = handler;
    }

    // The app returns what went wrong, and scripts often ignore it: it is also reported (as an
    // error is, at the script's call), so a server that never started is not silent.
    start(options) {
      const error = this.#start(options);
      if (error !== null) internals.reportProblem(error);
      return error;
    }

    #start(options) {
      const settings = startOptions(options);
      if (typeof settings === "string") return settings;
      for (const [name, value] of [["listenAddressIPv4", this.listenAddressIPv4], ["listenAddressIPv6", this.listenAddressIPv6]]) {
        if (value !== null && value !== undefined && typeof value !== "string") {
          return internals.wrongType(START, name, "a string or null", value).message;
        }
      }
      const { tls, maxFormFields, ...listening } = settings;
      servers.get(this.#id).maxFormFields = maxFormFields;
      const request = {
        ...listening,
        listenAddressIPv4: this.listenAddressIPv4 || null,
        listenAddressIPv6: this.listenAddressIPv6 || null,
        tls: tls && {
          path: typeof tls.p12 === "string" ? tls.p12 : null,
          password: tls.password, minVersion: tls.minVersion, maxVersion: tls.maxVersion,
        },
      };
      // One JSON object (start_options.py reads it); a tls.p12 Data crosses as its bytes.
      return host.start(this.#id, JSON.stringify(request), tls?.p12 instanceof Uint8Array ? tls.p12 : null) ?? null;
    }

    stop() { host.stop(this.#id); }
  }

  return { HttpServer };
})
