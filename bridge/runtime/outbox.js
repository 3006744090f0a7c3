// @ts-check
// The JS end of the outbox (outbox.py): stubs that call Python with their arguments written
// into memory Python shares, so no JS number or string crosses (each one would leak in
// pythonmonkey). Uint8Arrays do not leak: a large one crosses as it is, a small one is copied.
(function (/** @type {Hosts["runtime/outbox.js"]} */ host, /** @type {Internals} */ internals) {
  "use strict";
  const SLOTS = 64, MAX_ARGUMENTS = (SLOTS - 4) >> 1;
  const RESULT_KIND_SLOT = SLOTS - 3, RESULT_LENGTH_SLOT = SLOTS - 2, GROWTH_SLOT = SLOTS - 1;
  const UNDEFINED = -1, NUMBER = -2, BUFFER = -3, BOOLEAN = -4, NULL = -5;
  // A Uint8Array of at most COPY_LIMIT bytes is copied into the payload (its kind: COPIED minus
  // its length) rather than crossing: for a small array the crossing (the engine makes it an
  // ArrayBuffer, pythonmonkey a buffer object) costs several times the copy.
  const COPIED = -16, COPY_LIMIT = 4096;
  const PLAIN = 0, TEXT = 1, BYTES = 2, JSON_VALUE = 3, TYPE_ERROR = 5, RANGE_ERROR = 6, PROMISE = 7; // 4: Error
  const promises = new Map(); // promise id -> { resolve, reject } of an async host method's call
  const CANNOT = Symbol("cannot cross");
  let numbers = null, payload = /** @type {Uint8Array} */ (new Uint8Array(0)), growOnHost = null;
  let used = 0; // payload bytes written by the call being made
  let refused = 0; // the index of the argument put() could not carry

  // Large arrays are made on an ArrayBuffer of their own up front. One made by slice() or
  // new Uint8Array(n) gets its buffer only once asked, and crossing to Python asks, which copies
  // the bytes again: a 1 MiB copy passed to Python took ~830 us made by slice(), ~250 us made
  // this way; at 16 KiB both ways cost the same (`python -m bench.engine_facts large_arrays`).
  const OWN_BUFFER_FROM = 16 * 1024;
  internals.newBytes = (length) =>
    length > OWN_BUFFER_FROM ? new Uint8Array(new ArrayBuffer(length)) : new Uint8Array(length);
  internals.copyBytes = (source, start = 0, end = source.length) => {
    if (end - start <= OWN_BUFFER_FROM) return source.slice(start, end);
    const out = new Uint8Array(new ArrayBuffer(end - start));
    out.set(source.subarray(start, end));
    return out;
  };

  internals.shareOutbox = (numberBytes, grow) => {
    numbers = new Float64Array(numberBytes.buffer, numberBytes.byteOffset, SLOTS);
    growOnHost = grow;
  };
  internals.shareOutboxPayload = (bytes) => {
    if (used > 0) bytes.set(payload.subarray(0, used)); // what this call already wrote
    payload = bytes;
  };

  function reserve(n) {
    if (used + n > payload.length) {
      numbers[GROWTH_SLOT] = used + n;
      growOnHost(); // Python shares a bigger payload buffer through shareOutboxPayload
    }
  }

  // Writes the call's arguments. Returns the Uint8Arrays among them (which cross as the
  // call's arguments), null if there are none, or CANNOT for a value the outbox cannot carry.
  // With `copySmall`, small Uint8Arrays are copied instead (stubs; not functions a host program
  // exposes, whose callers get a memoryview of the array itself).
  function put(args, copySmall) {
    refused = MAX_ARGUMENTS;
    if (args.length > MAX_ARGUMENTS) return CANNOT;
    used = 0;
    let buffers = null;
    numbers[0] = args.length;
    for (let i = 0, slot = 1; i < args.length; i++, slot += 2) {
      const value = args[i];
      if (typeof value === "number") {
        numbers[slot] = value;
        numbers[slot + 1] = NUMBER;
      } else if (typeof value === "string") {
        reserve(value.length * 3);
        const start = used;
        used = internals.utf8.encodeInto(value, payload, start);
        numbers[slot] = start;
        numbers[slot + 1] = used - start;
      } else if (typeof value === "boolean") {
        numbers[slot] = value ? 1 : 0;
        numbers[slot + 1] = BOOLEAN;
      } else if (value === undefined) {
        numbers[slot + 1] = UNDEFINED;
      } else if (value === null) {
        numbers[slot + 1] = NULL;
      } else if (value instanceof Uint8Array && copySmall && value.length <= COPY_LIMIT) {
        reserve(value.length);
        payload.set(value, used);
        numbers[slot] = used;
        numbers[slot + 1] = COPIED - value.length;
        used += value.length;
      } else if (value instanceof Uint8Array) {
        buffers ??= [];
        numbers[slot] = buffers.push(value) - 1;
        numbers[slot + 1] = BUFFER;
      } else {
        refused = i;
        return CANNOT;
      }
    }
    return buffers;
  }

  // What a call returned (outbox.py: Outbox._result and _failure): strings, bytes, JSON and
  // errors come through the inbox, since Python strs and bytes must not cross.
  function result(value) {
    const kind = numbers[RESULT_KIND_SLOT];
    if (kind === PLAIN) return value;
    const length = numbers[RESULT_LENGTH_SLOT];
    switch (kind) {
      case TEXT: return internals.inbox.text(length);
      case BYTES: return internals.inbox.bytes(length);
      case JSON_VALUE: return JSON.parse(internals.inbox.text(length));
      case TYPE_ERROR: throw new TypeError(internals.inbox.text(length));
      case RANGE_ERROR: throw new RangeError(internals.inbox.text(length));
      case PROMISE: return new Promise((resolve, reject) => promises.set(length, { resolve, reject }));
      default: throw new Error(internals.inbox.text(length)); // ERROR (4)
    }
  }

  function describe(value) {
    return value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
  }

  internals.outbox = {
    // An async host method's outcome (outbox.py: Outbox._settle), read as a call's result is.
    settle(id, value) {
      const promise = promises.get(id);
      promises.delete(id);
      try {
        promise.resolve(result(value));
      } catch (error) {
        promise.reject(error);
      }
    },
    // What a JS half sees as `host` (outbox.py: Outbox.stubs).
    newHost: () => ({}),
    addStub(stubs, name, receive) {
      stubs[name] = function (...args) {
        const buffers = put(args, true);
        if (buffers === CANNOT) {
          throw new TypeError(refused === MAX_ARGUMENTS ? `host.${name}: at most ${MAX_ARGUMENTS} arguments`
            : `host.${name}: argument ${refused + 1} cannot cross to Python: ${describe(args[refused])}`);
        }
        return result(buffers === null ? receive() : receive(...buffers));
      };
    },
    // A Python function exposed to scripts (outbox.py: Outbox.function). Calls the outbox
    // cannot carry go to the function itself, with at least `required` arguments.
    newFunction(receive, direct, required) {
      return function (...args) {
        const buffers = put(args, false);
        if (buffers === CANNOT) {
          while (args.length < required) args.push(undefined);
          return Reflect.apply(direct, this, args);
        }
        return result(buffers === null ? receive() : receive(...buffers));
      };
    },
  };
  return undefined;
})
