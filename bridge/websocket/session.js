// @ts-check
// WebSocketSession: one JS object per connection, made here and kept in `sessions`, so the
// same connection is the same object in every callback (scripts use indexOf(session)).
// Python calls the functions in internals.websocket with plain ints only (see docs/engine.md).
(function (/** @type {Hosts["websocket/session.js"]} */ host, /** @type {Internals} */ internals) {
  "use strict";
  const constructing = Symbol("WebSocketSession");
  const sessions = new Map(); // id -> { session, handlers, open }
  // Each WebSocket route's handlers (route id -> what registerWebsocket was given) and what
  // each is called in a slow-callback warning: http/server.js registers them.
  internals.websocketRoutes = new Map();
  internals.websocketHandlerNames = new Map();
  // The text of the last write_text call: Python keeps its frame, so writing the same text
  // again (a broadcast) neither encodes nor frames it again.
  let lastText = null;

  class WebSocketSession {
    #id;

    constructor(key, id) {
      if (key !== constructing) {
        throw new TypeError("WebSocketSession cannot be constructed by scripts: sessions are passed to the handlers given to HttpServer.registerWebsocket");
      }
      this.#id = id;
    }

    writeText(text) {
      internals.check.string("WebSocketSession.writeText", "text", text);
      if (!sessions.get(this.#id)?.open) return;
      if (text === lastText) {
        host.write_text(this.#id, null);
      } else {
        lastText = text;
        host.write_text(this.#id, text);
      }
    }

    writeData(data) {
      const bytes = internals.bytesOfData("WebSocketSession.writeData", "data", data);
      if (sessions.get(this.#id)?.open) host.write_data(this.#id, bytes);
    }

    close() {
      const entry = sessions.get(this.#id);
      if (!entry?.open) return;
      entry.open = false; // no receive callback after this, even for messages already read
      host.close(this.#id);
    }
  }

  function call(entry, name, args) {
    const handler = entry.handlers[name];
    if (handler !== undefined) internals.invoke(handler, entry.handlers, args, entry.names?.[name]);
  }

  internals.websocket = {
    connected(id, route) {
      const entry = {
        session: new WebSocketSession(constructing, id),
        handlers: internals.websocketRoutes.get(route),
        names: internals.websocketHandlerNames.get(route),
        open: true,
      };
      sessions.set(id, entry);
      call(entry, "onConnected", [entry.session]);
    },
    // The message is valid UTF-8: connection.py checks it as the frames are parsed.
    text(id, length) {
      const entry = sessions.get(id);
      if (entry?.open) call(entry, "handleText", [entry.session, internals.inbox.text(length)]);
    },
    binary(id, length) {
      const entry = sessions.get(id);
      if (entry?.open) call(entry, "handleBinary", [entry.session, internals.dataFromBytes(internals.inbox.bytes(length))]);
    },
    pong(id) {
      const entry = sessions.get(id);
      if (entry?.open) call(entry, "onPong", [entry.session]);
    },
    disconnected(id) {
      const entry = sessions.get(id);
      if (entry === undefined) return;
      sessions.delete(id);
      entry.open = false;
      call(entry, "onDisconnected", [entry.session]);
    },
  };

  return { WebSocketSession };
})
