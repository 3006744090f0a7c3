// @ts-check
// The module "scripting": the app's exports. A name the runtime provides as a global (looked
// up when the module is first imported, so APIs installed later count) is the real thing; the
// element factory JSX compiles to is ours; every other name is the app's iOS interface, which
// imports fine (so shared files load) and fails with one clear sentence when it is used.
(function (/** @type {Hosts["modules/scripting.js"]} */ host, /** @type {Internals} */ internals) {
  "use strict";

  function unavailable(name) {
    return new Error(`${name} is part of the app's iOS interface, which scripting-bridge does not provide`);
  }

  // Read from the function itself: what promises, JSON and conversions to text look for.
  const PLAIN = new Set(["then", "toJSON", "valueOf", "name", "length", "prototype", "constructor"]);

  // A stand-in for `name`: its members are stand-ins too (`Navigation.present`), and calling
  // or constructing any of them throws. It is not a thenable, so `await` and promises pass it by.
  function placeholder(name) {
    const target = function () {};
    Object.defineProperty(target, "name", { value: name });
    const members = new Map();
    return new Proxy(target, {
      get(object, key) {
        if (typeof key === "symbol" || PLAIN.has(key)) return Reflect.get(object, key);
        if (key === "toString") return () => `[${name}: not provided by scripting-bridge]`;
        let member = members.get(key);
        if (member === undefined) {
          member = placeholder(`${name}.${key}`);
          members.set(key, member);
        }
        return member;
      },
      apply() { throw unavailable(name); },
      construct() { throw unavailable(name); },
    });
  }

  // Elements as the app's factory makes them: plain objects; rendering them is the app's part.
  function createElement(type, props, ...children) {
    const all = { ...(props || {}) };
    if (children.length) all.children = children.length === 1 ? children[0] : children;
    return { type, props: all, key: all.key === undefined ? null : all.key };
  }
  function Fragment(props) {
    return props ? props.children : undefined;
  }
  internals.jsx = { createElement, Fragment };

  const ours = { createElement, Fragment };
  // The language's and the engine's own globals, there before the runtime installs its APIs:
  // the app's `Map` (a map view) is not JavaScript's Map.
  const builtin = new Set(host.engine_global_names());
  const isRuntimeGlobal = (name) => !builtin.has(name) && Object.prototype.hasOwnProperty.call(globalThis, name);
  let namespace = null;
  const extraGlobals = [];

  internals.scripting = {
    // The module's namespace object, made when it is first imported.
    namespace() {
      if (namespace !== null) return namespace;
      namespace = Object.create(null);
      for (const name of host.value_names()) {
        const value = name in ours ? ours[name] : isRuntimeGlobal(name) ? globalThis[name] : placeholder(name);
        Object.defineProperty(namespace, name, { value, enumerable: true });
      }
      for (const name of extraGlobals) defineGlobal(name);
      Object.defineProperty(namespace, Symbol.toStringTag, { value: "Module" });
      return namespace;
    },
    isGlobal: isRuntimeGlobal,
    // A runtime global that is not in the app's list (`Data`, `HttpServer`): importable too.
    allowGlobal(name) {
      if (namespace === null) extraGlobals.push(name);
      else defineGlobal(name);
    },
  };

  function defineGlobal(name) {
    if (!Object.prototype.hasOwnProperty.call(namespace, name)) {
      Object.defineProperty(namespace, name, { value: globalThis[name], enumerable: true });
    }
  }

  return undefined;
})
