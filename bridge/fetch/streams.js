// @ts-check
// ReadableStream, its default controller and reader, as the app declares them (the module
// "scripting" exports them; here they are globals too). Pure JS: fetch.js gives a response body
// an underlying source that pulls chunks from Python on demand, so nothing is read before a
// reader asks (plus one chunk ahead: the queue's high-water mark is one chunk).
(function (/** @type {Hosts["fetch/streams.js"]} */ host, /** @type {Internals} */ internals) {
  "use strict";
  const HIGH_WATER_MARK = 1;

  let newController, attach, startController, readFrom, cancelFrom;

  class ReadableStreamDefaultController {
    #queue = [];
    #pullAlgorithm;
    #cancelAlgorithm;
    #closeRequested = false;
    #closed = false;
    #errored = false;
    #errorReason = undefined;
    #pulling = false;
    #pullAgain = false;
    #started = false;
    #readRequests = []; // { resolve, reject } of reads waiting for a chunk
    #onSettled = null; // the stream's reader learns of close/error through this

    constructor(pullAlgorithm, cancelAlgorithm) {
      this.#pullAlgorithm = pullAlgorithm;
      this.#cancelAlgorithm = cancelAlgorithm;
    }

    static {
      newController = (pull, cancel) => new ReadableStreamDefaultController(pull, cancel);
      attach = (controller, onSettled) => { controller.#onSettled = onSettled; };
      startController = (controller, startResult) => {
        Promise.resolve(startResult).then(() => {
          controller.#started = true;
          controller.#pullIfNeeded();
        }, (e) => controller.error(e));
      };
      readFrom = (controller) => controller.#read();
      cancelFrom = (controller, reason) => controller.#cancelStream(reason);
    }

    enqueue(chunk) {
      if (this.#closeRequested || this.#closed) {
        throw new TypeError("ReadableStreamDefaultController.enqueue: the stream is closed or closing");
      }
      if (this.#errored) throw new TypeError("ReadableStreamDefaultController.enqueue: the stream has errored");
      const waiting = this.#readRequests.shift();
      if (waiting !== undefined) waiting.resolve({ value: chunk, done: false });
      else this.#queue.push(chunk);
      this.#pullIfNeeded();
    }

    close() {
      if (this.#closeRequested || this.#closed) {
        throw new TypeError("ReadableStreamDefaultController.close: the stream is already closed or closing");
      }
      if (this.#errored) throw new TypeError("ReadableStreamDefaultController.close: the stream has errored");
      this.#closeRequested = true;
      if (this.#queue.length === 0) this.#finishClose();
    }

    error(e) {
      if (this.#errored || this.#closed) return;
      this.#errored = true;
      this.#errorReason = e;
      this.#queue = [];
      for (const waiting of this.#readRequests.splice(0)) waiting.reject(e);
      this.#onSettled?.(false, e);
    }

    get desiredSize() {
      if (this.#errored) return null;
      if (this.#closed || this.#closeRequested) return 0;
      return HIGH_WATER_MARK - this.#queue.length;
    }

    // Internal in the app's declaration: the next queued chunk, taken off the queue.
    dequeue() {
      const chunk = this.#queue.shift();
      if (this.#closeRequested && this.#queue.length === 0) this.#finishClose();
      return chunk;
    }

    // Internal in the app's declaration: asks the source for more; true if pull ran.
    async pull() {
      if (this.#pullAlgorithm === undefined || this.#pulling || this.#closeRequested
        || this.#closed || this.#errored) return false;
      await this.#callPull();
      return true;
    }

    get closed() { return this.#closed; }

    get errored() { return this.#errored; }

    get errorReason() { return this.#errorReason; }

    // Internal in the app's declaration: the consumer lost interest.
    cancel(reason) { return this.#cancelStream(reason); }

    #finishClose() {
      this.#closed = true;
      for (const waiting of this.#readRequests.splice(0)) waiting.resolve({ value: undefined, done: true });
      this.#onSettled?.(true);
    }

    #read() {
      if (this.#errored) return Promise.reject(this.#errorReason);
      if (this.#queue.length > 0) {
        const value = this.dequeue();
        this.#pullIfNeeded();
        return Promise.resolve({ value, done: false });
      }
      if (this.#closed || this.#closeRequested) return Promise.resolve({ value: undefined, done: true });
      const pending = new Promise((resolve, reject) => this.#readRequests.push({ resolve, reject }));
      this.#pullIfNeeded();
      return pending;
    }

    #pullIfNeeded() {
      if (!this.#started || this.#pullAlgorithm === undefined || this.#closeRequested
        || this.#closed || this.#errored) return;
      if (this.#readRequests.length === 0 && this.desiredSize <= 0) return;
      if (this.#pulling) {
        this.#pullAgain = true;
        return;
      }
      this.#callPull().then(() => {
        if (this.#pullAgain) {
          this.#pullAgain = false;
          this.#pullIfNeeded();
        }
      });
    }

    #callPull() {
      this.#pulling = true;
      let result;
      try {
        result = this.#pullAlgorithm(this);
      } catch (e) {
        result = Promise.reject(e);
      }
      return Promise.resolve(result).then(() => { this.#pulling = false; }, (e) => {
        this.#pulling = false;
        this.error(e);
      });
    }

    #cancelStream(reason) {
      if (this.#closed) return Promise.resolve();
      if (this.#errored) return Promise.reject(this.#errorReason);
      this.#queue = [];
      this.#closeRequested = true;
      this.#finishClose();
      try {
        return Promise.resolve(this.#cancelAlgorithm?.(reason)).then(() => undefined);
      } catch (e) {
        return Promise.reject(e);
      }
    }
  }

  class ReadableStreamDefaultReader {
    #controller;
    #releaseLockCallback;
    #released = false;
    #closed;
    #settleClosed;

    constructor(controller, releaseLockCallback) {
      if (!(controller instanceof ReadableStreamDefaultController)) {
        throw new TypeError("ReadableStreamDefaultReader: use stream.getReader() to get a reader");
      }
      this.#controller = controller;
      this.#releaseLockCallback = releaseLockCallback;
      this.#closed = new Promise((resolve, reject) => { this.#settleClosed = { resolve, reject }; });
      this.#closed.catch(() => {}); // a rejection nobody awaits is not an error of the script's
      if (controller.closed) this.#settleClosed.resolve();
      else if (controller.errored) this.#settleClosed.reject(controller.errorReason);
      else {
        attach(controller, (closed, reason) => {
          if (closed) this.#settleClosed.resolve();
          else this.#settleClosed.reject(reason);
        });
      }
    }

    get closed() { return this.#closed; }

    cancel(reason) {
      if (this.#released) return Promise.reject(new TypeError("ReadableStreamDefaultReader.cancel: the lock was released"));
      return cancelFrom(this.#controller, reason);
    }

    read() {
      if (this.#released) return Promise.reject(new TypeError("ReadableStreamDefaultReader.read: the lock was released"));
      return readFrom(this.#controller);
    }

    releaseLock() {
      if (this.#released) return;
      this.#released = true;
      attach(this.#controller, null);
      if (!this.#controller.closed) {
        this.#settleClosed.reject(new TypeError("ReadableStreamDefaultReader: the lock was released"));
      }
      this.#releaseLockCallback();
    }
  }

  class ReadableStream {
    #controller;
    #locked = false;

    constructor(underlyingSource) {
      if (underlyingSource !== undefined && underlyingSource !== null) {
        internals.check.object("ReadableStream", "underlyingSource", underlyingSource);
      }
      const source = underlyingSource ?? {};
      for (const name of ["start", "pull", "cancel"]) {
        if (source[name] !== undefined) internals.check.function("ReadableStream", `underlyingSource.${name}`, source[name]);
      }
      const pull = source.pull === undefined ? undefined : (controller) => source.pull.call(source, controller);
      const cancel = source.cancel === undefined ? undefined : (reason) => source.cancel.call(source, reason);
      this.#controller = newController(pull, cancel);
      startController(this.#controller, source.start?.call(source, this.#controller));
    }

    get locked() { return this.#locked; }

    getReader() {
      if (this.#locked) throw new TypeError("ReadableStream.getReader: the stream is locked to another reader");
      this.#locked = true;
      return new ReadableStreamDefaultReader(this.#controller, () => { this.#locked = false; });
    }

    // Ours (WHATWG has it, the app's declaration does not): cancel without taking a reader.
    cancel(reason) {
      if (this.#locked) return Promise.reject(new TypeError("ReadableStream.cancel: the stream is locked to a reader"));
      return cancelFrom(this.#controller, reason);
    }

    tee() {
      const reader = this.getReader();
      const controllers = [];
      const cancelled = [false, false];
      const reasons = [];
      let reading = null;
      let resolveCancel;
      const bothCancelled = new Promise((resolve) => { resolveCancel = resolve; });
      const pull = () => {
        reading ??= reader.read().then(({ value, done }) => {
          reading = null;
          controllers.forEach((controller, i) => {
            if (cancelled[i]) return;
            if (done) controller.close();
            else controller.enqueue(value);
          });
        }, (e) => {
          reading = null;
          controllers.forEach((controller) => controller.error(e));
        });
        return reading;
      };
      const branch = (i) => new ReadableStream({
        start: (controller) => { controllers[i] = controller; },
        pull,
        cancel: (reason) => {
          cancelled[i] = true;
          reasons[i] = reason;
          if (cancelled[0] && cancelled[1]) resolveCancel(reader.cancel(reasons));
          return bothCancelled;
        },
      });
      return [branch(0), branch(1)];
    }

    [Symbol.asyncIterator]() {
      const reader = this.getReader();
      return {
        next: () => reader.read().then((result) => {
          if (result.done) reader.releaseLock();
          return result;
        }),
        return: async (value) => {
          await reader.cancel();
          reader.releaseLock();
          return { value, done: true };
        },
        [Symbol.asyncIterator]() { return this; },
      };
    }

    get [Symbol.toStringTag]() { return "ReadableStream"; }
  }

  // For fetch.js: a stream over a pull function and a cancel function.
  internals.streams = {
    from: (pull, cancel) => new ReadableStream({ pull, cancel }),
    isStream: (value) => value instanceof ReadableStream,
    // Every chunk of a stream, read to the end (as Uint8Arrays, or whatever it yields).
    async collect(stream) {
      const chunks = [];
      const reader = stream.getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        chunks.push(value);
      }
      reader.releaseLock();
      return chunks;
    },
  };

  return { ReadableStream, ReadableStreamDefaultReader, ReadableStreamDefaultController };
})
