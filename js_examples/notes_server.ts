// A notes service that keeps its notes as files in the script's documents folder.
//   scripting-bridge run js_examples/notes_server.ts -- port=8081
//   curl -X POST --data 'buy milk' http://localhost:8081/notes/shopping
//   curl http://localhost:8081/notes            (the list)
//   curl http://localhost:8081/notes/shopping   (one note)
const notes = Path.join(FileManager.documentsDirectory, "notes")
await FileManager.createDirectory(notes, true)

function notePath(name: string): string | null {
  // A name from a request never leaves the notes folder.
  return /^[\w-]{1,64}$/.test(name) ? Path.join(notes, name + ".txt") : null
}

const server = new HttpServer()

server.registerAsyncHandler("/notes", async () => {
  const names = (await FileManager.readDirectory(notes)).map((file) => Path.basename(file, ".txt"))
  return HttpResponse.ok(HttpResponseBody.text(names.join("\n") + "\n"))
})

server.registerAsyncHandler("/notes/:name", async (request) => {
  const path = notePath(request.params.name)
  if (path === null) return HttpResponse.badRequest(HttpResponseBody.text("bad note name\n"))
  if (request.method === "POST") {
    await FileManager.writeAsData(path, request.body)
    return HttpResponse.created(HttpResponseBody.text("saved\n"))
  }
  if (!(await FileManager.isFile(path))) return HttpResponse.notFound()
  return HttpResponse.ok(HttpResponseBody.text(await FileManager.readAsString(path)))
})

const port = Number(Script.queryParameters.port ?? 8081)
const failure = server.start({ port })
if (failure !== null) throw new Error(failure)
console.log(`${Script.name}: notes in ${notes}, on port ${server.port}`)
