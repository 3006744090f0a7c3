// @ts-check
// The words of every API's complaint about an argument, defined once so that the same mistake
// reads the same in every API: "HttpServer.registerHandler: handler must be a function, got number".
(function (/** @type {Hosts["runtime/checks.js"]} */ host, /** @type {Internals} */ internals) {
  "use strict";

  // What a value is ("null", "array", "Promise", "number"): an object by its class.
  function typeName(value) {
    if (value === null) return "null";
    if (Array.isArray(value)) return "array";
    if (typeof value === "object") return value.constructor?.name || "object";
    return typeof value;
  }
  internals.typeName = typeName;

  // A value as a complaint about it shows it: a string quoted, a number as is, else what it is.
  internals.show = (value) =>
    typeof value === "string" ? JSON.stringify(value) : typeof value === "number" ? String(value) : typeName(value);

  // An argument of the wrong type: "WHERE: NAME must be WANTED, got TYPE".
  internals.wrongType = (where, name, wanted, value) =>
    new TypeError(`${where}: ${name} must be ${wanted}, got ${typeName(value)}`);

  // An argument of a type that can be right but a value that is not: "..., got VALUE" (show).
  internals.wrongValue = (where, name, wanted, value) =>
    new TypeError(`${where}: ${name} must be ${wanted}, got ${internals.show(value)}`);

  const check = (wanted, test, wrong = internals.wrongType) => (where, name, value) => {
    if (!test(value)) throw wrong(where, name, wanted, value);
    return value;
  };
  internals.check = {
    string: check("a string", (value) => typeof value === "string"),
    function: check("a function", (value) => typeof value === "function"),
    boolean: check("a boolean", (value) => typeof value === "boolean"),
    object: check("an object", (value) => value !== null && typeof value === "object" && !Array.isArray(value)),
    integer: check("an integer", (value) => Number.isInteger(value), internals.wrongValue),
    // An array of strings; a wrong item is named by its index: "urls[2] must be a string, got number".
    strings(where, name, value) {
      if (!Array.isArray(value)) throw internals.wrongType(where, name, "an array of strings", value);
      value.forEach((item, index) => internals.check.string(where, `${name}[${index}]`, item));
      return value;
    },
  };

  return undefined;
})
