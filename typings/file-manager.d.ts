// `FileManager` and `FileEntity`: the file system. Relative paths start at the calling script's folder.
// Each operation has a promise form (the work runs off the event loop) and a `...Sync` form.

/** What `FileManager.stat` finds at a path (links followed). Dates are milliseconds since 1970. */
type FileStat = {
  size: number
  type: "file" | "directory" | "other"
  /** When the file was made; on Linux, the earlier of its last change and modification times. */
  creationDate: number
  modificationDate: number
}

/**
 * The file system. Failures reject (or throw, for `...Sync`) with an Error naming the member,
 * the path and the reason; a wrong argument type is a TypeError.
 */
declare namespace FileManager {
  /** The folder this script sits in with its sibling scripts. */
  const scriptsDirectory: string
  /** false: there is no iCloud here. */
  const isiCloudEnabled: boolean
  /** Throws: there is no iCloud here. */
  const iCloudDocumentsDirectory: string
  /** false: there is no WebDAV here. */
  const isWebDAVAvailable: boolean
  /** Throws: there is no WebDAV here. */
  const webDAVDocumentsDirectory: string
  /** Throws: there is no Safari browser data here. */
  const safariBrowserDirectory: string
  /** Throws: there is no Safari browser data here. */
  const safariBrowserStorageDirectory: string
  /** Throws: there is no Safari browser data here. */
  const safariBrowserDownloadsDirectory: string
  /** Throws: there is no Safari browser data here. */
  const safariBrowserUserscriptsDirectory: string
  /** false: every file here is local. */
  function isFileStoredIniCloud(filePath: string): boolean
  /** Whether the (local) file exists. */
  function isiCloudFileDownloaded(filePath: string): boolean
  /** Resolves whether the (local) file exists. */
  function downloadFileFromiCloud(filePath: string): Promise<boolean>
  /** A folder shared by every script (made when first read). */
  const appGroupDocumentsDirectory: string
  /** This script's own documents folder (made when first read). */
  const documentsDirectory: string
  /** This script's temporary folder (made when first read). */
  const temporaryDirectory: string
  /** The MIME type for the file name's extension; "application/octet-stream" when unknown. */
  function mimeType(path: string): string
  /** Where a symbolic link points, as written in it. Throws for anything but a link. */
  function destinationOfSymbolicLink(path: string): string
  /** Throws: there is no iCloud here. */
  function getShareUrlOfiCloudFile(path: string, expiration?: number): string
  /** Makes a folder; `recursive` makes missing parents too and accepts an existing folder. */
  function createDirectory(path: string, recursive?: boolean): Promise<void>
  function createDirectorySync(path: string, recursive?: boolean): void
  /** Makes a symbolic link at `path` pointing to `target`; fails if `path` exists. */
  function createLink(path: string, target: string): Promise<void>
  function createLinkSync(path: string, target: string): void
  /** Copies a file, a link (as a link) or a whole folder; fails if `newPath` exists. */
  function copyFile(path: string, newPath: string): Promise<void>
  function copyFileSync(path: string, newPath: string): void
  /**
   * The names in a folder, sorted. `recursive`: every path below it, relative to it (folders
   * included; links to folders are listed, not entered).
   */
  function readDirectory(path: string, recursive?: boolean): Promise<string[]>
  function readDirectorySync(path: string, recursive?: boolean): string[]
  /** Whether something exists at the path (a link counts if its target exists). */
  function exists(path: string): Promise<boolean>
  function existsSync(path: string): boolean
  /** Names a path for later runs (kept in the data folder); returns the name, or null if the path does not exist. */
  function addFileBookmark(path: string, name?: string): string | null
  /** Forgets a bookmark; false if there was none. */
  function removeFileBookmark(name: string): boolean
  /** Whether a bookmark of that name exists. */
  function bookmarkExists(name: string): boolean
  /** Every bookmark, by name. */
  function getAllFileBookmarks(): Array<{
    name: string
    path: string
  }>
  /** The path of a bookmark, or null. */
  function bookmarkedPath(name: string): string | null
  /** Whether the path leads to a regular file. */
  function isFile(path: string): Promise<boolean>
  function isFileSync(path: string): boolean
  /** Whether the path leads to a folder. */
  function isDirectory(path: string): Promise<boolean>
  function isDirectorySync(path: string): boolean
  /** Whether the path itself is a symbolic link. */
  function isLink(path: string): Promise<boolean>
  function isLinkSync(path: string): boolean
  /** Whether the file's first 8 KiB hold a NUL byte or are not UTF-8. */
  function isBinaryFileSync(path: string): boolean
  function isBinaryFile(path: string): Promise<boolean>
  /** The whole file as text in `encoding` (default "utf-8"); bytes invalid there are an error. */
  function readAsString(path: string, encoding?: Encoding): Promise<string>
  function readAsStringSync(path: string, encoding?: Encoding): string
  /** The whole file's bytes. */
  function readAsBytes(path: string): Promise<Uint8Array>
  function readAsBytesSync(path: string): Uint8Array
  /** The whole file as a Data. */
  function readAsData(path: string): Promise<Data>
  function readAsDataSync(path: string): Data
  /** Makes or replaces the file with the text in `encoding` (default "utf-8"). Its folder must exist. */
  function writeAsString(path: string, contents: string, encoding?: Encoding): Promise<void>
  function writeAsStringSync(path: string, contents: string, encoding?: Encoding): void
  /** Makes or replaces the file with the bytes. Its folder must exist. */
  function writeAsBytes(path: string, data: Uint8Array): Promise<void>
  function writeAsBytesSync(path: string, data: Uint8Array): void
  /** Makes or replaces the file with the Data's bytes. Its folder must exist. */
  function writeAsData(path: string, data: Data): Promise<void>
  function writeAsDataSync(path: string, data: Data): void
  /** Adds the text at the end of the file, making the file and its folders if missing. */
  function appendText(path: string, text: string, encoding?: Encoding): Promise<void>
  function appendTextSync(path: string, text: string, encoding?: Encoding): void
  /** Adds the bytes at the end of the file, making the file and its folders if missing. */
  function appendData(path: string, data: Data): Promise<void>
  function appendDataSync(path: string, data: Data): void
  /** Size, type and dates of what the path leads to (links followed). */
  function stat(path: string): Promise<FileStat>
  function statSync(path: string): FileStat
  /** Moves a file or folder; fails if `newPath` exists. */
  function rename(path: string, newPath: string): Promise<void>
  function renameSync(path: string, newPath: string): void
  /** Removes a file or link, or a folder with everything in it. */
  function remove(path: string): Promise<void>
  function removeSync(path: string): void
  /**
   * Zips a file, or a folder's contents under the folder's own name (`shouldKeepParent`,
   * default true) or at the archive's root. Fails if `destPath` exists.
   */
  function zip(srcPath: string, destPath: string, shouldKeepParent?: boolean): Promise<void>
  function zipSync(srcPath: string, destPath: string, shouldKeepParent?: boolean): void
  /** Extracts a zip into `destPath` (made if missing); writes nothing if an item exists there. */
  function unzip(srcPath: string, destPath: string): Promise<void>
  function unzipSync(srcPath: string, destPath: string): void
}

/**
 * An open file, read or written piece by piece from a position. Close it when done (one the
 * script forgets is closed when collected, or at the end of the run).
 */
declare class FileEntity {
  private constructor()
  /** The path it was opened with. */
  readonly path: string
  /** The current position, in bytes from the start (ours). */
  readonly offset: number
  /** Moves to `offset` bytes from the start (past the end is allowed); false if it cannot or the file is closed. */
  seek(offset: number): boolean
  /** Up to `size` bytes from the position; an empty Data at the end. Throws on a closed file. */
  read(size: number): Data
  /** Writes the bytes at the position. Throws on a closed or read-only file. */
  write(data: Data): void
  /** Closes the file; again is harmless. */
  close(): void
  /** Opens an existing file to read. */
  static openForReading(path: string): FileEntity
  /** Makes the file, or empties it, to write. */
  static openNewForWriting(path: string): FileEntity
  /** Opens an existing file to read and write, from the start. */
  static openForWritingAndReading(path: string): FileEntity
  /** Opens with a C fopen mode: "r", "w", "a", "r+", "w+" or "a+" (a "b" may be added). */
  static openForMode(path: string, mode: string): FileEntity
}
