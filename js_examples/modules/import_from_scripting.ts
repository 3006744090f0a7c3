// What scripts written for the app import from "scripting": its own exports (Path, Script,
// fetch and its classes) and the runtime's globals, all importable here too.
import { Data, HttpServer, Path, Script, Request } from "scripting"

const greeting: Data | null = Data.fromRawString("hello", "utf-8")
const server: HttpServer = new HttpServer()
const here: string = Path.basename(Path.join(Script.directory, "import_from_scripting.ts"), ".ts")
const request: Request = new Request("http://127.0.0.1/")
console.log(greeting?.size, server.state, here, request.method)
