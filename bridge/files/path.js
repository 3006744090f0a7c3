// @ts-check
// `Path`: POSIX path strings, with exactly the results of Node's `path.posix` for the members
// the app declares (sep, delimiter, normalize, isAbsolute, join, dirname, basename, extname,
// parse), quirks included, so scripts that were checked against Node behave the same here.
// Pure string work: nothing here touches the file system or crosses into Python.
(function (/** @type {Hosts["files/path.js"]} */ host, /** @type {Internals} */ internals) {
  "use strict";

  // Resolves "." and ".." among the segments of `path` (empty segments dropped). A ".." that
  // would climb above the start is kept when the path is relative and dropped when absolute.
  function resolveSegments(path, absolute) {
    const kept = [];
    for (const segment of path.split("/")) {
      if (segment === "" || segment === ".") continue;
      if (segment === "..") {
        if (kept.length > 0 && kept[kept.length - 1] !== "..") kept.pop();
        else if (!absolute) kept.push("..");
        continue;
      }
      kept.push(segment);
    }
    return kept.join("/");
  }

  function normalize(path) {
    internals.check.string("Path.normalize", "path", path);
    if (path === "") return ".";
    const absolute = path.startsWith("/");
    const trailing = path.endsWith("/");
    const body = resolveSegments(path, absolute);
    if (body === "") return absolute ? "/" : trailing ? "./" : ".";
    return (absolute ? "/" : "") + body + (trailing ? "/" : "");
  }

  // Where the last segment of `path[from..]` lies once trailing slashes are ignored:
  // `start` (its first index), `end` (one past its last), and `dot`, the index of its last
  // "." or -1. `extension` says whether that dot starts an extension, by Node's rule: not for
  // a leading dot (".profile"), nor for ".." itself, but "..." has the extension ".".
  function lastSegment(path, from) {
    // `cut` is where a slash ended the scan, 0 if none did; Node's dot rule measures from it,
    // even when the scan began after a root ("/.." parses with the extension ".").
    let start = from, cut = 0, end = -1, dot = -1;
    let beforeDot = 0; // 0: nothing before the last dot yet; 1: only dots; -1: something else
    for (let i = path.length - 1; i >= from; i--) {
      const character = path[i];
      if (character === "/") {
        if (end !== -1) {
          start = cut = i + 1;
          break;
        }
        continue;
      }
      if (end === -1) end = i + 1;
      if (character === ".") {
        if (dot === -1) dot = i;
        else if (beforeDot !== 1) beforeDot = 1;
      } else if (dot !== -1) {
        beforeDot = -1;
      }
    }
    const extension = dot !== -1 && end !== -1 && beforeDot !== 0
      && !(beforeDot === 1 && dot === end - 1 && dot === cut + 1);
    return { start, end, dot, extension };
  }

  function dirname(path) {
    internals.check.string("Path.dirname", "path", path);
    if (path === "") return ".";
    const rooted = path[0] === "/";
    let end = path.length;
    while (end > 1 && path[end - 1] === "/") end--;
    const slash = path.lastIndexOf("/", end - 1);
    if (slash < 1) return rooted ? "/" : ".";
    // Node keeps the slashes before the separator ("/a//b" -> "/a/"), and "//" for "//a".
    return rooted && slash === 1 ? "//" : path.slice(0, slash);
  }

  function basename(path, suffix) {
    if (suffix !== undefined) internals.check.string("Path.basename", "suffix", suffix);
    internals.check.string("Path.basename", "path", path);
    if (suffix === undefined || suffix.length === 0 || suffix.length > path.length) {
      const { start, end } = lastSegment(path, 0);
      return end === -1 ? "" : path.slice(start, end);
    }
    if (suffix === path) return "";
    // Compares the suffix from the end of the last segment, as Node does: a segment equal to
    // the suffix is kept whole, and a segment that is only the tail of the suffix comes back
    // with the trailing slashes it had ("/a/" with suffix "xa" is "a/" in Node too).
    let start = 0, end = -1, segmentEnd = -1, matching = suffix.length - 1;
    for (let i = path.length - 1; i >= 0; i--) {
      if (path[i] === "/") {
        if (segmentEnd !== -1) {
          start = i + 1;
          break;
        }
        continue;
      }
      if (segmentEnd === -1) segmentEnd = i + 1;
      if (matching >= 0) {
        if (path[i] === suffix[matching]) {
          matching--;
          if (matching === -1) end = i;
        } else {
          matching = -1;
          end = segmentEnd;
        }
      }
    }
    if (start === end) end = segmentEnd;
    else if (end === -1) end = path.length;
    return path.slice(start, end);
  }

  function extname(path) {
    internals.check.string("Path.extname", "path", path);
    const { end, dot, extension } = lastSegment(path, 0);
    return extension ? path.slice(dot, end) : "";
  }

  function parse(path) {
    internals.check.string("Path.parse", "path", path);
    const parts = { root: "", dir: "", base: "", ext: "", name: "" };
    if (path === "") return parts;
    const absolute = path[0] === "/";
    if (absolute) parts.root = "/";
    const segment = lastSegment(path, absolute ? 1 : 0);
    if (segment.end !== -1) {
      const start = segment.start;
      parts.base = path.slice(start, segment.end);
      if (segment.extension) {
        parts.name = path.slice(start, segment.dot);
        parts.ext = path.slice(segment.dot, segment.end);
      } else {
        parts.name = parts.base;
      }
    }
    // Node cuts one slash off the folder part ("/a//b" has the dir "/a/").
    const lastStart = segment.end === -1 ? 0 : segment.start;
    if (lastStart > (absolute ? 1 : 0)) parts.dir = path.slice(0, lastStart - 1);
    else if (absolute) parts.dir = "/";
    return parts;
  }

  function join(...segments) {
    segments.forEach((segment, index) => internals.check.string("Path.join", `argument ${index + 1}`, segment));
    const joined = segments.filter((segment) => segment !== "").join("/");
    return joined === "" ? "." : normalize(joined);
  }

  function isAbsolute(path) {
    internals.check.string("Path.isAbsolute", "path", path);
    return path.startsWith("/");
  }

  const Path = Object.freeze({
    sep: "/", delimiter: ":", normalize, isAbsolute, join, dirname, basename, extname, parse,
  });
  return { Path };
})
