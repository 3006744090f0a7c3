// `Path`: POSIX path strings. A global at run time, and an export of the module "scripting" in
// the app (`import { Path } from "scripting"` works with either).

/** Path strings with "/" separators; each result is the one Node's `path.posix` gives. */
declare namespace Path {
  /** The separator between path segments. */
  const sep: "/"
  /** The separator between paths in a list such as $PATH. */
  const delimiter: ":"
  /**
   * Resolves "." and ".." segments and collapses repeated slashes; keeps a trailing slash.
   * An empty path gives ".". Example: `Path.normalize("/a//b/../c")` is "/a/c".
   */
  function normalize(path: string): string
  /** Whether the path starts with "/" (false for ""). */
  function isAbsolute(path: string): boolean
  /** The segments joined with "/" (empty ones skipped), then normalized; "." when nothing is left. */
  function join(...args: string[]): string
  /** Everything before the last segment ("/a/b/c" -> "/a/b"); "." when there is none, "/" at the root. */
  function dirname(path: string): string
  /**
   * The last segment, trailing slashes ignored; without `ext` at its end when given and the
   * segment is more than `ext`. Example: `Path.basename("/a/b.txt", ".txt")` is "b".
   */
  function basename(path: string, ext?: string): string
  /**
   * The last segment's extension: from its last "." to its end ("a.tar.gz" -> ".gz"); "" when
   * it has no dot, or only a leading one (".profile").
   */
  function extname(path: string): string
  /** The path cut into its root ("/" or ""), folder, last segment, and that segment's name and extension. */
  function parse(path: string): {
    root: string
    dir: string
    base: string
    ext: string
    name: string
  }
}
