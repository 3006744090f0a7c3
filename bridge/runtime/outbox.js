// The JS end of the outbox (outbox.py): stubs that call Python host methods with their
// arguments written into memory Python shares, so no JS number or string crosses (each one
// would leak in pythonmonkey). Uint8Arrays cross as they are: they do not leak.
(function (host, internals) {
  "use strict";
  const SLOTS = 64, MAX_ARGUMENTS = (SLOTS - 2) >> 1, GROWTH_SLOT = SLOTS - 1;
  const NONE = -1, NUMBER = -2, BUFFER = -3;
  let numbers = null, payload = new Uint8Array(0), growOnHost = null;
  let used = 0; // payload bytes written by the call being made

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

  function describe(value) {
    return value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
  }

  // Writes the call's arguments; returns the Uint8Arrays among them, which cross as arguments.
  function put(name, args) {
    if (args.length > MAX_ARGUMENTS) throw new TypeError(`host.${name}: at most ${MAX_ARGUMENTS} arguments`);
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
        numbers[slot + 1] = NUMBER;
      } else if (value === undefined || value === null) {
        numbers[slot + 1] = NONE;
      } else if (value instanceof Uint8Array) {
        buffers ??= [];
        numbers[slot] = buffers.push(value) - 1;
        numbers[slot + 1] = BUFFER;
      } else {
        throw new TypeError(`host.${name}: argument ${i + 1} cannot cross to Python: ${describe(value)}`);
      }
    }
    return buffers;
  }

  internals.outbox = {
    // What a JS half sees as `host` (outbox.py: Outbox.stubs).
    newHost: () => ({}),
    addStub(stubs, name, receive) {
      stubs[name] = function (...args) {
        const buffers = put(name, args);
        return buffers === null ? receive() : receive(...buffers);
      };
    },
  };
  return undefined;
})
