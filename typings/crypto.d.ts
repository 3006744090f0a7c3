// `Crypto` (digests, HMACs, random keys, AES-GCM) and `UUID`, as the Scripting app has them.

/** Hashes, message authentication codes, random keys and authenticated encryption over `Data`. */
interface CryptoFunctions {
  /** `size` random bits (default 256) as a key; a size that is not a positive multiple of 8 is a RangeError. */
  generateSymmetricKey(size?: number): Data
  /** The 16-byte MD5 digest of `data` (not for security: use it for checksums only). */
  md5(data: Data): Data
  /** The 20-byte SHA-1 digest of `data`. */
  sha1(data: Data): Data
  /** The 32-byte SHA-256 digest of `data`. */
  sha256(data: Data): Data
  /** The 48-byte SHA-384 digest of `data`. */
  sha384(data: Data): Data
  /** The 64-byte SHA-512 digest of `data`. */
  sha512(data: Data): Data
  /** HMAC of `data` under `key` with MD5. */
  hmacMD5(data: Data, key: Data): Data
  /** HMAC of `data` under `key` with SHA-1. */
  hmacSHA1(data: Data, key: Data): Data
  /** HMAC of `data` under `key` with SHA-224. */
  hmacSHA224(data: Data, key: Data): Data
  /** HMAC of `data` under `key` with SHA-256 (what most webhooks sign with). */
  hmacSHA256(data: Data, key: Data): Data
  /** HMAC of `data` under `key` with SHA-384. */
  hmacSHA384(data: Data, key: Data): Data
  /** HMAC of `data` under `key` with SHA-512. */
  hmacSHA512(data: Data, key: Data): Data
  /**
   * Seals `data` with AES-GCM under a 128-, 192- or 256-bit `key`. The result is the 12-byte
   * nonce (`options.iv`, or a random one), the ciphertext and the 16-byte tag, in that order;
   * null for another key size or an `iv` that is not 12 bytes. `options.aad` is authenticated
   * but not encrypted.
   */
  encryptAESGCM(data: Data, key: Data, options?: { iv?: Data, aad?: Data }): Data | null
  /** Opens what `encryptAESGCM` sealed; null when it does not authenticate (wrong key, `aad` or bytes). */
  decryptAESGCM(data: Data, key: Data, aad?: Data): Data | null
}

/** Hashes, message authentication codes, random keys and authenticated encryption over `Data`. */
declare var Crypto: CryptoFunctions

/** Random identifiers. */
interface UUIDFunctions {
  /** A new random (version 4) UUID, upper case: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F". */
  string(): string
}

/** Random identifiers. */
declare var UUID: UUIDFunctions
