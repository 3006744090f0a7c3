"""Python half of fetch.js: each request/response exchange on aiohttp, in the runtime's loop.

fetch.js asks for one hop at a time (`send`) and, once the head has come, for the body: one
chunk (`read`) or all of it (`read_all`); a small body that came whole with the head goes along
with it. Each answer is a call of internals.fetch.settle with
plain ints, the payload waiting in the inbox; nothing is read from the server before the script
asks (beyond aiohttp's read buffer), so a body of any size streams in bounded memory.

One aiohttp ClientSession per runtime: connections are kept alive and reused, TLS is checked
against the system's CAs (or SSL_CERT_FILE / SSL_CERT_DIR, as the WebSocket client does),
proxies come from the environment (HTTP_PROXY, HTTPS_PROXY, NO_PROXY), and cookies the
servers set are kept in memory and sent back, as the app's URLSession does.

The proxy settings are read once, when the session is made (the first fetch): aiohttp's
trust_env would look them (and ~/.netrc) up again in a worker thread for every request, two
thread round trips that cost more than the rest of a small request together (bench/fetch.py).
aiohttp itself is imported then too: importing it takes ~120 ms, which a script that never
fetches should not wait for at start.
"""

from __future__ import annotations

import asyncio
import json
import socket
import ssl
import time
from typing import TYPE_CHECKING

import pythonmonkey as pm

from ..runtime.outbox import js_callable

if TYPE_CHECKING:
    from http.cookies import Morsel

    import aiohttp
    from yarl import URL

HEAD, CHUNK, END, WHOLE, FAILED = 0, 1, 2, 3, 4
DEFAULT_TIMEOUT = 60.0  # seconds without progress, URLSession's default timeoutInterval
CHUNK_SIZE = 256 * 1024  # at most this much per body chunk a script reads
# The engine lets the chunks a script has read and dropped pile up for tens of MiB before it
# collects them (its schedule counts allocations, not their size), so streaming a large body
# asks for a collection after every this many bytes; memory then stays bounded by about it.
COLLECT_EVERY = 16 * 1024 * 1024


class Exchange:
    """One hop: the task at work for it (if any) and, once the head has come, the response."""

    def __init__(self, exchange_id: int, url: str, timeout: float) -> None:
        self.id = exchange_id
        self.url = url
        self.timeout = timeout
        self.task: asyncio.Task | None = None
        self.response: aiohttp.ClientResponse | None = None
        self.upload: asyncio.Future | None = None  # the next chunk of a stream body, asked of JS


class UploadFailed(Exception):
    """The script's stream body failed while it was being sent."""


class FetchHost:
    def __init__(self, runtime) -> None:
        self._runtime = runtime
        self._loop = runtime.loop
        self._inbox = runtime.inbox
        self._session: aiohttp.ClientSession | None = None
        self._proxies: dict = {}        # scheme -> aiohttp's ProxyInfo, from the environment
        self._proxy_settings: dict = {}  # the environment's proxy variables, for NO_PROXY
        self._exchanges: dict[int, Exchange] = {}
        self._streamed = 0  # body bytes handed to scripts in chunks since the last collection
        runtime.engine.load("fetch/fetch.js", self)
        entry_points = runtime.engine.entry_points("fetch", "settle", "pullBody")
        self._settle, self._pull_body = entry_points.settle, entry_points.pullBody
        runtime.on_close(self.close_all)

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None:
            import urllib.request

            import aiohttp

            # The system's CAs, or those in SSL_CERT_FILE / SSL_CERT_DIR when set (OpenSSL reads them).
            connector = aiohttp.TCPConnector(ssl=ssl.create_default_context())
            self._session = aiohttp.ClientSession(
                connector=connector, cookie_jar=aiohttp.CookieJar(unsafe=True),
                timeout=aiohttp.ClientTimeout(total=None))
            self._proxies = aiohttp.helpers.proxies_from_env()
            self._proxy_settings = urllib.request.getproxies_environment()
        return self._session

    def _proxy(self, target: URL) -> dict:
        """The proxy arguments for a request to `target`, as the environment says."""
        import urllib.request  # imported already: _client() read the environment

        info = self._proxies.get(target.scheme)
        if info is None or urllib.request.proxy_bypass_environment(target.host, self._proxy_settings):
            return {}
        return {"proxy": info.proxy, "proxy_auth": info.proxy_auth}

    async def close_all(self) -> None:
        for exchange in list(self._exchanges.values()):
            self._drop(exchange)
        if self._session is not None:
            await self._session.close()
            self._session = None

    # Called by fetch.js.

    @js_callable
    def send(self, exchange_id: int, method: str, url: str, headers: str, body: memoryview | None,
             timeout: float | None, streamed: bool) -> None:
        """Start a hop; its head (or failure) comes back through settle. `headers` is JSON
        [[name, value]]. `streamed`: the body is a stream, asked of JS a chunk at a time."""
        try:
            target = _url(url)
        except ValueError as error:
            raise TypeError(f"fetch: {url!r} is not a valid URL ({error})") from None
        if target.scheme not in ("http", "https") or not target.host:
            raise TypeError(f"fetch: only http: and https: URLs with a host can be fetched, got {url!r}")
        exchange = Exchange(exchange_id, url, DEFAULT_TIMEOUT if timeout is None else timeout)
        self._exchanges[exchange_id] = exchange
        pairs = [(name, value) for name, value in json.loads(headers)]
        payload = self._upload(exchange) if streamed else None if body is None else bytes(body)
        self._start(exchange, self._request(exchange, method, target, pairs, payload))

    @js_callable
    def upload_chunk(self, exchange_id: int, chunk: memoryview | None) -> None:
        """The next chunk of a stream body (None: its end), answering pullBody."""
        exchange = self._exchanges.get(exchange_id)
        if exchange is not None and exchange.upload is not None and not exchange.upload.done():
            exchange.upload.set_result(None if chunk is None else bytes(chunk))

    @js_callable
    def upload_failed(self, exchange_id: int, message: str) -> None:
        exchange = self._exchanges.get(exchange_id)
        if exchange is not None and exchange.upload is not None and not exchange.upload.done():
            exchange.upload.set_exception(UploadFailed(message))

    async def _upload(self, exchange: Exchange):
        """A stream body for aiohttp (sent chunked): each chunk asked of JS when aiohttp wants it."""
        while True:
            exchange.upload = self._loop.create_future()
            self._pull_body(exchange.id)
            chunk = await exchange.upload
            if chunk is None:
                return
            if chunk:  # an empty chunk would end a chunked body early
                yield chunk

    @js_callable
    def resolve_url(self, url: str, base: str | None) -> str:
        """`url` (relative to `base` if given) as an absolute http: or https: URL, normalised.
        (yarl, here: the engine's URL class, a JS polyfill, takes ~180 us per URL.)"""
        try:
            target = _url(url) if base is None else _url(base).join(_url(url))
        except (ValueError, TypeError) as error:
            raise TypeError(f"{json.dumps(url)} is not a valid URL ({error})") from None
        if not target.absolute:
            raise TypeError(f"{json.dumps(url)} is not an absolute URL")
        if target.scheme not in ("http", "https") or not target.host:
            raise TypeError(f"only http: and https: URLs with a host can be fetched, got {json.dumps(url)}")
        return str(target if target.raw_path else target.with_path("/"))

    @js_callable
    def read(self, exchange_id: int) -> None:
        """The next chunk of the body (as soon as any has come), or its end."""
        self._start(self._exchanges[exchange_id], self._read_chunk(self._exchanges[exchange_id]))

    @js_callable
    def read_all(self, exchange_id: int) -> None:
        self._start(self._exchanges[exchange_id], self._read_all(self._exchanges[exchange_id]))

    @js_callable
    def discard(self, exchange_id: int) -> None:
        """fetch.js no longer wants this hop (aborted, redirected, or its body dropped)."""
        exchange = self._exchanges.get(exchange_id)
        if exchange is not None:
            self._drop(exchange)

    @js_callable
    def cookies_for(self, url: str) -> list[dict]:
        """The cookies the jar would send to `url`, as the app's Cookie objects (for handleRedirect)."""
        if self._session is None:
            return []
        target = _url(url)
        return [_cookie(morsel, target) for morsel in self._session.cookie_jar.filter_cookies(target).values()]

    # The work, one task at a time per exchange; each keeps the process alive while it runs.

    def _start(self, exchange: Exchange, work) -> None:
        liveness = self._runtime.liveness
        liveness.acquire()
        task = self._loop.create_task(work)
        exchange.task = task
        task.add_done_callback(lambda _: liveness.release())

    async def _request(self, exchange: Exchange, method: str, target: URL, headers: list, body: bytes | None) -> None:
        named = {name.lower() for name, _ in headers}
        try:
            client = self._client()
            timeout = _timeout(exchange.timeout)
            response = await client.request(
                method, target, headers=headers, data=body, allow_redirects=False, timeout=timeout,
                **self._proxy(target),
                # A body without a Content-Type goes without one, as in browsers.
                skip_auto_headers=() if "content-type" in named else ("Content-Type",))
        except Exception as error:  # noqa: BLE001 - every failure is the script's TypeError
            self._fail(exchange, error)
            return
        exchange.response = response
        head = _head(response, target)
        content = response.content
        if content.is_eof() and content.total_bytes <= CHUNK_SIZE:
            # The whole (small) body came with the head: it goes along, saving a round trip.
            body = content.read_nowait(-1)
            self._finish(exchange)
            self._deliver(exchange, HEAD, self._inbox.put(head + body), len(body))
        else:
            self._deliver(exchange, HEAD, self._inbox.put(head), -1)

    async def _read_chunk(self, exchange: Exchange) -> None:
        try:
            chunk = await exchange.response.content.read(CHUNK_SIZE)
        except Exception as error:  # noqa: BLE001
            self._fail(exchange, error)
            return
        if chunk:
            self._streamed += len(chunk)
            if self._streamed >= COLLECT_EVERY:
                self._streamed = 0
                pm.collect()
            self._deliver(exchange, CHUNK, self._inbox.put(chunk))
        else:
            self._finish(exchange)
            self._deliver(exchange, END, 0)

    async def _read_all(self, exchange: Exchange) -> None:
        try:
            body = await exchange.response.read()
        except Exception as error:  # noqa: BLE001
            self._fail(exchange, error)
            return
        self._finish(exchange)
        self._deliver(exchange, WHOLE, self._inbox.put(body))

    def _deliver(self, exchange: Exchange, kind: int, length: int, body_length: int = -1) -> None:
        """`body_length` >= 0: a HEAD's last `body_length` bytes of `length` are the whole body."""
        exchange.task = None
        self._settle(exchange.id, kind, length, body_length)

    def _fail(self, exchange: Exchange, error: Exception) -> None:
        message = describe_failure(error, exchange)
        self._drop(exchange)
        self._settle(exchange.id, FAILED, self._inbox.put_text(message), -1)

    def _finish(self, exchange: Exchange) -> None:
        """The body was read to its end: the connection goes back to the pool."""
        self._exchanges.pop(exchange.id, None)
        exchange.response.release()

    def _drop(self, exchange: Exchange) -> None:
        self._exchanges.pop(exchange.id, None)
        if exchange.task is not None and exchange.task is not asyncio.current_task():
            exchange.task.cancel()
        exchange.task = None
        if exchange.response is not None:
            exchange.response.close()  # the rest of the body is not wanted: the connection goes


def _url(text: str) -> URL:
    from yarl import URL  # imported at the first fetch, not at start

    return URL(text)


def _timeout(seconds: float) -> aiohttp.ClientTimeout:
    import aiohttp  # imported already: _client() made the session

    return aiohttp.ClientTimeout(total=None, sock_connect=seconds, sock_read=seconds)


def _head(response: aiohttp.ClientResponse, target: URL) -> bytes:
    meta = {
        "status": response.status,
        "statusText": response.reason or "",
        # Header bytes as they came (Latin-1 keeps each byte one character, as browsers do).
        "headers": [[name.decode("latin-1"), value.decode("latin-1")] for name, value in response.raw_headers],
        "url": str(response.url),
        "cookies": [_cookie(morsel, target) for morsel in response.cookies.values()],
    }
    return json.dumps(meta).encode("utf-8")


def _cookie(morsel: Morsel, target: URL) -> dict:
    """A cookie as the app's Cookie: the Set-Cookie attributes, with the browser defaults."""
    expires = None
    if morsel["max-age"]:
        try:
            expires = (time.time() + int(morsel["max-age"])) * 1000
        except ValueError:
            expires = None
    elif morsel["expires"]:
        from email.utils import parsedate_to_datetime

        try:
            expires = parsedate_to_datetime(morsel["expires"]).timestamp() * 1000
        except (TypeError, ValueError):
            expires = None
    path = morsel["path"] or (target.path.rsplit("/", 1)[0] or "/")
    return {
        "name": morsel.key, "value": morsel.value, "domain": morsel["domain"] or (target.host or ""),
        "path": path, "isSecure": bool(morsel["secure"]), "isHTTPOnly": bool(morsel["httponly"]),
        "isSessionOnly": expires is None, "expiresDate": expires,
    }


def describe_failure(error: BaseException, exchange: Exchange) -> str:
    """What failed, in words, ending with the URL: the message of the script's TypeError."""
    import aiohttp  # imported already: a request failed

    url = exchange.url
    cause: BaseException | None = error
    while cause is not None:  # aiohttp wraps what the body's writer raised
        if isinstance(cause, UploadFailed):
            return f"fetch failed: the request's body stream failed ({cause}): {url}"
        cause = cause.__cause__ or cause.__context__
    if isinstance(error, aiohttp.ClientConnectorCertificateError):
        return f"fetch failed: TLS certificate not accepted ({error.certificate_error.verify_message}): {url}"
    if isinstance(error, aiohttp.ClientConnectorSSLError):
        return f"fetch failed: TLS handshake failed ({error.os_error}): {url}"
    if isinstance(error, aiohttp.ClientConnectorDNSError):
        return f"fetch failed: cannot resolve the host {_url(url).host}: {url}"
    if isinstance(error, aiohttp.ClientProxyConnectionError):
        return f"fetch failed: cannot connect to the proxy ({error.os_error.strerror or error}): {url}"
    if isinstance(error, aiohttp.ClientConnectorError):
        cause = error.os_error
        if isinstance(cause, ConnectionRefusedError):
            return f"fetch failed: connection refused: {url}"
        if isinstance(cause, socket.gaierror):
            return f"fetch failed: cannot resolve the host {_url(url).host}: {url}"
        return f"fetch failed: cannot connect ({cause.strerror or cause}): {url}"
    if isinstance(error, asyncio.TimeoutError):  # aiohttp's connect and read timeouts are both
        waiting = "for the response" if exchange.response is None else "for more of the body"
        return f"fetch failed: timed out after {exchange.timeout:g} s waiting {waiting}: {url}"
    if isinstance(error, aiohttp.ServerDisconnectedError):
        return f"fetch failed: the server closed the connection before answering: {url}"
    if isinstance(error, aiohttp.ClientPayloadError):
        return f"fetch failed: the body was cut short or malformed ({error}): {url}"
    if isinstance(error, aiohttp.ClientResponseError):
        return f"fetch failed: the server's response is malformed ({error.message}): {url}"
    if isinstance(error, aiohttp.ClientError | OSError):
        return f"fetch failed: {error or type(error).__name__}: {url}"
    return f"fetch failed: {type(error).__name__}: {error}: {url}"
