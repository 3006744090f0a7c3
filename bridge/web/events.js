// @ts-check
// Event and EventTarget, the web platform's, for scripts that make their own event sources.
// There is no document tree here, so an event is only ever at its target: no capture or bubble
// phase, and `bubbles`/`composed` are just recorded. Listener options: `capture` (part of a
// listener's identity, as in the DOM), `once` and `passive`; `signal` needs AbortSignal, which
// the runtime does not have, and is refused. A listener's throw is reported and the others run.
(function (/** @type {Hosts["web/events.js"]} */ host, /** @type {Internals} */ internals) {
  "use strict";
  const NONE = 0;
  const AT_TARGET = 2;
  const origin = Date.now();

  let dispatching; // (event, target) -> void; set in Event, which alone reaches its fields

  class Event {
    #type;
    #bubbles;
    #cancelable;
    #composed;
    #target = null;
    #currentTarget = null;
    #phase = NONE;
    #canceled = false;
    #passive = false;
    #stopped = false;
    #stoppedNow = false;
    #active = false;
    #timeStamp = Date.now() - origin;

    constructor(type, init) {
      if (arguments.length === 0) throw new TypeError("Event: a type is required");
      if (init !== undefined && init !== null) internals.check.object("Event", "options", init);
      this.#type = String(type);
      this.#bubbles = Boolean(init?.bubbles);
      this.#cancelable = Boolean(init?.cancelable);
      this.#composed = Boolean(init?.composed);
    }

    get type() { return this.#type; }
    get target() { return this.#target; }
    get currentTarget() { return this.#currentTarget; }
    get eventPhase() { return this.#phase; }
    get bubbles() { return this.#bubbles; }
    get cancelable() { return this.#cancelable; }
    get composed() { return this.#composed; }
    get defaultPrevented() { return this.#canceled; }
    get isTrusted() { return false; }
    get timeStamp() { return this.#timeStamp; }

    // Cancels the event's default action if it is cancelable (ignored in a passive listener).
    preventDefault() {
      if (this.#cancelable && !this.#passive) this.#canceled = true;
    }
    stopPropagation() { this.#stopped = true; }
    // No listener after the current one runs.
    stopImmediatePropagation() { this.#stopped = true; this.#stoppedNow = true; }
    composedPath() { return this.#active && this.#currentTarget !== null ? [this.#currentTarget] : []; }

    static {
      dispatching = {
        begin(event, target) {
          if (event.#active) throw new DOMException("Event: it is being dispatched already", "InvalidStateError");
          event.#active = true;
          event.#target = target;
          event.#currentTarget = target;
          event.#phase = AT_TARGET;
          event.#stopped = false;
          event.#stoppedNow = false;
        },
        stoppedNow: (event) => event.#stoppedNow,
        passive(event, passive) { event.#passive = passive; },
        end(event) {
          event.#active = false;
          event.#currentTarget = null;
          event.#phase = NONE;
          event.#passive = false;
        },
        isEvent: (value) => value !== null && typeof value === "object" && #type in value,
      };
    }
  }
  for (const [name, value] of [["NONE", 0], ["CAPTURING_PHASE", 1], ["AT_TARGET", 2], ["BUBBLING_PHASE", 3]]) {
    Object.defineProperty(Event, name, { value, enumerable: true });
  }

  // addEventListener's options: a boolean (capture) or an object.
  function flatten(options) {
    if (typeof options === "boolean" || options === undefined || options === null) {
      return { capture: Boolean(options), once: false, passive: false };
    }
    if (typeof options !== "object") {
      throw internals.wrongType("EventTarget.addEventListener", "options", "a boolean or an object", options);
    }
    if (options.signal !== undefined) {
      throw new TypeError("EventTarget.addEventListener: the signal option needs AbortSignal, which scripting-bridge does not have");
    }
    return { capture: Boolean(options.capture), once: Boolean(options.once), passive: Boolean(options.passive) };
  }

  function checkCallback(method, callback) {
    if (callback === null || callback === undefined) return false; // ignored, as in the DOM
    if (typeof callback === "function") return true;
    if (typeof callback === "object") return true; // an object with handleEvent, looked up when called
    throw internals.wrongType(`EventTarget.${method}`, "listener", "a function or an object with handleEvent", callback);
  }

  class EventTarget {
    #listeners = new Map(); // type -> [{ callback, capture, once, passive, removed }], in order

    addEventListener(type, callback, options) {
      const flags = flatten(options);
      if (!checkCallback("addEventListener", callback)) return;
      type = String(type);
      let list = this.#listeners.get(type);
      if (list === undefined) this.#listeners.set(type, (list = []));
      if (list.some((item) => item.callback === callback && item.capture === flags.capture)) return;
      list.push({ callback, ...flags, removed: false });
    }

    removeEventListener(type, callback, options) {
      const capture = typeof options === "object" && options !== null ? Boolean(options.capture) : Boolean(options);
      if (!checkCallback("removeEventListener", callback)) return;
      const list = this.#listeners.get(String(type));
      const index = list === undefined ? -1 : list.findIndex((item) => item.callback === callback && item.capture === capture);
      if (index < 0) return;
      list[index].removed = true;
      list.splice(index, 1);
    }

    // Calls the listeners for event.type in the order added; returns false if one called
    // preventDefault() on a cancelable event.
    dispatchEvent(event) {
      if (!dispatching.isEvent(event)) {
        throw internals.wrongType("EventTarget.dispatchEvent", "event", "an Event", event);
      }
      dispatching.begin(event, this);
      try {
        const list = this.#listeners.get(event.type);
        for (const item of list === undefined ? [] : list.slice()) {
          if (item.removed) continue;
          if (item.once) this.removeEventListener(event.type, item.callback, item.capture);
          dispatching.passive(event, item.passive);
          if (typeof item.callback === "function") {
            internals.invoke(item.callback, this, [event]);
          } else if (typeof item.callback.handleEvent === "function") {
            internals.invoke(item.callback.handleEvent, item.callback, [event]);
          } else {
            internals.reportError(new TypeError(`EventTarget: the listener for "${event.type}" has no handleEvent method`), "uncaught");
          }
          dispatching.passive(event, false);
          if (dispatching.stoppedNow(event)) break;
        }
      } finally {
        dispatching.end(event);
      }
      return !event.defaultPrevented;
    }
  }

  return { Event, EventTarget };
})
