// @ts-check
// AbortController, AbortSignal and AbortEvent (WHATWG's, as the app declares them), and the
// app's older CancelToken with its CancelError. fetch.js listens to both to stop a request.
// AbortSignal.timeout's clock is kept by Python (abort.py) without keeping the process alive,
// as a browser's or Node's would not.
(function (/** @type {Hosts["fetch/abort.js"]} */ host, /** @type {Internals} */ internals) {
  "use strict";

  function checkListener(where, type, expected, listener) {
    if (type !== expected) throw internals.wrongValue(where, "type", JSON.stringify(expected), type);
    internals.check.function(where, "listener", listener);
  }

  class AbortEvent {
    constructor(signal) {
      Object.defineProperty(this, "type", { value: "abort", enumerable: true });
      Object.defineProperty(this, "target", { value: signal, enumerable: true });
    }
  }

  const timeouts = new Map(); // timer id -> signal, for AbortSignal.timeout
  let lastTimeout = 0;

  class AbortSignal {
    #aborted = false;
    #reason = undefined;
    #listeners = [];
    onabort = null;

    get aborted() { return this.#aborted; }

    get reason() { return this.#reason; }

    // Internal in the app's declaration: abort now, then tell the listeners (onabort first).
    _dispatchAbort(reason) {
      if (this.#aborted) return;
      this.#aborted = true;
      this.#reason = reason === undefined ? new DOMException("This operation was aborted", "AbortError") : reason;
      const event = new AbortEvent(this);
      if (typeof this.onabort === "function") internals.invoke(this.onabort, this, [event]);
      for (const listener of this.#listeners.splice(0)) internals.invoke(listener, this, [event]);
    }

    throwIfAborted() {
      if (this.#aborted) throw this.#reason;
    }

    addEventListener(type, listener) {
      checkListener("AbortSignal.addEventListener", type, "abort", listener);
      if (!this.#listeners.includes(listener)) this.#listeners.push(listener);
    }

    removeEventListener(type, listener) {
      checkListener("AbortSignal.removeEventListener", type, "abort", listener);
      const at = this.#listeners.indexOf(listener);
      if (at >= 0) this.#listeners.splice(at, 1);
    }

    static abort(reason) {
      const signal = new AbortSignal();
      signal._dispatchAbort(reason);
      return signal;
    }

    static timeout(delay) {
      if (typeof delay !== "number" || !(delay >= 0) || !Number.isFinite(delay)) {
        throw internals.wrongValue("AbortSignal.timeout", "delay", "a finite number of milliseconds >= 0", delay);
      }
      const signal = new AbortSignal();
      const id = ++lastTimeout;
      timeouts.set(id, new WeakRef(signal));
      host.start_timeout(id, delay);
      return signal;
    }

    static any(signals) {
      if (signals === null || typeof signals !== "object" || typeof signals[Symbol.iterator] !== "function") {
        throw internals.wrongType("AbortSignal.any", "signals", "an array of AbortSignals", signals);
      }
      const list = Array.from(signals);
      list.forEach((signal, i) => {
        if (!(signal instanceof AbortSignal)) {
          throw internals.wrongType("AbortSignal.any", `signals[${i}]`, "an AbortSignal", signal);
        }
      });
      const combined = new AbortSignal();
      const done = list.find((signal) => signal.aborted);
      if (done !== undefined) {
        combined._dispatchAbort(done.reason);
        return combined;
      }
      const follow = (event) => {
        for (const signal of list) signal.removeEventListener("abort", follow);
        combined._dispatchAbort(event.target.reason);
      };
      for (const signal of list) signal.addEventListener("abort", follow);
      return combined;
    }
  }

  class AbortController {
    constructor() {
      Object.defineProperty(this, "signal", { value: new AbortSignal(), enumerable: true });
      /** @type {AbortSignal} */ this.signal; // (read-only, as the web's; declared for the type checker)
    }

    abort(reason) { this.signal._dispatchAbort(reason); }
  }

  class CancelError extends Error {
    constructor(message) {
      super(message === undefined ? "The request was cancelled" : message);
    }
  }
  CancelError.prototype.name = "CancelError";

  class CancelToken {
    #cancelled = false;
    #reason = undefined;
    #listeners = [];
    oncancel = null;

    constructor() {
      Object.defineProperty(this, "token", { value: internals.newUUID(), enumerable: true });
    }

    get cancelReason() { return this.#reason; }

    get isCancelled() { return this.#cancelled; }

    cancel(reason) {
      if (this.#cancelled) return;
      this.#cancelled = true;
      this.#reason = reason;
      if (typeof this.oncancel === "function") internals.invoke(this.oncancel, this, [reason]);
      for (const listener of this.#listeners.splice(0)) internals.invoke(listener, this, [reason]);
    }

    addEventListener(type, listener) {
      checkListener("CancelToken.addEventListener", type, "cancel", listener);
      if (!this.#listeners.includes(listener)) this.#listeners.push(listener);
    }

    removeEventListener(type, listener) {
      checkListener("CancelToken.removeEventListener", type, "cancel", listener);
      const at = this.#listeners.indexOf(listener);
      if (at >= 0) this.#listeners.splice(at, 1);
    }
  }

  internals.abort = {
    // abort.py: an AbortSignal.timeout ran out (the signal may be gone: nobody listens then).
    timedOut(id) {
      const signal = timeouts.get(id)?.deref();
      timeouts.delete(id);
      signal?._dispatchAbort(new DOMException("The operation timed out.", "TimeoutError"));
    },
    AbortSignal,
    CancelToken,
    CancelError,
  };

  return { AbortController, AbortSignal, AbortEvent, CancelToken, CancelError };
})
