// @ts-check
// WebSocket: the app's client class. Its socket lives in Python (client.py), found by an
// integer id; the objects a script keeps are made here. Python calls the functions in
// internals.websocketClient with plain ints only; text comes through the inbox (docs/engine.md).
//
// Rules where the app's documents are silent (README.md, "WebSocket (client)"):
// - send() before the connection is open queues the message; the queue leaves, in order,
//   just before onopen runs. send() once close() was called or the socket has closed does
//   nothing (as writeText on a closed session).
// - onerror(error) gets an Error saying what went wrong, when the connection fails or breaks;
//   onclose(reason, code) follows it and fires exactly once per socket: `reason` is the close
//   frame's reason ("" if it had none), undefined when no close frame arrived (code 1006).
// - No onmessage after close() (as no receive callback after session.close()).
// - addEventListener(event, listener) for the same four events: each listener gets what the
//   on* property gets, after it, in the order added. Adding a function twice for one event
//   keeps one (as the DOM does); one removed during a dispatch does not run in it.
(function (/** @type {Hosts["websocket/client.js"]} */ host, /** @type {Internals} */ internals) {
  "use strict";
  const CONNECTING = 0;
  const OPEN = 1;
  const MAX_REASON_BYTES = 123;
  const EVENTS = ["open", "error", "message", "close"];
  const sockets = new Map(); // id -> { socket, state, closing, queue }
  let lastId = 0;

  // Bytes of the text as UTF-8, a lone surrogate counted as U+FFFD (3 bytes), as it is sent.
  function utf8Length(text) {
    let bytes = 0;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      if (unit < 0x80) bytes += 1;
      else if (unit < 0x800) bytes += 2;
      else if (unit >= 0xd800 && unit <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        bytes += 4;
        i++;
      } else bytes += 3;
    }
    return bytes;
  }

  function checkClose(code, reason) {
    if (code !== undefined) {
      if (typeof code !== "number") throw internals.wrongType("WebSocket.close", "code", "a number", code);
      if (!Number.isInteger(code) || !((code >= 1000 && code <= 1003) || (code >= 3000 && code <= 4999))) {
        throw new RangeError(`WebSocket.close: code must be 1000, 1001, 1002, 1003 or from 3000 to 4999, got ${code}`);
      }
    }
    if (reason !== undefined) {
      internals.check.string("WebSocket.close", "reason", reason);
      const size = utf8Length(reason);
      if (size > MAX_REASON_BYTES) {
        throw new RangeError(`WebSocket.close: reason must be at most ${MAX_REASON_BYTES} bytes of UTF-8, got ${size}`);
      }
    }
  }

  function payloadOf(message) {
    if (typeof message === "string") return message;
    if (message instanceof internals.Data) return internals.bytesOfData("WebSocket.send", "message", message);
    throw internals.wrongType("WebSocket.send", "message", "a string or a Data", message);
  }

  function checkListener(method, event, listener) {
    if (!EVENTS.includes(event)) {
      throw internals.wrongValue(`WebSocket.${method}`, "event", '"open", "error", "message" or "close"', event);
    }
    internals.check.function(`WebSocket.${method}`, "listener", listener);
  }

  function transmit(id, payload) {
    if (typeof payload === "string") host.send_text(id, payload);
    else host.send_binary(id, payload);
  }

  let dispatch; // (socket, event, args): set in the class, which alone sees its listeners

  class WebSocket {
    #id;
    #url;
    // event -> [{ listener, removed }], in the order added
    #listeners = { open: [], error: [], message: [], close: [] };

    constructor(url) {
      internals.check.string("WebSocket", "url", url);
      const id = ++lastId;
      try {
        host.connect(id, url);
      } catch (error) {
        throw new SyntaxError(error.message); // what the web's WebSocket throws for a bad URL
      }
      this.#id = id;
      this.#url = url;
      sockets.set(id, { socket: this, state: CONNECTING, closing: false, queue: [] });
    }

    get url() { return this.#url; }

    send(message) {
      const payload = payloadOf(message);
      const entry = sockets.get(this.#id);
      if (entry === undefined || entry.closing) return;
      if (entry.state === CONNECTING) {
        // A copy: a Data appended to before the socket opens is sent as it was at send().
        entry.queue.push(typeof payload === "string" ? payload : payload.slice());
        return;
      }
      transmit(this.#id, payload);
    }

    close(code, reason) {
      checkClose(code, reason);
      const entry = sockets.get(this.#id);
      if (entry === undefined || entry.closing) return;
      entry.closing = true; // no onmessage after this; messages still queued are dropped
      entry.queue = [];
      host.close(this.#id, code === undefined ? 1000 : code, reason === undefined ? "" : reason);
    }

    addEventListener(event, listener) {
      checkListener("addEventListener", event, listener);
      const list = this.#listeners[event];
      if (!list.some((item) => item.listener === listener)) list.push({ listener, removed: false });
    }

    removeEventListener(event, listener) {
      checkListener("removeEventListener", event, listener);
      const list = this.#listeners[event];
      const index = list.findIndex((item) => item.listener === listener);
      if (index < 0) return;
      list[index].removed = true;
      list.splice(index, 1);
    }

    // The on* property, then each listener; what one throws is reported and the rest still run.
    static {
      dispatch = (socket, event, args) => {
        const handler = socket["on" + event];
        if (typeof handler === "function") internals.invoke(handler, socket, args);
        const list = socket.#listeners[event];
        if (list.length === 0) return;
        for (const item of list.slice()) {
          if (!item.removed) internals.invoke(item.listener, socket, args);
        }
      };
    }
  }

  internals.websocketClient = {
    opened(id) {
      const entry = sockets.get(id);
      if (entry === undefined || entry.closing) return;
      entry.state = OPEN;
      const queued = entry.queue;
      entry.queue = [];
      for (const payload of queued) transmit(id, payload);
      dispatch(entry.socket, "open", []);
    },
    text(id, length) { // valid UTF-8: client.py's protocol checked it
      const entry = sockets.get(id);
      if (entry !== undefined && !entry.closing) dispatch(entry.socket, "message", [internals.inbox.text(length)]);
    },
    binary(id, length) {
      const entry = sockets.get(id);
      if (entry !== undefined && !entry.closing) {
        dispatch(entry.socket, "message", [internals.dataFromBytes(internals.inbox.bytes(length))]);
      }
    },
    failed(id, length) {
      const entry = sockets.get(id);
      if (entry === undefined) return;
      entry.closing = true;
      dispatch(entry.socket, "error", [new Error(internals.inbox.text(length) ?? "WebSocket error")]);
    },
    // length < 0: no close frame arrived, and onclose gets no reason.
    closed(id, code, length) {
      const entry = sockets.get(id);
      if (entry === undefined) return;
      sockets.delete(id);
      entry.closing = true;
      const reason = length < 0 ? undefined : (internals.inbox.text(length) ?? "");
      dispatch(entry.socket, "close", [reason, code]);
    },
  };

  return { WebSocket };
})
