// @ts-check
// `Data` and `CompressionAlgorithm`, the app's byte container, as a JS class over a Uint8Array.
//
// Sizes, slices, appends, base64, hex and UTF-8 all run here in the engine. Only other text
// encodings, compression and file reads cross into Python (data.py), passing the whole buffer
// once; results come back through the shared inbox (runtime/inbox.js), never as Python objects.
//
// Storage: `#bytes` holds the data in its first `#size` bytes and may have spare capacity after
// them, so appends are amortised O(1) like a Swift Data or a Python bytearray. Every method that
// returns a Data returns a copy (Data is a value type in the app); `toUint8Array` copies too.
//
// Errors are real TypeError/RangeError/Error objects naming the method; they are reported at
// the script's own line, because frames from files named `bridge:` are hidden.
(function (/** @type {Hosts["data/data.js"]} */ host, /** @type {Internals} */ internals) {
  "use strict";

  const EMPTY = new Uint8Array(0);
  const BOM = [0xef, 0xbb, 0xbf];
  const INSPECTED = 32; // bytes console.log shows

  // A TypeScript numeric enum, reverse mapping included, as `enum CompressionAlgorithm` compiles to.
  const CompressionAlgorithm = {};
  for (const [name, value] of [["lzfse", 0], ["lz4", 1], ["lzma", 2], ["zlib", 3]]) {
    CompressionAlgorithm[(CompressionAlgorithm[name] = value)] = name;
  }
  Object.freeze(CompressionAlgorithm);
  const ALGORITHMS = "lzfse = 0, lz4 = 1, lzma = 2, zlib = 3";

  // Encoding names come from data.py (encodings.NAMES) once, so the two halves cannot disagree.
  const ENCODINGS = host.encoding_names();
  const encodingIndex = new Map();
  ENCODINGS.forEach((name, index) => {
    encodingIndex.set(name, index);
    if (!encodingIndex.has(name.toLowerCase())) encodingIndex.set(name.toLowerCase(), index);
  });
  const UTF8 = encodingIndex.get("utf-8");
  const UTF8_ALIAS = encodingIndex.get("utf8");

  const show = internals.show;

  function encodingOf(method, encoding) {
    if (encoding === undefined || encoding === null) return UTF8;
    if (typeof encoding === "string") {
      const index = encodingIndex.get(encoding) ?? encodingIndex.get(encoding.toLowerCase());
      if (index !== undefined) return index === UTF8_ALIAS ? UTF8 : index;
    }
    throw new TypeError(`${method}: unknown encoding ${show(encoding)}; the encodings are ${ENCODINGS.join(", ")}`);
  }

  function algorithmOf(method, algorithm) {
    if (typeof algorithm === "number" && Number.isInteger(algorithm) && algorithm >= 0 && algorithm <= 3) return algorithm;
    throw internals.wrongValue(method, "algorithm", `a CompressionAlgorithm (${ALGORITHMS})`, algorithm);
  }

  function indexOf(method, name, value, size) {
    internals.check.integer(method, name, value);
    if (value < 0 || value > size) {
      throw new RangeError(`${method}: ${name} ${value} is out of range for a Data of size ${size}`);
    }
    return value;
  }

  function rangeOf(method, start, end, size) {
    indexOf(method, "start", start, size);
    indexOf(method, "end", end, size);
    if (start > end) {
      throw new RangeError(`${method}: start ${start} is after end ${end} (a Data of size ${size})`);
    }
  }

  function capacityFor(needed, current) {
    return Math.max(needed, current * 2, 64);
  }

  // Compression errors come from Python (data.py) with what is wrong; name the method too.
  function compression(method, operation, algorithm, data) {
    const index = algorithmOf(method, algorithm);
    try {
      return wrap(operation(index, viewOf(data)));
    } catch (error) {
      throw new Error(`${method}: ${error.message}`);
    }
  }

  // Decoding base64 and hex with table-driven loops: on random bytes they run about twice as
  // fast as this engine's native Uint8Array.fromBase64/fromHex (bench/data.py), and they give
  // the exact null-on-malformed rules without a separate validation pass.
  const BASE64 = new Int8Array(256).fill(-1);
  const HEX = new Int8Array(256).fill(-1);
  {
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (let i = 0; i < 64; i++) BASE64[alphabet.charCodeAt(i)] = i;
    const digits = "0123456789abcdef";
    for (let i = 0; i < 16; i++) {
      HEX[digits.charCodeAt(i)] = i;
      HEX[digits.toUpperCase().charCodeAt(i)] = i;
    }
  }

  // Standard alphabet, length a multiple of 4, "=" only as the last one or two characters.
  // Bits left over in the last character are ignored, as Foundation and Python do.
  function fromBase64(text) {
    const length = text.length;
    if (length % 4 !== 0) return null;
    const padding = length === 0 || text.charCodeAt(length - 1) !== 0x3d ? 0 : text.charCodeAt(length - 2) === 0x3d ? 2 : 1;
    const out = internals.newBytes((length / 4) * 3 - padding);
    const whole = padding ? length - 4 : length;
    let at = 0;
    for (let i = 0; i < whole; i += 4) {
      const a = text.charCodeAt(i), b = text.charCodeAt(i + 1), c = text.charCodeAt(i + 2), d = text.charCodeAt(i + 3);
      if ((a | b | c | d) > 0xff) return null;
      const w = BASE64[a], x = BASE64[b], y = BASE64[c], z = BASE64[d];
      if ((w | x | y | z) < 0) return null;
      const bits = (w << 18) | (x << 12) | (y << 6) | z;
      out[at++] = bits >> 16;
      out[at++] = (bits >> 8) & 0xff;
      out[at++] = bits & 0xff;
    }
    if (padding) {
      const a = text.charCodeAt(whole), b = text.charCodeAt(whole + 1);
      const c = padding === 1 ? text.charCodeAt(whole + 2) : 0x41; // "A": no bits
      if ((a | b | c) > 0xff) return null;
      const w = BASE64[a], x = BASE64[b], y = BASE64[c];
      if ((w | x | y) < 0) return null;
      const bits = (w << 18) | (x << 12) | (y << 6);
      out[at++] = bits >> 16;
      if (padding === 1) out[at] = (bits >> 8) & 0xff;
    }
    return out;
  }

  function fromHex(text) {
    const length = text.length;
    if (length % 2 !== 0) return null;
    const out = internals.newBytes(length / 2);
    for (let i = 0, at = 0; i < length; i += 2, at++) {
      const a = text.charCodeAt(i), b = text.charCodeAt(i + 1);
      if ((a | b) > 0xff) return null;
      const high = HEX[a], low = HEX[b];
      if ((high | low) < 0) return null;
      out[at] = (high << 4) | low;
    }
    return out;
  }

  let wrap, isData, viewOf;

  class Data {
    #bytes = EMPTY;
    #size = 0;

    // The app documents no public constructor: `new Data()` is empty data; build from
    // something with the static factories.
    constructor(...args) {
      if (args.length > 0) {
        throw new TypeError("Data has no constructor taking arguments; use a factory such as "
          + "Data.fromUint8Array, Data.fromRawString, Data.fromBase64String or Data.fromIntArray");
      }
    }

    static {
      wrap = (bytes) => {
        const data = new Data();
        data.#bytes = bytes;
        data.#size = bytes.length;
        return data;
      };
      isData = (value) => value !== null && typeof value === "object" && #bytes in value;
      viewOf = (data) => (data.#size === data.#bytes.length ? data.#bytes : data.#bytes.subarray(0, data.#size));
    }

    get size() { return this.#size; }

    // The seed's sample reads `data.length`: an alias of `size`.
    get length() { return this.#size; }

    get [Symbol.toStringTag]() { return "Data"; }

    // What console.log shows, in the style of Node's Buffer: the size and the first bytes.
    [Symbol.for("nodejs.util.inspect.custom")]() {
      const shown = Array.from(this.#bytes.subarray(0, Math.min(this.#size, INSPECTED)),
        (byte) => byte.toString(16).padStart(2, "0"));
      if (this.#size > INSPECTED) shown.push(`... ${this.#size - INSPECTED} more bytes`);
      return `<Data ${this.#size} bytes${shown.length ? " " + shown.join(" ") : ""}>`;
    }

    resetBytes(start, end) {
      rangeOf("Data.resetBytes", start, end, this.#size);
      this.#bytes.fill(0, start, end);
    }

    advanced(count) {
      indexOf("Data.advanced", "count", count, this.#size);
      return wrap(this.#bytes.slice(count, this.#size));
    }

    replaceSubrange(start, end, data) {
      const size = this.#size;
      rangeOf("Data.replaceSubrange", start, end, size);
      let source = bytesOf("Data.replaceSubrange", "data", data);
      if (source.buffer === this.#bytes.buffer) source = source.slice();
      const newSize = size - (end - start) + source.length;
      if (newSize <= this.#bytes.length) {
        this.#bytes.copyWithin(start + source.length, end, size);
        this.#bytes.set(source, start);
      } else {
        const grown = internals.newBytes(capacityFor(newSize, this.#bytes.length));
        grown.set(this.#bytes.subarray(0, start));
        grown.set(source, start);
        grown.set(this.#bytes.subarray(end, size), start + source.length);
        this.#bytes = grown;
      }
      this.#size = newSize;
    }

    compressed(algorithm) {
      return compression("Data.compressed", host.compress, algorithm, this);
    }

    decompressed(algorithm) {
      return compression("Data.decompressed", host.decompress, algorithm, this);
    }

    slice(start = 0, end = this.#size) {
      rangeOf("Data.slice", start, end, this.#size);
      return wrap(internals.copyBytes(this.#bytes, start, end));
    }

    append(other) {
      const source = bytesOf("Data.append", "other", other);
      const size = this.#size;
      const needed = size + source.length;
      if (needed > this.#bytes.length) {
        const grown = internals.newBytes(capacityFor(needed, this.#bytes.length));
        grown.set(this.#bytes.subarray(0, size));
        this.#bytes = grown;
      }
      this.#bytes.set(source, size);
      this.#size = needed;
    }

    // Deprecated in the app: an alias of toUint8Array.
    getBytes() { return this.toUint8Array(); }

    toUint8Array() { return this.#bytes.slice(0, this.#size); }

    toArrayBuffer() { return this.#bytes.slice(0, this.#size).buffer; }

    toBase64String() { return viewOf(this).toBase64(); }

    toHexString() { return viewOf(this).toHex(); }

    toIntArray() { return Array.from(viewOf(this)); }

    // Strict: null when the bytes are not valid in the encoding.
    toRawString(encoding) {
      const index = encodingOf("Data.toRawString", encoding);
      if (index === UTF8) return this.#utf8();
      return host.decode(index, viewOf(this), false) ?? null;
    }

    // Lenient: each invalid sequence becomes U+FFFD.
    toDecodedString(encoding) {
      const index = encodingOf("Data.toDecodedString", encoding);
      if (index === UTF8) {
        const text = this.#utf8();
        if (text !== null) return text;
      }
      return host.decode(index, viewOf(this), true) ?? null;
    }

    // UTF-8 without leaving the engine; a leading byte order mark is dropped, as Foundation does.
    #utf8() {
      const bytes = this.#bytes, size = this.#size;
      const start = size >= 3 && bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2] ? 3 : 0;
      return internals.utf8.decode(bytes, start, size);
    }

    static fromIntArray(numbers) {
      if (numbers === null || typeof numbers !== "object") {
        throw internals.wrongType("Data.fromIntArray", "array", "an array of numbers", numbers);
      }
      return wrap(Uint8Array.from(numbers));
    }

    // Deprecated in the app: an alias of fromRawString.
    static fromString(string, encoding) { return rawString("Data.fromString", string, encoding); }

    // Null when the text has a character the encoding cannot represent.
    static fromRawString(string, encoding) { return rawString("Data.fromRawString", string, encoding); }

    // Null when the file cannot be read; a relative path starts at the calling script's folder.
    static fromFile(path) {
      internals.check.string("Data.fromFile", "path", path);
      const bytes = host.read_file(path, internals.callerFile());
      return bytes === undefined ? null : wrap(bytes);
    }

    static fromArrayBuffer(buffer) {
      const tag = Object.prototype.toString.call(buffer);
      if (tag !== "[object ArrayBuffer]" && tag !== "[object SharedArrayBuffer]") {
        throw internals.wrongType("Data.fromArrayBuffer", "arrayBuffer", "an ArrayBuffer", buffer);
      }
      return wrap(internals.copyBytes(new Uint8Array(buffer)));
    }

    static fromUint8Array(bytes) {
      if (!ArrayBuffer.isView(bytes)) {
        const wanted = Array.isArray(bytes) ? "a Uint8Array (Data.fromIntArray takes arrays of numbers)" : "a Uint8Array";
        throw internals.wrongType("Data.fromUint8Array", "byteArray", wanted, bytes);
      }
      return wrap(internals.copyBytes(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)));
    }

    // Null unless the text is standard base64 with padding and nothing else (no whitespace),
    // as Foundation's Data(base64Encoded:) requires.
    static fromBase64String(string) {
      internals.check.string("Data.fromBase64String", "string", string);
      const bytes = fromBase64(string);
      return bytes === null ? null : wrap(bytes);
    }

    // Null unless the text is pairs of hex digits (either case) and nothing else.
    static fromHexString(string) {
      internals.check.string("Data.fromHexString", "string", string);
      const bytes = fromHex(string);
      return bytes === null ? null : wrap(bytes);
    }

    // The app's UIImage has no counterpart here; say so rather than "is not a function".
    static fromJPEG() { throw new TypeError("Data.fromJPEG takes the app's UIImage, which scripting-bridge does not have"); }

    static fromPNG() { throw new TypeError("Data.fromPNG takes the app's UIImage, which scripting-bridge does not have"); }

    static combine(list) {
      if (list === null || typeof list !== "object" || typeof list[Symbol.iterator] !== "function") {
        throw internals.wrongType("Data.combine", "dataList", "an array of Data", list);
      }
      const parts = [];
      let total = 0;
      for (const item of list) {
        const bytes = bytesOf("Data.combine", `dataList[${parts.length}]`, item);
        parts.push(bytes);
        total += bytes.length;
      }
      const out = internals.newBytes(total);
      let at = 0;
      for (const bytes of parts) {
        out.set(bytes, at);
        at += bytes.length;
      }
      return wrap(out);
    }
  }

  function bytesOf(where, name, value) {
    if (isData(value)) return viewOf(value);
    throw internals.wrongType(where, name, "a Data", value);
  }

  function rawString(method, string, encoding) {
    internals.check.string(method, "string", string);
    const index = encodingOf(method, encoding);
    if (index === UTF8) return wrap(internals.utf8.encode(string));
    // Lone surrogates cannot be in a Swift String; they become U+FFFD as they do for UTF-8
    // (the outbox writes every string that way).
    const bytes = host.encode(index, string);
    return bytes === undefined ? null : wrap(bytes);
  }

  // For the other runtime halves (the WebSocket layer): no copies either way.
  internals.Data = Data;
  // Wraps a Uint8Array as a Data without copying; the caller gives the array up.
  internals.dataFromBytes = (bytes) => wrap(bytes);
  // The live bytes of a Data (a view, not a copy); for anything else, the TypeError
  // "WHERE: NAME must be a Data, got TYPE" (runtime/checks.js).
  internals.bytesOfData = bytesOf;

  return { Data, CompressionAlgorithm };
})
