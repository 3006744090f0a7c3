// @ts-check
// Timers as the Scripting app (JavaScriptCore) has them: numeric ids, callbacks kept here in
// JS, the clock kept by the Python loop. Python hands back only ids, so no function crosses.
(function (/** @type {Hosts["runtime/timers.js"]} */ host, /** @type {Internals} */ internals) {
  "use strict";
  const pending = new Map(); // id -> { callback, args, repeat }
  let lastId = 0;

  function schedule(name, callback, delay, args, repeat) {
    internals.check.function(name, "callback", callback);
    const ms = Number(delay);
    const id = ++lastId;
    // An anonymous callback is named by where it was handed in, should it run too long (an
    // Error's stack is captured now and formatted only then).
    const origin = callback.name ? null : new Error();
    pending.set(id, { callback, args, repeat, name: origin && (() => `the ${name} callback from ${internals.origin(origin)}`) });
    host.start(id, ms > 0 ? ms : 0, repeat);
    return id;
  }

  function clear(id) {
    const key = Number(id);
    if (pending.delete(key)) host.cancel(key);
  }

  internals.timers = {
    fire(id) { // timers.py, when a timer is due
      const timer = pending.get(id);
      if (timer === undefined) return;
      if (!timer.repeat) pending.delete(id);
      internals.invoke(timer.callback, undefined, timer.args, timer.name ?? undefined);
    },
  };

  return {
    setTimeout: (callback, delay, ...args) => schedule("setTimeout", callback, delay, args, false),
    setInterval: (callback, delay, ...args) => schedule("setInterval", callback, delay, args, true),
    clearTimeout: clear,
    clearInterval: clear,
    // As in Node: a timeout of 0 (after the I/O and timers already due), cleared by clearImmediate.
    setImmediate: (callback, ...args) => schedule("setImmediate", callback, 0, args, false),
    clearImmediate: clear,
    queueMicrotask: (callback) => {
      internals.check.function("queueMicrotask", "callback", callback);
      Promise.resolve().then(() => internals.invoke(callback, undefined, []));
    },
  };
})
