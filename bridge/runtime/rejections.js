// @ts-check
// Unhandled promise rejections, as Node reports them: a promise rejected with no handler that
// still has none once the promise jobs pending at that moment have run (rejections.py).
(function (/** @type {Hosts["runtime/rejections.js"]} */ host, /** @type {Internals} */ internals) {
  "use strict";
  const then = Promise.prototype.then; // the engine's own, whatever a script does to the prototype
  const unhandled = new Set();
  internals.rejections = {
    // What the engine's rejection tracker said, in order (rejections.py replays it here).
    note(promise, handled) {
      if (handled) unhandled.delete(promise);
      else unhandled.add(promise);
    },
    // Reports each promise still unhandled with its reason; reading the reason handles it.
    report() {
      for (const promise of unhandled) {
        Reflect.apply(then, promise, [undefined, (reason) => internals.reportError(reason, "unhandled rejection")]);
      }
      unhandled.clear();
    },
  };
  return undefined;
})
