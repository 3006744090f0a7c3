// @ts-check
// `FileEntity`: an open file a script reads or writes piece by piece (file_entity.py holds it,
// found by an id). Reading at the end gives an empty Data; any call but seek on a closed file
// throws, and close() twice is harmless. A FileEntity collected while still open is closed.
(function (/** @type {Hosts["files/file_entity.js"]} */ host, /** @type {Internals} */ internals) {
  "use strict";

  const closeWhenCollected = new FinalizationRegistry((id) => host.close(id));
  const constructing = Symbol("FileEntity");

  class FileEntity {
    #id;
    #path;

    constructor(key, id, path) {
      if (key !== constructing) {
        throw new TypeError("FileEntity: use FileEntity.openForReading(path) or another static open method");
      }
      this.#id = id;
      this.#path = path;
      closeWhenCollected.register(this, id, this);
    }

    static {
      // For HttpResponse.raw (http/response.js): the id of a FileEntity, undefined for anything else.
      internals.fileEntityId = (value) => (value !== null && typeof value === "object" && #id in value
        ? value.#id : undefined);
    }

    get path() { return this.#path; }

    // Ours: the current position in bytes.
    get offset() { return host.offset(this.#id); }

    seek(offset) {
      if (typeof offset !== "number" || !Number.isInteger(offset) || offset < 0) return false;
      return host.seek(this.#id, offset);
    }

    read(size) {
      internals.check.integer("FileEntity.read", "size", size);
      if (size < 0) throw new RangeError(`FileEntity.read: size must not be negative, got ${size}`);
      return internals.dataFromBytes(call("read", this.#path, () => host.read(this.#id, size)));
    }

    write(data) {
      const bytes = internals.bytesOfData("FileEntity.write", "data", data);
      call("write", this.#path, () => host.write(this.#id, bytes));
    }

    close() {
      closeWhenCollected.unregister(this);
      host.close(this.#id);
    }

    static openForReading(path) { return open("openForReading", path, "r"); }
    static openNewForWriting(path) { return open("openNewForWriting", path, "w"); }
    static openForWritingAndReading(path) { return open("openForWritingAndReading", path, "r+"); }
    static openForMode(path, mode) {
      internals.check.string("FileEntity.openForMode", "mode", mode);
      return open("openForMode", path, mode);
    }
  }

  // Python's errors name neither the class nor the file: add both.
  function call(member, path, operation) {
    try {
      return operation();
    } catch (error) {
      const Kind = error instanceof TypeError ? TypeError : Error;
      throw new Kind(`FileEntity.${member} (${path}): ${error.message}`);
    }
  }

  function open(member, path, mode) {
    internals.check.string(`FileEntity.${member}`, "path", path);
    let id;
    try {
      id = host.open(path, mode, internals.callerFile());
    } catch (error) {
      const Kind = error instanceof TypeError ? TypeError : Error;
      throw new Kind(`FileEntity.${member}: ${error.message}`);
    }
    return new FileEntity(constructing, id, path);
  }

  return { FileEntity };
})
