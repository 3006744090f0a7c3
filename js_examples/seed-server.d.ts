// The seed document's samples use a `server` they never create (it is implied by the
// surrounding page). This declaration gives it to them for type-checking only; a script
// that makes its own `const server = new HttpServer()` shadows it.
declare const server: HttpServer
