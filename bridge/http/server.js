// HttpServer: the script-facing class. Its sockets and state live in Python (server.py),
// found by a numeric id; WebSocket handlers stay here in JS and are found by a route id.
(function (host, internals) {
  "use strict";
  const STATES = ["stopped", "starting", "running", "stopping"];
  const HANDLERS = ["onPong", "onConnected", "onDisconnected", "handleText", "handleBinary"];
  const MB = 1024 * 1024;

  // Read by websocket/session.js when a connection on that route opens.
  internals.websocketRoutes = new Map();

  function typeName(value) {
    return value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
  }

  function checkPath(method, path) {
    if (typeof path !== "string" || !path.startsWith("/")) {
      throw new TypeError(`HttpServer.${method}: path must be a string starting with "/", got ${
        typeof path === "string" ? JSON.stringify(path) : typeName(path)}`);
    }
  }

  // start() reports problems as a returned message, never by throwing (as in the app).
  function startOptions(options) {
    if (options === undefined || options === null) options = {};
    if (typeof options !== "object") return `options must be an object, got ${typeName(options)}`;
    const number = (name, fallback, positive) => {
      const value = options[name];
      if (value === undefined || value === null) return fallback;
      if (typeof value !== "number" || Number.isNaN(value)) {
        throw `${name} must be a number, got ${typeName(value)}`;
      }
      return positive && value <= 0 ? fallback : value;
    };
    try {
      const port = number("port", 8080, false);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        return `port must be an integer from 0 to 65535, got ${port}`;
      }
      if (options.tls !== undefined) {
        return "tls is not supported yet by scripting-bridge; start without it";
      }
      return {
        port,
        forceIPv4: Boolean(options.forceIPv4),
        maxWebSocketPayloadSize: number("maxWebSocketPayloadSize", 16 * MB, true),
        perMessageDeflate: Boolean(options.perMessageDeflate),
        pingInterval: number("pingInterval", 20, false),
        pingTimeout: number("pingTimeout", 20, true),
        writeBufferLimit: number("writeBufferLimit", 4 * MB, true),
        writeBufferHardLimit: number("writeBufferHardLimit", 64 * MB, true),
        writeStallTimeout: number("writeStallTimeout", 5, true),
      };
    } catch (message) {
      return message;
    }
  }

  class HttpServer {
    #id = host.create();
    listenAddressIPv4 = null;
    listenAddressIPv6 = null;

    get state() { return STATES[host.state(this.#id)]; }

    get port() {
      const port = host.port(this.#id);
      return port < 0 ? null : port;
    }

    get isIPv4() { return host.is_ipv4(this.#id); }

    registerWebsocket(path, handlers) {
      checkPath("registerWebsocket", path);
      if (handlers === null || typeof handlers !== "object") {
        throw new TypeError(`HttpServer.registerWebsocket: handlers must be an object, got ${typeName(handlers)}`);
      }
      for (const name of HANDLERS) {
        if (handlers[name] !== undefined && typeof handlers[name] !== "function") {
          throw new TypeError(`HttpServer.registerWebsocket: ${name} must be a function, got ${typeName(handlers[name])}`);
        }
      }
      internals.websocketRoutes.set(host.register_websocket(this.#id, path), handlers);
    }

    start(options) {
      const settings = startOptions(options);
      if (typeof settings === "string") return `HttpServer.start: ${settings}`;
      for (const [name, value] of [["listenAddressIPv4", this.listenAddressIPv4], ["listenAddressIPv6", this.listenAddressIPv6]]) {
        if (value !== null && value !== undefined && typeof value !== "string") {
          return `HttpServer.start: ${name} must be a string or null, got ${typeName(value)}`;
        }
      }
      const error = host.start(this.#id, settings.port, settings.forceIPv4,
        this.listenAddressIPv4 || "", this.listenAddressIPv6 || "",
        settings.maxWebSocketPayloadSize, settings.perMessageDeflate,
        settings.pingInterval, settings.pingTimeout,
        settings.writeBufferLimit, settings.writeBufferHardLimit, settings.writeStallTimeout);
      return error === "" ? null : error;
    }

    stop() { host.stop(this.#id); }
  }

  return { HttpServer };
})
