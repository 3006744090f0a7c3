// @ts-check
// `console`, formatted as Node does: strings as they are, other values through util.inspect
// (pythonmonkey ships a port of Node's), printf-style placeholders when the first argument
// is a string that has them. Each call is one line handed to the host, which flushes it.
(function (/** @type {Hosts["runtime/console.js"]} */ host, /** @type {Internals} */ internals) {
  "use strict";
  // Loaded when first needed: requiring it takes ~17 ms, and many scripts log only strings.
  let loaded = null;
  function util() {
    if (loaded === null) {
      loaded = host.util();
      loaded.inspect.defaultOptions.colors = false;
    }
    return loaded;
  }
  internals.inspect = (value) => util().inspect(value);

  function format(args) {
    if (typeof args[0] === "string" && args[0].includes("%")) return util().format(...args);
    return args.map((a) => (typeof a === "string" ? a : util().inspect(a))).join(" ");
  }
  const toStdout = (...args) => host.write(1, format(args));
  const toStderr = (...args) => host.write(2, format(args));
  const counts = new Map();
  const started = new Map();

  const console = {
    log: toStdout, info: toStdout, debug: toStdout,
    warn: toStderr, error: toStderr,
    trace: (...args) => {
      const stack = new Error().stack.split("\n").slice(1).filter((l) => l && !l.includes("@bridge:"));
      toStderr(["Trace:", ...args.map((a) => (typeof a === "string" ? a : util().inspect(a)))].join(" ")
        + "\n" + stack.map((l) => "    at " + l).join("\n"));
    },
    assert: (condition, ...args) => {
      if (!condition) toStderr("Assertion failed" + (args.length ? ": " + format(args) : ""));
    },
    count: (label = "default") => {
      counts.set(label, (counts.get(label) || 0) + 1);
      toStdout(`${label}: ${counts.get(label)}`);
    },
    countReset: (label = "default") => { counts.delete(label); },
    time: (label = "default") => { started.set(label, Date.now()); },
    timeEnd: (label = "default") => {
      if (started.has(label)) toStdout(`${label}: ${Date.now() - started.get(label)}ms`);
      started.delete(label);
    },
    dir: (value) => toStdout(util().inspect(value)),
    table: toStdout,
    // The app clears its console view; here a terminal is cleared, anything else is left alone.
    clear: () => { host.clear(); },
    // The app shows its console view and resolves when it is dismissed; there is none here.
    present: () => Promise.resolve(),
  };
  return { console };
})
