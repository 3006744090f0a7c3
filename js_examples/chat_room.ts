// The seed document's chat room as a complete script:
//   scripting-bridge run js_examples/chat_room.ts
// then connect any WebSocket client to ws://localhost:8080/chat.
const server = new HttpServer()
const sessions: WebSocketSession[] = []

server.registerWebsocket("/chat", {
  onConnected: (session) => {
    sessions.push(session)
    session.writeText("Welcome! There are " + sessions.length + " users online.")
  },
  handleText: (session, text) => {
    for (const s of sessions) {
      s.writeText(text) // broadcast
    }
  },
  onDisconnected: (session) => {
    const index = sessions.indexOf(session)
    if (index !== -1) sessions.splice(index, 1)
  }
})

const error = server.start({ port: 8080 })
if (error !== null) {
  console.error("The chat room could not start:", error)
} else {
  console.log(`Chat room running: ws://localhost:${server.port}/chat (Ctrl+C stops it)`)
}
