// @ts-check
// Evaluating modules as ES does: each once per run, after the modules it imports (in the order
// it imports them), sharing one namespace object with every importer. loader.py has already
// read, checked and compiled them; a module's wrapper (wrappers.py) calls back into the handle
// made here to publish its exports and wait for its imports.
(function (/** @type {Hosts["modules/loader.js"]} */ host, /** @type {Internals} */ internals) {
  "use strict";
  const modules = []; // id -> record

  function define(id, evaluate, specText) {
    const spec = JSON.parse(specText);
    const record = {
      id, evaluate, filename: spec.filename, kind: spec.kind, deps: spec.deps, scc: spec.scc,
      status: "new", promise: null, locals: null, namespace: null,
    };
    modules[id] = record;
    if (spec.kind === "scripting" || spec.kind === "json") {
      // Nothing to evaluate: the namespace is their value.
      record.status = "done";
      record.promise = Promise.resolve();
    }
    if (spec.kind === "scripting") {
      Object.defineProperty(record, "namespace", { get: () => internals.scripting.namespace() });
      return;
    }
    record.namespace = makeNamespace(record, spec);
    if (spec.kind === "json") return;
    record.handle = makeHandle(record, spec);
  }

  function makeNamespace(record, spec) {
    const namespace = Object.create(null);
    let value;
    if (spec.kind === "json") value = JSON.parse(spec.json);
    // Names in code unit order, as an ES namespace lists them.
    const names = Object.keys(spec.exports).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const name of names) {
      const entry = spec.exports[name];
      let get;
      if (entry[0] === "json") {
        get = entry.length === 1 ? () => value : () => value[entry[1]];
      } else if (entry[0] === "local") {
        get = () => {
          if (record.locals === null) throw new ReferenceError(`${name} is not initialized yet (${record.filename} has not started)`);
          return record.locals[name]();
        };
      } else if (entry[0] === "namespace") {
        get = () => modules[entry[1]].namespace;
      } else {
        get = () => modules[entry[1]].namespace[entry[2]];
      }
      Object.defineProperty(namespace, name, { get, enumerable: true });
    }
    Object.defineProperty(namespace, Symbol.toStringTag, { value: "Module" });
    return Object.preventExtensions(namespace);
  }

  function makeHandle(record, spec) {
    const scope = Object.create(null);
    for (const [local, [dep, name]] of Object.entries(spec.scope)) {
      const get = name === "*" ? () => modules[dep].namespace : () => modules[dep].namespace[name];
      Object.defineProperty(scope, local, { get });
    }
    return {
      scope,
      meta: { url: spec.url },
      jsx: internals.jsx,
      exports(locals) { record.locals = locals; },
      link: () => link(record),
      import: (specifier) => dynamicImport(record, specifier),
    };
  }

  // The modules `record` imports, evaluated: each waits for the one before, as they would for
  // an ES module's top-level await. A module of the same import cycle that is already running
  // is not waited for (it is waiting for us): its exports are published, as in ES.
  async function link(record) {
    // Start the imports from a fresh job, not from inside this module's call: a long chain of
    // imports would otherwise nest one call per file and overflow the engine's stack.
    if (record.deps.length) await undefined;
    for (const id of record.deps) {
      const dep = modules[id];
      if (dep.status === "evaluating" && dep.scc === record.scc) continue;
      await evaluate(dep);
    }
    return record.deps.map((id) => modules[id].namespace);
  }

  function evaluate(record) {
    if (record.status === "new") {
      record.status = "evaluating";
      record.promise = Reflect.apply(record.evaluate, undefined, [record.handle]).then(
        () => { record.status = "done"; },
        (error) => { record.status = "failed"; throw error; },
      );
    }
    return record.promise;
  }

  function dynamicImport(record, specifier) {
    return new Promise((resolve) => {
      const id = host.load_dynamic(record.id, String(specifier));
      resolve(evaluate(modules[id]).then(() => modules[id].namespace));
    });
  }

  internals.modules = {
    define,
    // The function runtime.runScript calls to run a loaded script: a classic script runs anew
    // each time, a module once (later runs wait for the first).
    entry(id) {
      const record = modules[id];
      if (record.kind === "classic") return () => Reflect.apply(record.evaluate, undefined, [record.handle]);
      return () => evaluate(record);
    },
  };

  return undefined;
})
