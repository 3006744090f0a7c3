// @ts-check
// TextEncoder, TextDecoder (UTF-8, the only encoding the web's TextEncoder has, and the one
// text on the wire uses), atob and btoa. UTF-8 is coded in the engine (runtime/utf8.js); only
// bytes that are not valid UTF-8 go to Python, whose decoder puts U+FFFD for each bad
// sequence as the Encoding standard does. Base64 is the engine's own (Uint8Array.fromBase64).
(function (/** @type {Hosts["web/encoding.js"]} */ host, /** @type {Internals} */ internals) {
  "use strict";
  const UTF8_LABELS = new Set(["utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8"]);
  const ASCII_WHITESPACE = /[\t\n\f\r ]/g;
  const BASE64 = /^[A-Za-z0-9+/]*$/;
  const CHUNK = 0x2000;

  function latin1(bytes) {
    let text = "";
    for (let i = 0; i < bytes.length; i += CHUNK) {
      text += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK));
    }
    return text;
  }

  class TextEncoder {
    get encoding() { return "utf-8"; }

    // A new Uint8Array of the text's UTF-8; lone surrogates become U+FFFD.
    encode(input = "") {
      return internals.utf8.encode(String(input));
    }

    // Writes as much of the text as fits into `destination`, whole characters only.
    encodeInto(source, destination) {
      if (!(destination instanceof Uint8Array)) {
        throw internals.wrongType("TextEncoder.encodeInto", "destination", "a Uint8Array", destination);
      }
      const text = String(source);
      if (destination.length >= text.length * 3) { // room for all of it, however it encodes
        return { read: text.length, written: internals.utf8.encodeInto(text, destination, 0) };
      }
      let read = 0;
      let written = 0;
      for (const character of text) { // by code point, so a pair is never split
        const bytes = internals.utf8.encode(character);
        if (written + bytes.length > destination.length) break;
        destination.set(bytes, written);
        written += bytes.length;
        read += character.length;
      }
      return { read, written };
    }
  }

  // The bytes a BufferSource stands for, without copying.
  function bytesOf(input) {
    if (input instanceof ArrayBuffer) return new Uint8Array(input);
    if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    throw internals.wrongType("TextDecoder.decode", "input", "an ArrayBuffer, a typed array or a DataView", input);
  }

  // How many bytes at the end of `bytes` start a UTF-8 sequence that is not complete yet.
  function incompleteTail(bytes) {
    for (let back = 1; back <= Math.min(3, bytes.length); back++) {
      const byte = bytes[bytes.length - back];
      if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
      const needed = byte >= 0xf5 ? 1 : byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc2 ? 2 : 1;
      return needed > back ? back : 0;
    }
    return 0;
  }

  class TextDecoder {
    #fatal;
    #ignoreBOM;
    #pending = new Uint8Array(0); // an incomplete sequence kept by decode(..., { stream: true })
    #started = false; // a BOM is only dropped at the start of the stream

    constructor(label = "utf-8", options) {
      const name = String(label).trim().toLowerCase();
      if (!UTF8_LABELS.has(name)) {
        throw new RangeError(`TextDecoder: only UTF-8 is supported here, got ${JSON.stringify(String(label))}`);
      }
      if (options !== undefined && options !== null) internals.check.object("TextDecoder", "options", options);
      this.#fatal = Boolean(options?.fatal);
      this.#ignoreBOM = Boolean(options?.ignoreBOM);
    }

    get encoding() { return "utf-8"; }
    get fatal() { return this.#fatal; }
    get ignoreBOM() { return this.#ignoreBOM; }

    // The text of the bytes. Invalid UTF-8 throws a TypeError when `fatal`, else each bad
    // sequence becomes U+FFFD. With { stream: true } a sequence cut at the end waits for the next call.
    decode(input, options) {
      let bytes = input === undefined ? new Uint8Array(0) : bytesOf(input);
      if (this.#pending.length > 0) {
        const joined = new Uint8Array(this.#pending.length + bytes.length);
        joined.set(this.#pending);
        joined.set(bytes, this.#pending.length);
        bytes = joined;
      }
      const stream = Boolean(options?.stream);
      const keep = stream ? incompleteTail(bytes) : 0;
      this.#pending = bytes.slice(bytes.length - keep);
      bytes = bytes.subarray(0, bytes.length - keep);
      let text = internals.utf8.decode(bytes);
      if (text === null) {
        if (this.#fatal) {
          this.#pending = new Uint8Array(0);
          this.#started = false;
          throw new TypeError("TextDecoder.decode: the bytes are not valid UTF-8");
        }
        text = host.decode_replacing(bytes);
      }
      const atStart = !this.#started;
      this.#started = stream && (this.#started || text.length > 0); // a new stream after a final call
      if (atStart && !this.#ignoreBOM && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      return text;
    }
  }

  function invalidCharacter(message) {
    return new DOMException(message, "InvalidCharacterError");
  }

  // Each character of `data` (0-255) as a byte, in Base64.
  function btoa(data) {
    if (arguments.length === 0) throw new TypeError("btoa: an argument is required");
    const text = String(data);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code > 0xff) throw invalidCharacter(`btoa: the character at ${i} is beyond U+00FF`);
      bytes[i] = code;
    }
    return bytes.toBase64();
  }

  // Base64 to a string of one character (0-255) per byte. Spaces are ignored and padding may
  // be left out; anything else that is not Base64 throws an InvalidCharacterError.
  function atob(data) {
    if (arguments.length === 0) throw new TypeError("atob: an argument is required");
    let text = String(data).replace(ASCII_WHITESPACE, "");
    if (text.length % 4 === 0) text = text.replace(/==?$/, "");
    if (text.length % 4 === 1 || !BASE64.test(text)) {
      throw invalidCharacter("atob: the string is not valid Base64");
    }
    return latin1(Uint8Array.fromBase64(text, { lastChunkHandling: "loose" }));
  }

  return { TextEncoder, TextDecoder, atob, btoa };
})
