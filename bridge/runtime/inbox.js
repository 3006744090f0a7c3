// @ts-check
// The JS end of the inbox (inbox.py): a Uint8Array over Python's long-lived bytearray.
(function (/** @type {Hosts["runtime/inbox.js"]} */ host, /** @type {Internals} */ internals) {
  "use strict";
  let shared = /** @type {Uint8Array} */ (new Uint8Array(0));
  internals.shareInbox = (bytes) => { shared = bytes; };
  internals.inbox = {
    // A copy of n bytes Python put there (the next put overwrites them).
    bytes: (n, offset = 0) => internals.copyBytes(shared, offset, offset + n),
    // n bytes as text, or null when they are not valid UTF-8.
    text: (n, offset = 0) => internals.utf8.decode(shared, offset, offset + n),
  };
  return undefined;
})
