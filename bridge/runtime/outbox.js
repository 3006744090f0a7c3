// The JS end of the outbox (outbox.py): what a call to Python carries is written into memory
// Python shares, and host functions are called with no arguments (outbox.py says why).
// A call: outbox.start(), then outbox.text(...) / outbox.bytes(...) (each appends after the
// last and returns its length), numbers[i] = ..., then hostFunction(). `numbers` is the same
// Float64Array for the whole run: keep it.
(function (host, internals) {
  "use strict";
  const SLOTS = 16, GROWTH_SLOT = SLOTS - 1;
  let numbers = null, payload = new Uint8Array(0), growOnHost = null;
  let used = 0; // payload bytes written since start()

  function reserve(n) {
    if (used + n > payload.length) {
      numbers[GROWTH_SLOT] = used + n;
      growOnHost(); // Python shares a bigger payload buffer through shareOutboxPayload
    }
  }

  internals.shareOutbox = (numberBytes, grow) => {
    numbers = new Float64Array(numberBytes.buffer, numberBytes.byteOffset, SLOTS);
    growOnHost = grow;
    internals.outbox.numbers = numbers;
  };
  internals.shareOutboxPayload = (bytes) => {
    if (used > 0) bytes.set(payload.subarray(0, used)); // what this call already wrote
    payload = bytes;
  };

  internals.outbox = {
    numbers,
    start() { used = 0; },
    // Appends the text as UTF-8 (lone surrogates become U+FFFD); the number of bytes.
    text(text) {
      reserve(text.length * 3);
      const offset = used;
      used = internals.utf8.encodeInto(text, payload, offset);
      return used - offset;
    },
    // Appends a copy of a Uint8Array; its length.
    bytes(bytes) {
      reserve(bytes.length);
      payload.set(bytes, used);
      used += bytes.length;
      return bytes.length;
    },
  };
  return undefined;
})
