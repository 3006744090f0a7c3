// The runtime's globals can be imported from "scripting", as scripts written for the app do.
import { Data, HttpServer } from "scripting"

const greeting: Data | null = Data.fromRawString("hello", "utf-8")
const server: HttpServer = new HttpServer()
console.log(greeting?.size, server.state)
