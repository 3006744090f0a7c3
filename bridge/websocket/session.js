// @ts-check
// WebSocketSession: one JS object per connection, made here and kept in `sessions`, so the
// same connection is the same object in every callback (scripts use indexOf(session)).
// Python calls the functions in internals.websocket with plain ints only (see docs/engine.md),
// besides the buffers it shares once.
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

  // The messages of one read (batch.py): payloads one after another, and their lengths (a
  // text's, or -1 - length for binary). Python writes them only while it reads, never during
  // a call into JS, so they are read in place.
  let batchBytes = /** @type {Uint8Array} */ (new Uint8Array(0)), batchLengths = /** @type {Int32Array} */ (new Int32Array(0));

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
      if (holding && holdText(this.#id, text)) return;
      if (text === lastText) {
        host.write_text(this.#id, null);
      } else {
        lastText = text;
        host.write_text(this.#id, text);
      }
    }

    writeData(data) {
      const bytes = internals.bytesOfData("WebSocketSession.writeData", "data", data);
      if (!sessions.get(this.#id)?.open) return;
      if (holding && holdData(this.#id, bytes)) return;
      host.write_data(this.#id, bytes);
    }

    close() {
      const entry = sessions.get(this.#id);
      if (!entry?.open) return;
      entry.open = false; // no receive callback after this, even for messages already read
      flushWrites(); // what was written before goes first
      host.close(this.#id);
    }
  }

  // Writes made while a read's messages are handled are held, and leave in one host call
  // once they are (session.py: write_batch): entries (session id, kind, length) and payloads
  // one after another, in two buffers Python shares once. A write too large for them goes at
  // once, after those held.
  const TEXT = 0, BINARY = 1, SAME_TEXT = 2; // SAME_TEXT: lastText again (a broadcast)
  let outBytes = /** @type {Uint8Array} */ (new Uint8Array(0)), outEntries = /** @type {Int32Array} */ (new Int32Array(0));
  let holding = false, held = 0, heldBytes = 0;

  function hold(id, kind, length) {
    const at = 3 * held++;
    outEntries[at] = id;
    outEntries[at + 1] = kind;
    outEntries[at + 2] = length;
    if (3 * held === outEntries.length) flushWrites();
  }

  function holdText(id, text) {
    if (text === lastText) {
      hold(id, SAME_TEXT, 0);
      return true;
    }
    if (text.length * 3 > outBytes.length - heldBytes) {
      flushWrites();
      if (text.length * 3 > outBytes.length) return false;
    }
    const start = heldBytes;
    heldBytes = internals.utf8.encodeInto(text, outBytes, start);
    lastText = text;
    hold(id, TEXT, heldBytes - start);
    return true;
  }

  function holdData(id, bytes) {
    if (bytes.length > outBytes.length - heldBytes) {
      flushWrites();
      if (bytes.length > outBytes.length) return false;
    }
    outBytes.set(bytes, heldBytes);
    heldBytes += bytes.length;
    hold(id, BINARY, bytes.length);
    return true;
  }

  function flushWrites() {
    if (held === 0) return;
    const count = held;
    held = heldBytes = 0;
    host.write_batch(count);
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
    shareBatch(bytes, lengths) {
      batchBytes = bytes;
      batchLengths = new Int32Array(lengths.buffer, lengths.byteOffset, lengths.length >> 2);
    },
    shareWrites(bytes, entries) {
      outBytes = bytes;
      outEntries = new Int32Array(entries.buffer, entries.byteOffset, entries.length >> 2);
    },
    // Texts are valid UTF-8: connection.py checks them as the frames are parsed. After a
    // handler closes the session, the rest are dropped.
    messages(id, count) {
      const entry = sessions.get(id);
      holding = true;
      try {
        for (let i = 0, offset = 0; i < count && entry?.open; i++) {
          const length = batchLengths[i];
          if (length >= 0) {
            call(entry, "handleText", [entry.session, internals.utf8.decode(batchBytes, offset, offset + length)]);
            offset += length;
          } else {
            const end = offset - 1 - length;
            call(entry, "handleBinary", [entry.session, internals.dataFromBytes(internals.copyBytes(batchBytes, offset, end))]);
            offset = end;
          }
        }
      } finally {
        holding = false;
        flushWrites();
      }
    },
    // A message too large for the batch, in the inbox.
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
