// What each JS half sees as `host`: a stub per @js_callable method of its Python half, with
// that method's annotations as types. Written by `python -m bridge.runtime.boundary`: do not
// edit by hand. A half without a Python half gets `null`.

interface Hosts {
  /** bridge/crypto/crypto.py: CryptoHost */
  "crypto/crypto.js": {
    decrypt_aes_gcm(data: Uint8Array, key: Uint8Array, aad?: Uint8Array | null | undefined): Uint8Array | undefined
    digest(algorithm: string, data: Uint8Array): Uint8Array
    encrypt_aes_gcm(data: Uint8Array, key: Uint8Array, iv?: Uint8Array | null | undefined, aad?: Uint8Array | null | undefined): Uint8Array | undefined
    hmac(algorithm: string, data: Uint8Array, key: Uint8Array): Uint8Array
    random_bytes(size: number): Uint8Array
  }
  /** bridge/data/data.py: DataHost */
  "data/data.js": {
    compress(algorithm: number, data: Uint8Array): Uint8Array
    decode(index: number, data: Uint8Array, lenient: boolean): string | undefined
    decompress(algorithm: number, data: Uint8Array): Uint8Array
    encode(index: number, text: string): Uint8Array | undefined
    encoding_names(): string[]
    read_file(path: string, caller: string): Uint8Array | undefined
  }
  /** bridge/fetch/abort.py: AbortHost */
  "fetch/abort.js": {
    start_timeout(timer_id: number, delay_ms: number): void
  }
  /** bridge/fetch/body.py: BodyHost */
  "fetch/body.js": {
    parse_multipart(body: Uint8Array, content_type: string): Record<string, any>[] | undefined
  }
  /** bridge/fetch/fetch.py: FetchHost */
  "fetch/fetch.js": {
    cookies_for(url: string): Record<string, any>[]
    discard(exchange_id: number): void
    read(exchange_id: number): void
    read_all(exchange_id: number): void
    resolve_url(url: string, base?: string | null | undefined): string
    send(exchange_id: number, method: string, url: string, headers: string, body: Uint8Array | null | undefined, timeout: number | null | undefined, streamed: boolean): void
    upload_chunk(exchange_id: number, chunk?: Uint8Array | null | undefined): void
    upload_failed(exchange_id: number, message: string): void
  }
  "fetch/streams.js": null
  /** bridge/files/file_entity.py: FileEntityHost */
  "files/file_entity.js": {
    close(file_id: number): void
    offset(file_id: number): number
    open(path: string, mode: string, caller: string): number
    read(file_id: number, size: number): Uint8Array
    seek(file_id: number, offset: number): boolean
    write(file_id: number, data: Uint8Array): void
  }
  /** bridge/files/file_manager.py: FileManagerHost */
  "files/file_manager.js": {
    bookmark_add(path: string, name: string | null | undefined, caller: string): string | undefined
    bookmark_list(): any[]
    bookmark_path(name: string): string | undefined
    bookmark_remove(name: string): boolean
    call(name: string, path: string, other: string | null | undefined, text: string | null | undefined, encoding: string | null | undefined, flag: boolean | null | undefined, data: Uint8Array | null | undefined, caller: string): any
    folder(name: string): string
    run(name: string, path: string, other: string | null | undefined, text: string | null | undefined, encoding: string | null | undefined, flag: boolean | null | undefined, data: string | Uint8Array | null | undefined, caller: string): Promise<any>
  }
  "files/path.js": null
  /** bridge/files/script.py: ScriptHost */
  "files/script.js": {
    context(): Record<string, any>
    exit(result?: string | null | undefined): void
    metadata(): Record<string, any>
    query_parameters(): Record<string, any>
    run(name: string, query_parameters: string, single: boolean): Promise<any>
  }
  /** bridge/http/request.py: RequestHost */
  "http/request.js": {
    parse_multipart(body: Uint8Array, content_type: string, max_parts: number): Record<string, any>[] | undefined
  }
  "http/response.js": null
  /** bridge/http/server.py: ServerHost */
  "http/server.js": {
    create(): number
    is_ipv4(server_id: number): boolean
    not_found(request_id: number): void
    port(server_id: number): number | undefined
    register_route(server_id: number, kind: string, path: string, target: string, defaults: string): number
    register_websocket(server_id: number, path: string): number
    respond(request_id: number, status: number, reason: string, lines: string | Uint8Array, close: boolean, body: Uint8Array): void
    respond_batch(count: number, used: number): void
    respond_error(request_id: number, message: string): void
    respond_file(request_id: number, status: number, reason: string, lines: string | Uint8Array, close: boolean, file_id: number): void
    serve_route(request_id: number): void
    start(server_id: number, options: string, p12?: Uint8Array | null | undefined): string | undefined
    state(server_id: number): number
    stop(server_id: number): void
    use_middleware(server_id: number): void
  }
  /** bridge/modules/loader.py: ModuleLoader */
  "modules/loader.js": {
    load_dynamic(referrer: number, specifier: string): number
  }
  /** bridge/modules/scripting.py: ScriptingExports */
  "modules/scripting.js": {
    engine_global_names(): any[]
    value_names(): any[]
  }
  "runtime/checks.js": null
  /** bridge/runtime/console.py: ConsoleHost */
  "runtime/console.js": {
    clear(): void
    util(): any
    write(stream: number, text: string): void
  }
  /** bridge/runtime/runtime.py: _CoreHost */
  "runtime/core.js": {
    report_error(kind: string, headline: string, stack: string, file: string, line: number, column: number): void
    report_slow(name: string, milliseconds: number): void
    script_failed(token: number, headline: string, stack: string, file: string, line: number, column: number): void
    script_finished(token: number): void
  }
  "runtime/inbox.js": null
  "runtime/outbox.js": null
  "runtime/rejections.js": null
  /** bridge/runtime/timers.py: TimerHost */
  "runtime/timers.js": {
    cancel(timer_id: number): void
    start(timer_id: number, delay_ms: number, repeat: boolean): void
  }
  "runtime/utf8.js": null
  /** bridge/storage/keychain.py: KeychainHost */
  "storage/keychain.js": {
    clear(): boolean
    contains(key: string): boolean
    get(key: string): Uint8Array | undefined
    keys(): string[]
    remove(key: string): boolean
    set(key: string, value: string | Uint8Array): boolean
  }
  /** bridge/storage/sqlite.py: SQLiteHost */
  "storage/sqlite.js": {
    call(database_id: number, member: string, arguments: string): Promise<any>
    open(path: string, in_memory: boolean, configuration: string, caller: string): number
  }
  /** bridge/storage/storage.py: StorageHost */
  "storage/storage.js": {
    clear(): void
    contains(key: string, shared: boolean): boolean
    get_data(key: string, shared: boolean): Uint8Array | undefined
    get_json(key: string, shared: boolean): string | undefined
    keys(): string[]
    remove(key: string, shared: boolean): void
    set_data(key: string, data: string | Uint8Array, shared: boolean): void
    set_json(key: string, text: string, shared: boolean): void
  }
  /** bridge/uuid/uuid.py: UUIDHost */
  "uuid/uuid.js": {
    string(): string
  }
  /** bridge/web/encoding.py: EncodingHost */
  "web/encoding.js": {
    decode_replacing(data: Uint8Array): string
  }
  "web/events.js": null
  /** bridge/websocket/client.py: ClientHost */
  "websocket/client.js": {
    close(socket_id: number, code: number, reason: string): void
    connect(socket_id: number, url: string): void
    send_binary(socket_id: number, data: Uint8Array): void
    send_text(socket_id: number, text: string | Uint8Array): void
  }
  /** bridge/websocket/session.py: SessionHost */
  "websocket/session.js": {
    close(session_id: number): void
    write_batch(count: number): void
    write_data(session_id: number, data: Uint8Array): void
    write_text(session_id: number, text?: string | Uint8Array | null | undefined): void
  }
}
