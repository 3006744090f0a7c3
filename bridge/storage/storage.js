// @ts-check
// Storage: the app's persistent key-value store (storage.py keeps it in SQLite). Values are
// kept as JSON; a Data is kept as its bytes, under the same keys, read back with getData.
(function (/** @type {Hosts["storage/storage.js"]} */ host, /** @type {Internals} */ internals) {
  "use strict";

  function checkKey(method, key) {
    internals.check.string(`Storage.${method}`, "key", key);
  }

  // { shared: true } picks the domain every script shares.
  function isShared(method, options) {
    if (options === undefined || options === null) return false;
    internals.check.object(`Storage.${method}`, "options", options);
    return Boolean(options.shared);
  }

  const Storage = {
    // False when the value has no JSON form (undefined, a function, a cycle): nothing is stored.
    set(key, value, options) {
      checkKey("set", key);
      const shared = isShared("set", options);
      let text;
      try {
        text = JSON.stringify(value);
      } catch {
        return false;
      }
      if (text === undefined) return false;
      host.set_json(key, text, shared);
      return true;
    },
    get(key, options) {
      checkKey("get", key);
      const text = host.get_json(key, isShared("get", options));
      return text === undefined ? null : JSON.parse(text);
    },
    setData(key, data, options) {
      checkKey("setData", key);
      host.set_data(key, internals.bytesOfData("Storage.setData", "data", data), isShared("setData", options));
    },
    getData(key, options) {
      checkKey("getData", key);
      const bytes = host.get_data(key, isShared("getData", options));
      return bytes === undefined ? null : internals.dataFromBytes(bytes);
    },
    remove(key, options) {
      checkKey("remove", key);
      host.remove(key, isShared("remove", options));
    },
    contains(key, options) {
      checkKey("contains", key);
      return host.contains(key, isShared("contains", options));
    },
    clear() { host.clear(); },
    keys() { return host.keys(); },
  };

  return { Storage };
})
