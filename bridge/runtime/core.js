// @ts-check
// The runtime's shared JS helpers: defining globals, and calling script callbacks so that
// whatever they throw (or reject with) is reported instead of unwinding into Python.
(function (/** @type {Hosts["runtime/core.js"]} */ host, /** @type {Internals} */ internals) {
  "use strict";

  internals.defineGlobals = function defineGlobals(exports) {
    for (const name of Object.keys(exports)) {
      Object.defineProperty(globalThis, name, {
        value: exports[name], writable: true, configurable: true, enumerable: false,
      });
    }
  };

  internals.defineGlobal = (name, value) => internals.defineGlobals({ [name]: value });

  // Plain values only cross into Python: pythonmonkey makes a proxy per object crossing.
  /** [headline, stack, file, line, column] of a thrown value, as plain strings and numbers.
   * @returns {[string, string, string, number, number]} */
  function describe(error) {
    if (error instanceof Error || (error && typeof error.stack === "string")) {
      return [`${error.name || "Error"}: ${error.message}`, String(error.stack || ""),
        String(error.fileName || ""), Number(error.lineNumber) || 0, Number(error.columnNumber) || 0];
    }
    return [internals.inspect(error), "", "", 0, 0];
  }

  function reportError(error, kind) {
    host.report_error(kind, ...describe(error));
  }
  internals.reportError = reportError;

  // The file of the innermost script frame that called in ("" if none): a relative path an
  // API is given starts at its folder, the script that made the call, not the last one run.
  internals.callerFile = function callerFile() {
    for (const frame of String(new Error().stack).split("\n")) {
      const file = frame.slice(frame.lastIndexOf("@") + 1).replace(/:\d+:\d+$/, "");
      if (frame.includes("@") && file && !file.startsWith("bridge:") && file !== "self-hosted") return file;
    }
    return "";
  };

  // A failure an API returns rather than throws: reported where the script called it.
  internals.reportProblem = function reportProblem(message) {
    host.report_error("problem", message, String(new Error().stack), "", 0, 0);
  };

  // A callback that runs this long holds up every other connection and timer: say so.
  const SLOW_CALLBACK_MS = 500;

  // Calls a script callback, and names it in a warning if it ran too long; what it throws
  // propagates (HTTP handlers answer their own failures with a 500). `name` (a string, or a
  // function making one, called only then) says what the callback is, for the warning.
  internals.timed = function timed(callback, thisArg, args, name) {
    const started = Date.now();
    try {
      return Reflect.apply(callback, thisArg, args);
    } finally {
      const elapsed = Date.now() - started;
      if (elapsed >= SLOW_CALLBACK_MS) {
        const what = typeof name === "function" ? name() : name ?? (callback.name || "a callback");
        host.report_slow(String(what), elapsed);
      }
    }
  };

  // Where `error` (made where an anonymous callback was handed in) points in the script: its
  // innermost frame outside the runtime, as FILE:LINE:COL ("" if none).
  internals.origin = function origin(error) {
    for (const frame of String(error.stack).split("\n")) {
      const at = frame.lastIndexOf("@");
      const where = frame.slice(at + 1);
      if (at >= 0 && where && !where.startsWith("bridge:") && !where.startsWith("self-hosted")) return where;
    }
    return "";
  };

  // Calls a script callback; what it throws is reported, never raised. (If it returns a
  // promise that rejects, the rejection tracker reports it: rejections.py.)
  internals.invoke = function invoke(callback, thisArg, args, name) {
    try {
      return internals.timed(callback, thisArg, args, name);
    } catch (e) {
      reportError(e, "uncaught");
      return undefined;
    }
  };

  // Runs a compiled script (see engine.py); how its top level ended goes to the host.
  internals.runScript = function runScript(scriptFunction, token) {
    scriptFunction().then(
      () => host.script_finished(token),
      (e) => host.script_failed(token, ...describe(e)),
    );
  };

  return undefined;
})
