// `FileEntity`: the app's handle on an open file. Only the class is declared here so far, so
// that `HttpResponse.raw` can take one as its body; its members come with the files API, and
// until then the runtime has no `FileEntity` (the drift test lists it as pending).

/** An open file, read or written from its current position. */
declare class FileEntity {
  private constructor()
  // Keeps the type nominal while it declares no members: no other value passes for one.
  private readonly openFile: never
}
