// A notes service on SQLite that keeps its state across restarts: notes in SQLite, a visit counter in
// Storage, and an API token in the Keychain (made on first run).
//   scripting-bridge run js_examples/notes_sqlite.ts
//   curl -X POST -H "authorization: Bearer $TOKEN" --data 'buy milk' http://localhost:8081/notes
//   curl http://localhost:8081/notes

type Note = { id: number, text: string, created: string }

const db = SQLite.open(Path.join(FileManager.documentsDirectory, "notes.sqlite"), { journalMode: "wal" })
await db.createTable("notes", {
  ifNotExists: true,
  columns: [
    { name: "id", type: "INTEGER", primaryKey: true, autoIncrement: true },
    { name: "text", type: "TEXT", notNull: true },
    { name: "created", type: "TEXT", notNull: true },
  ],
})

let token = Keychain.get("notes-token")
if (token === null) {
  token = Data.fromIntArray(Array.from({ length: 16 }, () => Math.floor(Math.random() * 256))).toHexString()
  Keychain.set("notes-token", token)
}
console.log(`API token (kept in the Keychain): ${token}`)

const server = new HttpServer()

server.registerAsyncHandler("/notes", async (request) => {
  Storage.set("visits", (Storage.get<number>("visits") ?? 0) + 1)
  if (request.method === "POST") {
    if (request.headers["authorization"] !== `Bearer ${token}`) return HttpResponse.unauthorized()
    const text = request.body.toRawString() ?? ""
    if (text.trim() === "") return HttpResponse.badRequest(HttpResponseBody.text("a note needs text"))
    await db.execute("INSERT INTO notes (text, created) VALUES (?, ?)", [text, new Date()])
    return HttpResponse.created()
  }
  const notes = await db.fetchAll<Note>("SELECT id, text, created FROM notes ORDER BY id")
  const body = JSON.stringify({ visits: Storage.get<number>("visits"), notes })
  return HttpResponse.ok(HttpResponseBody.data(Data.fromRawString(body)))
})

const failure = server.start({ port: Number(Script.queryParameters.port ?? 8081) })
if (failure !== null) throw new Error(failure)
console.log(`notes on http://localhost:${server.port}/notes`)
