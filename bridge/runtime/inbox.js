// The JS end of the inbox (inbox.py): a Uint8Array over Python's long-lived bytearray.
(function (host, internals) {
  "use strict";
  let shared = new Uint8Array(0);
  internals.shareInbox = (bytes) => { shared = bytes; };
  internals.inbox = {
    // A copy of the first n bytes Python put there (the next put overwrites them).
    bytes: (n) => shared.slice(0, n),
    // The first n bytes as text, or null when they are not valid UTF-8.
    text: (n) => internals.utf8.decode(shared, 0, n),
  };
  return undefined;
})
