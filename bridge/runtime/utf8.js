// UTF-8 in JS, since pythonmonkey has no TextDecoder/TextEncoder and Python strings must not
// cross into JS (each one slows every later garbage collection; see engine-notes.md).
// Native engine functions do the byte work: fromCharCode over chunks, then escape/decodeURIComponent.
(function (host, internals) {
  "use strict";
  const CHUNK = 0x2000;
  const NON_ASCII = /[^\x00-\x7f]/;

  function latin1(bytes, start, end) {
    let text = "";
    for (let i = start; i < end; i += CHUNK) {
      text += String.fromCharCode.apply(null, bytes.subarray(i, Math.min(i + CHUNK, end)));
    }
    return text;
  }

  internals.utf8 = {
    // The text of bytes[start, end), or null when they are not valid UTF-8.
    decode(bytes, start = 0, end = bytes.length) {
      const text = latin1(bytes, start, end);
      if (!NON_ASCII.test(text)) return text;
      try {
        return decodeURIComponent(escape(text));
      } catch {
        return null;
      }
    },
    // A new Uint8Array of the text's UTF-8 (lone surrogates become U+FFFD, as in browsers).
    encode(text) {
      const bytes = unescape(encodeURIComponent(text.toWellFormed()));
      const out = new Uint8Array(bytes.length);
      for (let i = 0; i < bytes.length; i++) out[i] = bytes.charCodeAt(i);
      return out;
    },
  };
  return undefined;
})
