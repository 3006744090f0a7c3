// @ts-check
// Crypto: the app's namespace of digests, HMACs, symmetric keys and AES-GCM. Each function
// hands the whole Data to Python once (crypto.py) and wraps the bytes it returns as a Data.
(function (/** @type {Hosts["crypto/crypto.js"]} */ host, /** @type {Internals} */ internals) {
  "use strict";

  const bytes = internals.bytesOfData;
  const optionalBytes = (where, name, value) => (value === undefined || value === null ? null : bytes(where, name, value));
  const data = (result) => (result === undefined || result === null ? null : internals.dataFromBytes(result));

  function generateSymmetricKey(size = 256) {
    if (!Number.isInteger(size)) throw internals.wrongValue("Crypto.generateSymmetricKey", "size", "a whole number of bits", size);
    if (size <= 0 || size % 8 !== 0) {
      throw new RangeError(`Crypto.generateSymmetricKey: size must be a positive multiple of 8 bits, got ${size}`);
    }
    return data(host.random_bytes(size / 8));
  }

  const Crypto = { generateSymmetricKey };
  for (const [name, algorithm] of [["md5", "md5"], ["sha1", "sha1"], ["sha256", "sha256"],
    ["sha384", "sha384"], ["sha512", "sha512"]]) {
    const where = `Crypto.${name}`;
    Crypto[name] = { [name]: (input) => data(host.digest(algorithm, bytes(where, "data", input))) }[name];
  }
  for (const [name, algorithm] of [["hmacMD5", "md5"], ["hmacSHA1", "sha1"], ["hmacSHA224", "sha224"],
    ["hmacSHA256", "sha256"], ["hmacSHA384", "sha384"], ["hmacSHA512", "sha512"]]) {
    const where = `Crypto.${name}`;
    Crypto[name] = { [name]: (input, key) => data(host.hmac(algorithm, bytes(where, "data", input),
      bytes(where, "key", key))) }[name];
  }

  function options(where, value) {
    if (value === undefined || value === null) return {};
    return internals.check.object(where, "options", value);
  }

  // null when encryption fails: a key that is not 128, 192 or 256 bits, an iv that is not 12 bytes.
  Crypto.encryptAESGCM = function encryptAESGCM(input, key, settings) {
    const where = "Crypto.encryptAESGCM";
    const { iv, aad } = options(where, settings);
    return data(host.encrypt_aes_gcm(bytes(where, "data", input), bytes(where, "key", key),
      optionalBytes(where, "options.iv", iv), optionalBytes(where, "options.aad", aad)));
  };

  // null when the sealed box does not authenticate (wrong key, aad or bytes) or is too short.
  Crypto.decryptAESGCM = function decryptAESGCM(input, key, aad) {
    const where = "Crypto.decryptAESGCM";
    return data(host.decrypt_aes_gcm(bytes(where, "data", input), bytes(where, "key", key),
      optionalBytes(where, "aad", aad)));
  };

  return { Crypto: Object.freeze(Crypto) };
})
