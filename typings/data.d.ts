// `Data` (binary bytes), its text encodings and `CompressionAlgorithm`.

/**
 * A text encoding name for `Data.fromRawString` and `Data#toRawString`. The default is
 * "utf-8"; an unknown name is an error at run time.
 */
type Encoding =
  | "utf-8" | "utf8"
  | "utf-16" | "utf16" | "utf16BigEndian" | "utf16LittleEndian"
  | "utf-32" | "utf32" | "utf32BigEndian" | "utf32LittleEndian"
  | "unicode"
  | "ascii" | "nonLossyASCII"
  | "isoLatin1" | "macOSRoman" | "nextstep" | "symbol"
  | "iso2022JP" | "japaneseEUC" | "shiftJIS"
  | "windowsCP1250" | "windowsCP1251" | "windowsCP1252" | "windowsCP1253" | "windowsCP1254"
  | "gbk" | "gb18030"

/** Algorithms for `Data#compressed` and `Data#decompressed`. */
declare enum CompressionAlgorithm {
  /** Apple's LZFSE: fast, with a good ratio. */
  lzfse = 0,
  /** LZ4: the fastest, with the lowest ratio. */
  lz4 = 1,
  /** LZMA: the best ratio, the slowest. */
  lzma = 2,
  /** zlib (deflate): the common standard. */
  zlib = 3,
}

/**
 * A run of bytes. Made with the static `from...` functions (there is no public constructor);
 * received as the `data` of `handleBinary` and `HttpRequest#body`.
 */
declare class Data {
  private constructor()

  /** Number of bytes. */
  readonly size: number
  /** Number of bytes (the same as `size`). */
  readonly length: number

  /**
   * Sets the bytes in `[start, end)` to zero, in place.
   * @throws when the range is not inside the data.
   */
  resetBytes(start: number, end: number): void
  /**
   * A new Data without the first `count` bytes.
   * @throws when `count` is more than `size`.
   */
  advanced(count: number): Data
  /**
   * Replaces the bytes in `[start, end)` with the bytes of `data`, in place (the size may change).
   * @throws when the range is not inside the data.
   */
  replaceSubrange(start: number, end: number, data: Data): void
  /**
   * The bytes compressed with `algorithm`, as a new Data.
   * @throws when they cannot be compressed.
   */
  compressed(algorithm: CompressionAlgorithm): Data
  /**
   * The bytes decompressed with `algorithm` (the one they were compressed with), as a new Data.
   * @throws when they are not valid for that algorithm.
   */
  decompressed(algorithm: CompressionAlgorithm): Data
  /**
   * A copy of the bytes in `[start, end)` (by default all of them).
   * @throws when the range is not inside the data (no negative indexes).
   */
  slice(start?: number, end?: number): Data
  /** Adds the bytes of `other` at the end, in place. */
  append(other: Data): void
  /**
   * The bytes as a new Uint8Array.
   * @deprecated use `toUint8Array()`.
   */
  getBytes(): Uint8Array | null
  /** The bytes as a new Uint8Array (a copy). */
  toUint8Array(): Uint8Array | null
  /** The bytes as a new ArrayBuffer (a copy). */
  toArrayBuffer(): ArrayBuffer
  /** The bytes in standard Base64, with padding. */
  toBase64String(): string
  /** The bytes in lower-case hexadecimal, two digits each. */
  toHexString(): string
  /**
   * The bytes decoded as text in `encoding` (default "utf-8").
   * @returns null when the bytes are not valid in that encoding (strict, nothing replaced).
   */
  toRawString(encoding?: Encoding): string | null
  /** The bytes decoded as text (default UTF-8), each invalid sequence replaced by U+FFFD: never null. */
  toDecodedString(encoding?: "utf8" | "ascii"): string
  /** The bytes as numbers from 0 to 255. */
  toIntArray(): number[]

  /** A new Data from byte values (0 to 255). */
  static fromIntArray(numbers: number[]): Data
  /**
   * The text encoded in `encoding` (default "utf-8").
   * @deprecated use `fromRawString`.
   */
  static fromString(str: string, encoding?: Encoding): Data | null
  /**
   * The text encoded in `encoding` (default "utf-8").
   * @returns null when the text cannot be represented in that encoding.
   */
  static fromRawString(str: string, encoding?: Encoding): Data | null
  /**
   * The contents of the file at `path` (a relative path starts at the script's folder).
   * @returns null when the file cannot be read.
   */
  static fromFile(path: string): Data | null
  /** A copy of the buffer's bytes. */
  static fromArrayBuffer(buffer: ArrayBuffer): Data | null
  /** A copy of the array's bytes. */
  static fromUint8Array(bytes: Uint8Array): Data | null
  /**
   * The bytes that a Base64 string stands for.
   * @returns null unless the string is padded standard Base64 and nothing else (no spaces).
   */
  static fromBase64String(base64: string): Data | null
  /**
   * The bytes that a hexadecimal string (either case) stands for.
   * @returns null unless the string is pairs of hex digits and nothing else.
   */
  static fromHexString(hex: string): Data | null
  /** One new Data holding the bytes of every item, in order. */
  static combine(list: Data[]): Data
  /**
   * In the app: the image encoded as JPEG (`compressionQuality` from 0 to 1, default 1).
   * @throws TypeError always: the app's `UIImage` does not exist off the phone.
   */
  static fromJPEG(image: UIImage, compressionQuality?: number): Data | null
  /**
   * In the app: the image encoded as PNG.
   * @throws TypeError always: the app's `UIImage` does not exist off the phone.
   */
  static fromPNG(image: UIImage): Data | null
}

/**
 * The app's image type, which `Data.fromJPEG` and `Data.fromPNG` take. Nothing makes one off
 * the phone; it is declared so that scripts written for the app type-check.
 */
interface UIImage {
  /** No value has it: only the app makes images. */
  readonly appImageOnly: never
}
