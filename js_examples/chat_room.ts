// The seed document's chat room as a complete script, with a page to chat from:
//   scripting-bridge run js_examples/chat_room.ts
// then open http://localhost:8080/ in two browser tabs (or connect any WebSocket client to
// ws://localhost:8080/chat).
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

// The page's script opens the WebSocket on the same host and port, and sends only once the
// connection is open (the seed's snippet sends at once, which a browser refuses).
const page = `<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>Chat room</title></head>
<body>
  <ul id="messages"></ul>
  <form id="form"><input id="text" autocomplete="off" disabled><button disabled>Send</button></form>
  <script>
    const messages = document.getElementById("messages")
    const form = document.getElementById("form")
    const input = document.getElementById("text")
    const scheme = location.protocol === "https:" ? "wss://" : "ws://"
    const ws = new WebSocket(scheme + location.host + "/chat")
    ws.onopen = () => {
      for (const control of form.elements) control.disabled = false
      input.focus()
    }
    ws.onmessage = (event) => {
      const item = document.createElement("li")
      item.textContent = event.data
      messages.appendChild(item)
    }
    ws.onclose = () => { for (const control of form.elements) control.disabled = true }
    form.onsubmit = (event) => {
      event.preventDefault()
      if (input.value) ws.send(input.value)
      input.value = ""
    }
  </script>
</body>
</html>
`

server.registerHandler("/", () => HttpResponse.ok(HttpResponseBody.html(page)))

const error = server.start({ port: 8080 })
if (error !== null) {
  console.error("The chat room could not start:", error)
} else {
  console.log(`Chat room running: http://localhost:${server.port}/ (Ctrl+C stops it)`)
}
