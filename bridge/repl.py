"""The interactive prompt (`scripting-bridge` with no command, or `repl`), as Node's.

The runtime's globals are there and its event loop runs between entries (a server started
at the prompt serves). Each entry is TypeScript with its types erased; an entry that does
not parse yet and ends where more could follow continues on the next line (an empty line
runs it as it is). Declarations persist from entry to entry: an entry runs as a global
script, or, when it uses `await` at top level, inside an async function whose top-level
`const`/`let`/`var` of plain names become assignments to globals. The value of the last
expression is printed as console.log would.
"""

from __future__ import annotations

import asyncio
import signal
import sys

PROMPT, MORE = "> ", "... "
_FUNCTIONS = {"function_declaration", "function_expression", "arrow_function", "method_definition",
              "generator_function_declaration", "generator_function", "class_body"}


def repl() -> int:
    from . import event_loop
    return event_loop.run(_repl)


async def _repl() -> int:
    from importlib import metadata

    from .runtime import Runtime
    from .runtime.interrupts import handle_signals, stop_handling_signals

    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    state = {"lines": [], "evaluating": False, "exit": None}

    def on_signal(signum: int, stack: list) -> None:
        if signum != signal.SIGINT:
            state["exit"] = 128 + signum
            reader.feed_eof()
        elif not state["evaluating"] and not state.pop("stopped", False):
            state["lines"] = []
            _write("\n(To exit, press Ctrl+D or type .exit)\n" + PROMPT)

    handle_signals(loop, on_signal)
    try:
        async with Runtime(announce=True, code_frames=True, async_stack_traces=True) as runtime:
            _write(f"scripting-bridge {metadata.version('scripting-bridge')}: the app's globals "
                   f"are here, TypeScript is erased. Ctrl+D or .exit leaves.\n" + PROMPT)
            while state["exit"] is None:
                line = await reader.readline()
                if not line:
                    _write("\n")
                    break
                text = line.decode("utf-8", "replace").rstrip("\n")
                if not state["lines"] and text.strip() == ".exit":
                    break
                state["lines"].append(text)
                source = "\n".join(state["lines"])
                if text.strip() and _incomplete(source):
                    _write(MORE)
                    continue
                state["lines"] = []
                if source.strip():
                    state["evaluating"] = True
                    try:
                        state["stopped"] = not await _evaluate(runtime, source)
                    finally:
                        state["evaluating"] = False
                _write(PROMPT)
    finally:
        stop_handling_signals(loop)
    return state["exit"] or 0


def _write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _incomplete(source: str) -> bool:
    """Whether the entry fails to parse only because it stops early (more lines may follow)."""
    import pythonmonkey as pm

    from .runtime.engine import compile_script
    from .typescript import TypeScriptSyntaxError, strip

    lines = source.split("\n")
    try:
        js = strip(source, "[repl]")
    except TypeScriptSyntaxError as error:
        return error.line > len(lines) or (error.line == len(lines) and error.column > len(lines[-1].rstrip()))
    try:
        compile_script(js, "[repl]")
    except pm.SpiderMonkeyError as error:
        details = error.jsError or {}
        message = str(details.get("message") or "")
        return int(details.get("lineNumber") or 0) > len(lines) or "end of script" in message
    return False


async def _evaluate(runtime, source: str) -> bool:
    """Run an entry and print its value or error; False if a signal stopped it."""
    import pythonmonkey as pm

    from .runtime.errors import format_error, with_code_frame
    from .runtime.interrupts import is_interruption
    from .typescript import TypeScriptSyntaxError, strip

    runtime.sources["[repl]"] = source
    try:
        js, is_async = _prepare(strip(source, "[repl]"))
        if is_async:
            value = await pm.eval("(async function () {\n" + js + "\n})", {"filename": "[repl]", "lineno": 0})()
        else:
            value = pm.eval(js, {"filename": "[repl]"})
        _write(runtime.inspect(value) + "\n")
    except TypeScriptSyntaxError as error:
        _write(with_code_frame(str(error), runtime.sources) + "\n")
    except pm.SpiderMonkeyError as error:
        if is_interruption(error):
            _write("Interrupted\n")
            return False
        details = error.jsError
        if isinstance(details, dict) or hasattr(details, "get"):
            headline = f"{details.get('name') or 'Error'}: {details.get('message')}"
            report = format_error(("" if details.get("name") == "SyntaxError" else "Uncaught ") + headline,
                                  str(details.get("stack") or ""), str(details.get("fileName") or ""),
                                  int(details.get("lineNumber") or 0), int(details.get("columnNumber") or 0))
        else:
            report = f"Uncaught {runtime.inspect(details)}"
        _write(with_code_frame(report, runtime.sources) + "\n")
    return True


def _prepare(js: str) -> tuple[str, bool]:
    """An entry's JS as it runs: (code, whether it runs in an async function)."""
    from .typescript.parser import parse

    data = js.encode("utf-8")
    root = parse(data).root_node
    if not _awaits(root):
        return js, False
    edits: list[tuple[int, int, bytes]] = []
    for statement in root.named_children:
        if statement.type in ("lexical_declaration", "variable_declaration"):
            declarators = [child for child in statement.named_children if child.type == "variable_declarator"]
            if declarators and all(d.child_by_field_name("name").type == "identifier" for d in declarators):
                keyword = statement.children[0]
                edits.append((keyword.start_byte, keyword.end_byte, b" " * (keyword.end_byte - keyword.start_byte)))
    statements = root.named_children
    if statements and statements[-1].type == "expression_statement":
        expression = statements[-1].named_children[0]
        edits += [(expression.start_byte, expression.start_byte, b"return ("),
                  (expression.end_byte, expression.end_byte, b")")]
    for start, end, text in sorted(edits, reverse=True):
        data = data[:start] + text + data[end:]
    return data.decode("utf-8"), True


def _awaits(node) -> bool:
    """Whether `await` appears at the top level (not inside a function)."""
    if node.type in _FUNCTIONS:
        return False
    if node.type == "await_expression" or (node.type == "for_in_statement" and
                                           any(child.type == "await" for child in node.children)):
        return True
    return any(_awaits(child) for child in node.children)
