// @ts-check
// UUID: the app's namespace for random UUID strings (uuid.py makes them).
(function (/** @type {Hosts["uuid/uuid.js"]} */ host, /** @type {Internals} */ internals) {
  "use strict";
  internals.newUUID = () => host.string();
  const UUID = Object.freeze({ string: () => host.string() });
  return { UUID };
})
