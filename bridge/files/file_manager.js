// @ts-check
// `FileManager`: the app's file-system namespace. Each operation has an async member (a promise,
// the work done on a Python worker thread) and a `...Sync` one (done at once); file_manager.py
// runs both from one table, so the two forms cannot disagree. Arguments are checked here
// (TypeError naming the member and argument); what the file system refuses comes back as an
// Error naming the member, the path and the reason.
(function (/** @type {Hosts["files/file_manager.js"]} */ host, /** @type {Internals} */ internals) {
  "use strict";

  // What each argument of a member is: where it goes in the call to Python, and its check.
  const ARGUMENTS = {
    path: ["path", (v) => typeof v === "string", "a string"],
    srcPath: ["path", (v) => typeof v === "string", "a string"],
    newPath: ["other", (v) => typeof v === "string", "a string"],
    destPath: ["other", (v) => typeof v === "string", "a string"],
    target: ["text", (v) => typeof v === "string", "a string"],
    contents: ["text", (v) => typeof v === "string", "a string"],
    text: ["text", (v) => typeof v === "string", "a string"],
    encoding: ["encoding", (v) => v === undefined || v === null || typeof v === "string", "an Encoding name"],
    recursive: ["flag", (v) => v === undefined || v === null || typeof v === "boolean", "a boolean"],
    shouldKeepParent: ["flag", (v) => v === undefined || v === null || typeof v === "boolean", "a boolean"],
    bytes: ["data", (v) => v instanceof Uint8Array, "a Uint8Array"],
    data: ["data", (v) => v instanceof internals.Data, "a Data"],
  };
  const SLOTS = ["path", "other", "text", "encoding", "flag", "data"];

  // member -> [its parameters, what it returns]; each gets an async form and a Sync form.
  const MEMBERS = {
    readAsString: [["path", "encoding"], "text"],
    readAsBytes: [["path"], "bytes"],
    readAsData: [["path"], "data"],
    writeAsString: [["path", "contents", "encoding"], "void"],
    writeAsBytes: [["path", "bytes"], "void"],
    writeAsData: [["path", "data"], "void"],
    appendText: [["path", "text", "encoding"], "void"],
    appendData: [["path", "data"], "void"],
    exists: [["path"], "value"],
    isFile: [["path"], "value"],
    isDirectory: [["path"], "value"],
    isLink: [["path"], "value"],
    isBinaryFile: [["path"], "value"],
    stat: [["path"], "value"],
    readDirectory: [["path", "recursive"], "value"],
    createDirectory: [["path", "recursive"], "void"],
    createLink: [["path", "target"], "void"],
    copyFile: [["path", "newPath"], "void"],
    rename: [["path", "newPath"], "void"],
    remove: [["path"], "void"],
    zip: [["srcPath", "destPath", "shouldKeepParent"], "void"],
    unzip: [["srcPath", "destPath"], "void"],
  };
  // Members with only a synchronous form in the app's declarations.
  const SYNC_ONLY = {
    mimeType: [["path"], "text"],
    destinationOfSymbolicLink: [["path"], "text"],
  };

  /** The six slots file_manager.py's run and call take after the member's name.
   * @returns {[string, any, any, any, any, any]} */
  function slotsOf(member, parameters, args) {
    /** @type {[string, any, any, any, any, any]} */
    const slots = [undefined, undefined, undefined, undefined, undefined, undefined];
    parameters.forEach((parameter, index) => {
      const [slot, valid, wanted] = ARGUMENTS[parameter];
      const value = args[index];
      if (!valid(value)) throw internals.wrongType(`FileManager.${member}`, parameter, wanted, value);
      let crossing = value === null ? undefined : value;
      if (parameter === "data") crossing = internals.bytesOfData(`FileManager.${member}`, parameter, value);
      if (parameter === "shouldKeepParent" && crossing === undefined) crossing = true; // the app's default
      slots[SLOTS.indexOf(slot)] = crossing;
    });
    return slots;
  }

  function shaped(result, kind) {
    if (kind === "void") return undefined;
    if (kind === "data") return internals.dataFromBytes(result);
    return result;
  }

  const FileManager = {};
  for (const [member, [parameters, kind]] of Object.entries(MEMBERS)) {
    FileManager[member] = async function (...args) {
      return shaped(await host.run(member, ...slotsOf(member, parameters, args), internals.callerFile()), kind);
    };
    FileManager[member + "Sync"] = function (...args) {
      return shaped(host.call(member + "Sync", ...slotsOf(member + "Sync", parameters, args), internals.callerFile()), kind);
    };
  }
  for (const [member, [parameters, kind]] of Object.entries(SYNC_ONLY)) {
    FileManager[member] = function (...args) {
      return shaped(host.call(member, ...slotsOf(member, parameters, args), internals.callerFile()), kind);
    };
  }

  // The folders of this machine that stand for the app's (locations.py), made when first read.
  const FOLDERS = ["documentsDirectory", "temporaryDirectory", "appGroupDocumentsDirectory", "scriptsDirectory"];
  for (const name of FOLDERS) {
    Object.defineProperty(FileManager, name, { enumerable: true, get: () => host.folder(name) });
  }

  // iCloud, WebDAV and Safari's folders belong to the phone. Checks answer "not here"; paths
  // that cannot exist throw a sentence saying so.
  function unavailable(member, why) {
    return () => {
      throw new Error(`FileManager.${member}: ${why}`);
    };
  }
  const NO_ICLOUD = "iCloud is not available off the phone (FileManager.isiCloudEnabled is false)";
  const NO_WEBDAV = "WebDAV is not available off the phone (FileManager.isWebDAVAvailable is false)";
  const NO_SAFARI = "there is no Safari browser data off the phone";
  const getters = {
    iCloudDocumentsDirectory: NO_ICLOUD,
    webDAVDocumentsDirectory: NO_WEBDAV,
    safariBrowserDirectory: NO_SAFARI,
    safariBrowserStorageDirectory: NO_SAFARI,
    safariBrowserDownloadsDirectory: NO_SAFARI,
    safariBrowserUserscriptsDirectory: NO_SAFARI,
  };
  for (const [name, why] of Object.entries(getters)) {
    Object.defineProperty(FileManager, name, { enumerable: true, get: unavailable(name, why) });
  }
  FileManager.isiCloudEnabled = false;
  FileManager.isWebDAVAvailable = false;
  // Every file here is local: none is in iCloud, and each counts as downloaded if it exists.
  FileManager.isFileStoredIniCloud = (filePath) => {
    internals.check.string("FileManager.isFileStoredIniCloud", "filePath", filePath);
    return false;
  };
  FileManager.isiCloudFileDownloaded = (filePath) => {
    internals.check.string("FileManager.isiCloudFileDownloaded", "filePath", filePath);
    return FileManager.existsSync(filePath);
  };
  FileManager.downloadFileFromiCloud = async (filePath) => {
    internals.check.string("FileManager.downloadFileFromiCloud", "filePath", filePath);
    return FileManager.exists(filePath);
  };
  FileManager.getShareUrlOfiCloudFile = unavailable("getShareUrlOfiCloudFile", NO_ICLOUD);

  // Bookmarks: named paths, kept in the data folder (locations.py) across runs.
  function checkName(member, name, optional) {
    if (optional && (name === undefined || name === null)) return undefined;
    internals.check.string(`FileManager.${member}`, "name", name);
    return name;
  }
  FileManager.addFileBookmark = (path, name) => {
    internals.check.string("FileManager.addFileBookmark", "path", path);
    return host.bookmark_add(path, checkName("addFileBookmark", name, true), internals.callerFile()) ?? null;
  };
  FileManager.removeFileBookmark = (name) => host.bookmark_remove(checkName("removeFileBookmark", name));
  FileManager.bookmarkExists = (name) => host.bookmark_path(checkName("bookmarkExists", name)) !== undefined;
  FileManager.bookmarkedPath = (name) => host.bookmark_path(checkName("bookmarkedPath", name)) ?? null;
  FileManager.getAllFileBookmarks = () => host.bookmark_list();

  return { FileManager: Object.freeze(FileManager) };
})
