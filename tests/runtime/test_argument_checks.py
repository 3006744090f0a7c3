"""The same mistake gets the same words in every API (bridge/runtime/checks.js): a wrong
argument is "WHERE: NAME must be WANTED, got TYPE", whichever API is called, in the real engine."""

from __future__ import annotations

import pytest

from helpers import JS

# Each call passes `value` where one kind of argument is expected.
FUNCTION_EXPECTED = {
    "new HttpServer().registerHandler('/', value)": "HttpServer.registerHandler: handler",
    "new HttpServer().setNotFoundHandler(value)": "HttpServer.setNotFoundHandler: handler",
    "new HttpServer().registerWebsocket('/ws', { handleText: value })": "HttpServer.registerWebsocket: handleText",
    "setTimeout(value, 1)": "setTimeout: callback",
    "setInterval(value, 1)": "setInterval: callback",
    "queueMicrotask(value)": "queueMicrotask: callback",
    "new AbortController().signal.addEventListener('abort', value)": "AbortSignal.addEventListener: listener",
    "new Headers().forEach(value)": "Headers.forEach: callback",
    "new ReadableStream({ pull: value })": "ReadableStream: underlyingSource.pull",
    "Script.onResume(value)": "Script.onResume: callback",
}
STRING_EXPECTED = {
    "Storage.set(value, 'x')": "Storage.set: key",
    "Keychain.set('key', value)": "Keychain.set: value",
    "Data.fromBase64String(value)": "Data.fromBase64String: string",
    "HttpResponseBody.text(value)": "HttpResponseBody.text: text",
    "new HttpServer().registerFile('/a', value)": "HttpServer.registerFile: filePath",
    "Path.basename(value)": "Path.basename: path",
    "FileManager.readAsStringSync(value)": "FileManager.readAsStringSync: path",
    "SQLite.open(value)": "SQLite.open: path",
    "new WebSocket(value)": "WebSocket: url",
}
DATA_EXPECTED = {
    "Data.fromIntArray([1]).append(value)": "Data.append: other",
    "HttpResponseBody.data(value)": "HttpResponseBody.data: data",
    "Crypto.sha256(value)": "Crypto.sha256: data",
    "Storage.setData('key', value)": "Storage.setData: data",
    "Keychain.setData('key', value)": "Keychain.setData: value",
}


def _complaints(js: JS, calls: dict[str, str], value: str) -> dict[str, list[str]]:
    """What each call throws when given `value` (JS source): [constructor name, message]."""
    attempts = ", ".join(f"(value) => {call}" for call in calls)
    results = js(f"""() => [{attempts}].map((attempt) => {{
        try {{ attempt({value}); return ["nothing thrown", ""]; }}
        catch (e) {{ return [e.constructor.name, String(e.message)]; }}
    }})""")
    return dict(zip(calls, results))


@pytest.mark.parametrize("calls,wanted", [(FUNCTION_EXPECTED, "a function"), (STRING_EXPECTED, "a string"),
                                          (DATA_EXPECTED, "a Data")], ids=["function", "string", "Data"])
@pytest.mark.parametrize("value,got", [("42", "number"), ("null", "null"), ("({})", "Object"), ("[1]", "array")])
async def test_a_wrong_argument_reads_the_same_in_every_api(calls, wanted, value, got):
    async with JS.open() as js:
        complaints = _complaints(js, calls, value)
    assert complaints == {call: ["TypeError", f"{named} must be {wanted}, got {got}"] for call, named in calls.items()}


async def test_a_value_of_a_right_type_but_wrong_is_shown_as_it_is():
    async with JS.open() as js:
        assert js.error("() => Data.fromIntArray([1, 2]).slice(0.5)") == (
            "TypeError", "Data.slice: start must be an integer, got 0.5")
        assert js.error("() => Data.fromIntArray([1, 2]).slice('1')") == (
            "TypeError", 'Data.slice: start must be an integer, got "1"')
        assert js.error("() => new HttpServer().registerHandler('no-slash', () => null)") == (
            "TypeError", 'HttpServer.registerHandler: path must be a string starting with "/", got "no-slash"')
        assert js.error("() => new HttpServer().registerFile('/a', '')") == (
            "TypeError", 'HttpServer.registerFile: filePath must be a non-empty string, got ""')
        assert js.error("() => Script.createImportScriptsURLScheme(['a', 2])") == (
            "TypeError", "Script.createImportScriptsURLScheme: urls[1] must be a string, got number")
