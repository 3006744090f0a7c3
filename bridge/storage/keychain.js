// @ts-check
// Keychain: the app's store for secrets (keychain.py keeps them encrypted on disk). The iOS
// options (accessibility, synchronizable) are accepted and have no effect off the phone.
(function (/** @type {Hosts["storage/keychain.js"]} */ host, /** @type {Internals} */ internals) {
  "use strict";

  function checkKey(method, key) {
    internals.check.string(`Keychain.${method}`, "key", key);
  }

  function checkOptions(method, options) {
    if (options === undefined || options === null) return;
    internals.check.object(`Keychain.${method}`, "options", options);
  }

  function stored(method, key, options) {
    checkKey(method, key);
    checkOptions(method, options);
    return host.get(key);
  }

  const Keychain = {
    set(key, value, options) {
      checkKey("set", key);
      checkOptions("set", options);
      internals.check.string("Keychain.set", "value", value);
      return host.set(key, internals.utf8.encode(value));
    },
    setBool(key, value, options) {
      checkKey("setBool", key);
      checkOptions("setBool", options);
      internals.check.boolean("Keychain.setBool", "value", value);
      return host.set(key, internals.utf8.encode(String(value)));
    },
    setData(key, value, options) {
      checkKey("setData", key);
      checkOptions("setData", options);
      return host.set(key, internals.bytesOfData("Keychain.setData", "value", value));
    },
    // Null when there is no such item or its bytes are not UTF-8 text.
    get(key, options) {
      const bytes = stored("get", key, options);
      return bytes === undefined ? null : internals.utf8.decode(bytes, 0, bytes.length);
    },
    // Null unless the item holds "true" or "false".
    getBool(key, options) {
      const bytes = stored("getBool", key, options);
      const text = bytes === undefined ? null : internals.utf8.decode(bytes, 0, bytes.length);
      return text === "true" ? true : text === "false" ? false : null;
    },
    getData(key, options) {
      const bytes = stored("getData", key, options);
      return bytes === undefined ? null : internals.dataFromBytes(bytes);
    },
    remove(key, options) {
      checkKey("remove", key);
      checkOptions("remove", options);
      return host.remove(key);
    },
    contains(key, options) {
      checkKey("contains", key);
      checkOptions("contains", options);
      return host.contains(key);
    },
    keys(options) {
      checkOptions("keys", options);
      return host.keys();
    },
    clear(options) {
      checkOptions("clear", options);
      return host.clear();
    },
  };

  return { Keychain };
})
