// @ts-check
// UTF-8 in JS, since pythonmonkey has no TextDecoder/TextEncoder and Python strings must not
// cross into JS (each one slows every later garbage collection; see docs/engine.md).
// Native engine functions do the byte work: fromCharCode over chunks, then escape/decodeURIComponent.
(function (/** @type {Hosts["runtime/utf8.js"]} */ host, /** @type {Internals} */ internals) {
  "use strict";
  const CHUNK = 0x2000;
  const NON_ASCII = /[^\x00-\x7f]/;
  // Up to this many bytes go through a plain array: the engine's fromCharCode.apply over a typed
  // array has a fixed cost (~0.7 us) that outweighs a short copy (a request's head is often
  // shorter).
  const SHORT = 64;

  // One array of each length up to SHORT, reused: a short run makes no garbage but its string
  // (an array per run made the engine's nursery grow under a stream of messages).
  const runs = Array.from({ length: SHORT + 1 }, (_, n) => new Array(n).fill(0));

  // The characters of a short run of bytes; with `asciiOnly`, null if one of them is not ASCII.
  function shortRun(bytes, start, end, asciiOnly) {
    const codes = runs[end - start];
    let high = 0;
    for (let i = start; i < end; i++) {
      const byte = bytes[i];
      high |= byte;
      codes[i - start] = byte;
    }
    return asciiOnly && high >= 0x80 ? null : String.fromCharCode.apply(null, codes);
  }

  function latin1(bytes, start, end) {
    if (end - start <= SHORT) return shortRun(bytes, start, end, false);
    let text = "";
    for (let i = start; i < end; i += CHUNK) {
      text += String.fromCharCode.apply(null, bytes.subarray(i, Math.min(i + CHUNK, end)));
    }
    return text;
  }

  internals.utf8 = {
    // bytes[start, end) as a string of one character per byte (U+0000 to U+00FF).
    latin1,
    // The text of bytes[start, end), or null when they are not valid UTF-8.
    decode(bytes, start = 0, end = bytes.length) {
      const ascii = end - start <= SHORT ? shortRun(bytes, start, end, true) : null;
      if (ascii !== null) return ascii;
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
      const out = new Uint8Array(text.length * 3);
      return out.slice(0, internals.utf8.encodeInto(text, out, 0));
    },
    // Writes the text's UTF-8 into out from index at (room for text.length * 3 bytes is
    // enough); returns the index after the last byte written. A plain loop: the JIT makes it
    // ~3x faster than unescape(encodeURIComponent(...)).
    encodeInto(text, out, at) {
      for (let i = 0; i < text.length; i++) {
        let code = text.charCodeAt(i);
        if (code < 0x80) {
          out[at++] = code;
        } else if (code < 0x800) {
          out[at++] = 0xc0 | (code >> 6);
          out[at++] = 0x80 | (code & 0x3f);
        } else {
          if (code >= 0xd800 && code <= 0xdfff) {
            const low = text.charCodeAt(i + 1);
            if (code < 0xdc00 && low >= 0xdc00 && low <= 0xdfff) {
              code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
              i++;
              out[at++] = 0xf0 | (code >> 18);
              out[at++] = 0x80 | ((code >> 12) & 0x3f);
              out[at++] = 0x80 | ((code >> 6) & 0x3f);
              out[at++] = 0x80 | (code & 0x3f);
              continue;
            }
            code = 0xfffd;
          }
          out[at++] = 0xe0 | (code >> 12);
          out[at++] = 0x80 | ((code >> 6) & 0x3f);
          out[at++] = 0x80 | (code & 0x3f);
        }
      }
      return at;
    },
  };
  return undefined;
})
