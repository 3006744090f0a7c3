"""Calls from JS to Python that carry no JS value across, the mirror of the inbox.

pythonmonkey 1.4.1 leaks every JS number (~24 B) and string (~70 B) passed to a Python
function, and every method looked up on a Python object from JS (~390 B: a new function
proxy each time); Uint8Arrays cross without leaking (measured; issue #8). So a JS half never
sees its Python host object. Engine.load hands it a JS object of stubs instead, one per method
marked @js_callable, each fetched once. A stub writes its arguments into memory shared with
Python once (outbox.js) and calls a Python function with no arguments, or with just the
Uint8Arrays among them; that function reads the arguments back by the method's annotations
and calls the method. A function a host program exposes to scripts (Runtime.expose) is called
the same way, its arguments read back by what JS passed.

A host method returns plain Python values and raises to fail; the outbox carries the result
back without pythonmonkey's hazards. Numbers, booleans and None cross as pythonmonkey converts
them (None as undefined). A str (which would slow every later collection, docs/engine.md), a
bytes-like value (which would leak its size) and a list or dict (JSON) go through the inbox, and
outbox.js makes a JS string, a new Uint8Array or the parsed value of them. An exception becomes a
JS error with the Python message: TypeError -> TypeError, RangeError (below) -> RangeError, any
other Exception -> Error. A coroutine or future (an `async def` host method) gives JS a Promise,
settled the same way once it is done (internals.outbox.settle); while it is pending, the runtime
stays alive.

Layout of `numbers` (a Float64Array over the same memory as `Outbox._numbers`): [0] is how many
arguments the call has; argument i takes slots 1 + 2i (its value) and 2 + 2i (its kind). A
string's UTF-8 lies in the payload buffer at offset `value`, `kind` bytes long; other kinds are
negative (the constants below; a BUFFER's `value` is its index among the Uint8Arrays passed as
the call's arguments; a stub copies a Uint8Array of up to 4 KiB into the payload instead, at
offset `value`, and its kind is COPIED minus its length). After the call, RESULT_KIND_SLOT says
how to read what it returned (one of the result kinds below) and RESULT_LENGTH_SLOT how many
inbox bytes hold it; in the last slot JS asks for a bigger payload buffer.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import itertools
import json
import types
import typing
from typing import Callable

import pythonmonkey as pm

from .liveness import Liveness

SLOTS = 64
MAX_ARGUMENTS = (SLOTS - 4) // 2
RESULT_KIND_SLOT, RESULT_LENGTH_SLOT, GROWTH_SLOT = SLOTS - 3, SLOTS - 2, SLOTS - 1
# Argument kinds (a string's kind is its UTF-8 length, >= 0).
UNDEFINED, NUMBER, BUFFER, BOOLEAN, NULL = -1.0, -2.0, -3.0, -4.0, -5.0
COPIED = -16.0  # and below: a small Uint8Array's bytes in the payload (outbox.js: COPY_LIMIT)
# Result kinds: PLAIN is the returned value itself; the others are read from the inbox.
PLAIN, TEXT, BYTES, JSON, ERROR, TYPE_ERROR, RANGE_ERROR, PROMISE = 0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0
_INITIAL_SIZE = 64 * 1024


class RangeError(ValueError):
    """Raised by a host method for a value out of its range: JS sees a RangeError."""


def js_callable(method: Callable) -> Callable:
    """Mark a host method that its JS half may call. Its parameters' annotations say what each
    argument becomes: int, float, bool, str, bytes (a string's UTF-8, or a copy of a
    Uint8Array), memoryview (a Uint8Array's bytes, valid only during the call: the array itself,
    or for a small one a bytes copy), any of them `| None` (for undefined or null)."""
    method.js_callable = True
    return method


class Outbox:
    def __init__(self, internals, inbox, liveness: Liveness) -> None:
        self._internals = internals
        self._inbox = inbox
        self._liveness = liveness
        self._pending: dict[int, asyncio.Future] = {}  # promise id -> what settles it
        self._promise_ids = itertools.count(1)
        numbers = bytearray(8 * SLOTS)
        self._numbers = memoryview(numbers).cast("d")
        self._payload = memoryview(bytearray(0))
        internals.shareOutbox(numbers, self._grow)
        self._share(_INITIAL_SIZE)
        self._settle_in_js = internals.outbox.settle

    def stubs(self, host: object):
        """A JS object with a stub for each @js_callable method of `host`: what its JS half sees."""
        stubs = self._internals.outbox.newHost()
        for name, member in inspect.getmembers(type(host)):
            if getattr(member, "js_callable", False):
                method = getattr(host, name)
                self._internals.outbox.addStub(stubs, name, self._receiver(method))
        return stubs

    def function(self, function: Callable):
        """A JS function calling `function` with what JS passes it, as pythonmonkey would
        convert it (numbers as floats, null as pm.null, a Uint8Array as a memoryview valid
        during the call), without its leaks. Arguments the outbox cannot carry (objects,
        arrays, functions) make that call go to `function` directly, as pythonmonkey's."""
        readers = [self._any_reader(index) for index in range(MAX_ARGUMENTS)]
        numbers = self._numbers

        def receive(*buffers):
            try:
                return self._result(function(*[read(buffers) for read in readers[:int(numbers[0])]]))
            except Exception as error:
                return self._failure(error)
        return self._internals.outbox.newFunction(receive, function, _required_positionals(function))

    def _receiver(self, method: Callable) -> Callable:
        """The Python function a stub calls: it reads the arguments JS wrote and calls `method`.
        A call whose every argument has its annotated kind takes a path generated for the
        method's signature (one expression per argument, no call per argument: this runs for
        every call from JS); any other call (undefined for an optional argument, a Uint8Array
        for bytes, a mistake) is read argument by argument, which also words the errors."""
        hints = typing.get_type_hints(method)
        parameters = _parameters(method)
        annotations = [_unwrap_optional(method, hints.get(parameter.name)) for parameter in parameters]
        readers = tuple(self._reader(method, index, parameter.name, *annotation)
                        for index, (parameter, annotation) in enumerate(zip(parameters, annotations)))
        numbers, result, failure = self._numbers, self._result, self._failure

        def read_each(*buffers):
            count = numbers[0]
            try:
                return result(method(*[read(count, buffers) for read in readers]))
            except Exception as error:
                return failure(error)

        kinds = tuple(wanted for wanted, _ in annotations)
        receive = _fast_receiver(kinds)(numbers, self, result, failure, method, read_each)
        receive.__name__ = method.__name__
        return receive

    def _result(self, value):
        # Set after the call, since the call may have run JS that made outbox calls of its own.
        kind = type(value)
        if value is None or kind is int or kind is float or kind is bool:
            self._numbers[RESULT_KIND_SLOT] = PLAIN
            return value
        if kind is str:
            self._numbers[RESULT_LENGTH_SLOT] = self._inbox.put_text(value)
            self._numbers[RESULT_KIND_SLOT] = TEXT
            return None
        if kind is bytes or kind is bytearray or kind is memoryview:
            self._numbers[RESULT_LENGTH_SLOT] = self._inbox.put(value)
            self._numbers[RESULT_KIND_SLOT] = BYTES
            return None
        if kind is list or kind is dict:
            self._numbers[RESULT_LENGTH_SLOT] = self._inbox.put_text(json.dumps(value, ensure_ascii=False))
            self._numbers[RESULT_KIND_SLOT] = JSON
            return None
        if kind is types.CoroutineType or isinstance(value, asyncio.Future):
            self._numbers[RESULT_LENGTH_SLOT] = self._await(value)
            self._numbers[RESULT_KIND_SLOT] = PROMISE
            return None
        self._numbers[RESULT_KIND_SLOT] = PLAIN
        return value

    def _await(self, awaitable) -> int:
        """Run a host method's coroutine (or wait for its future); return the id of the promise
        JS makes for it."""
        promise_id = next(self._promise_ids)
        future = asyncio.ensure_future(awaitable)
        self._pending[promise_id] = future
        self._liveness.acquire()
        future.add_done_callback(lambda done: self._settle(promise_id, done))
        return promise_id

    def _settle(self, promise_id: int, future: asyncio.Future) -> None:
        if self._pending.pop(promise_id, None) is None:
            return  # cancelled by close(): the runtime is going away
        self._liveness.release()
        if future.cancelled():
            value = self._failure(RuntimeError("the operation was cancelled"))
        elif (error := future.exception()) is not None:
            value = self._failure(error)
        else:
            value = self._result(future.result())
        self._settle_in_js(promise_id, value)

    def close(self) -> None:
        """Cancel what host methods still await; their promises never settle."""
        pending, self._pending = self._pending, {}
        for future in pending.values():
            future.cancel()
            self._liveness.release()

    def _failure(self, error: Exception):
        """What JS throws for an exception of a host method: the Python message, in the JS error
        type that says the same (outbox.js)."""
        kind = TYPE_ERROR if isinstance(error, TypeError) else RANGE_ERROR if isinstance(error, RangeError) \
            else ERROR
        self._numbers[RESULT_LENGTH_SLOT] = self._inbox.put_text(str(error) or type(error).__name__)
        self._numbers[RESULT_KIND_SLOT] = kind
        return None

    def _reader(self, method: Callable, index: int, name: str, wanted: type, optional: bool):
        """A function reading argument `index` of a call (given how many arguments the call
        has, and its Uint8Arrays) as a `wanted` (or None, if `optional`)."""
        numbers, value_slot, kind_slot = self._numbers, 1 + 2 * index, 2 + 2 * index
        where = f"{method.__qualname__}: argument {index + 1} ({name})"

        def otherwise(kind: float):
            if (kind == UNDEFINED or kind == NULL) and optional:
                return None
            raise TypeError(f"{where} must be {wanted.__name__}, the JS half passed "
                            f"{_kind_name(kind)}")

        if wanted in (int, float, bool):
            convert, expected = {int: (int, NUMBER), float: (float, NUMBER), bool: (bool, BOOLEAN)}[wanted]

            def read(count: float, buffers: tuple):
                kind = numbers[kind_slot] if index < count else UNDEFINED
                return convert(numbers[value_slot]) if kind == expected else otherwise(kind)
        elif wanted in (str, bytes):
            def read(count: float, buffers: tuple):
                kind = numbers[kind_slot] if index < count else UNDEFINED
                if kind >= 0:  # a string's UTF-8 in the payload, `kind` bytes long
                    start = int(numbers[value_slot])
                    text = self._payload[start:start + int(kind)]
                    return str(text, "utf-8") if wanted is str else text.tobytes()
                if wanted is bytes and kind == BUFFER:
                    return bytes(buffers[int(numbers[value_slot])])
                if wanted is bytes and kind <= COPIED:
                    return self._copied(numbers[value_slot], kind)
                return otherwise(kind)
        else:  # memoryview
            def read(count: float, buffers: tuple):
                kind = numbers[kind_slot] if index < count else UNDEFINED
                if kind == BUFFER:
                    return buffers[int(numbers[value_slot])]
                return self._copied(numbers[value_slot], kind) if kind <= COPIED else otherwise(kind)
        return read

    def _copied(self, offset: float, kind: float) -> bytes:
        """A small Uint8Array's bytes that outbox.js copied into the payload."""
        start = int(offset)
        return self._payload[start:start + int(COPIED - kind)].tobytes()

    def _any_reader(self, index: int):
        """Reads argument `index` as what JS passed (for Outbox.function)."""
        numbers, value_slot, kind_slot = self._numbers, 1 + 2 * index, 2 + 2 * index

        def read(buffers: tuple):
            kind, value = numbers[kind_slot], numbers[value_slot]
            if kind >= 0:
                start = int(value)
                return str(self._payload[start:start + int(kind)], "utf-8")
            if kind == NUMBER:
                return value
            if kind == BOOLEAN:
                return value != 0
            if kind == BUFFER:
                return buffers[int(value)]
            return pm.null if kind == NULL else None
        return read

    def _grow(self) -> None:
        # outbox.js asks for room for numbers[GROWTH_SLOT] bytes, keeping what it already wrote.
        self._share(max(int(self._numbers[GROWTH_SLOT]), 2 * len(self._payload)))

    def _share(self, size: int) -> None:
        buffer = bytearray(size)
        # Held as a memoryview so the bytearray can never be resized under JS's feet. Each
        # replacement leaks the old buffer in pythonmonkey (docs/engine.md), hence doubling.
        self._payload = memoryview(buffer)
        self._internals.shareOutboxPayload(buffer)


# How the generated receiver checks an argument's kind and reads it (see _receiver): `n` is the
# numbers, `p` the payload, `buffers` the Uint8Arrays of the call.
_FAST_READS = {
    int: (f"{{kind}} == {NUMBER}", "int({value})"),
    float: (f"{{kind}} == {NUMBER}", "{value}"),
    bool: (f"{{kind}} == {BOOLEAN}", "{value} != 0"),
    str: ("{kind} >= 0", "str(p[int({value}):int({value}) + int({kind})], 'utf-8')"),
    bytes: ("{kind} >= 0", "p[int({value}):int({value}) + int({kind})].tobytes()"),
    # A small Uint8Array, copied into the payload, or a larger one passed as itself.
    memoryview: (f"({{kind}} <= {COPIED} or {{kind}} == {BUFFER})",
                 f"(buffers[int({{value}})] if {{kind}} == {BUFFER} "
                 f"else p[int({{value}}):int({{value}}) + int({COPIED} - {{kind}})].tobytes())"),
}
_KIND_NAMES = {UNDEFINED: "undefined", NULL: "null", NUMBER: "a number", BOOLEAN: "a boolean",
               BUFFER: "a Uint8Array"}


def _kind_name(kind: float) -> str:
    """What JS passed, for an error message."""
    if kind >= 0:
        return "a string"
    return "a Uint8Array" if kind <= COPIED else _KIND_NAMES[kind]


_SUPPORTED = (int, float, bool, str, bytes, memoryview)


@functools.cache
def _fast_receiver(kinds: tuple[type, ...]) -> Callable:
    """A factory of receivers for methods whose parameters are annotated with `kinds` (see
    Outbox._receiver), compiled once per list of kinds: a runtime has ~90 host methods of far
    fewer signatures, and compiling each would add to every start."""
    checks, arguments = [f"n[0] == {len(kinds)}"], []
    for index, wanted in enumerate(kinds):
        value, kind = f"n[{1 + 2 * index}]", f"n[{2 + 2 * index}]"
        check, argument = _FAST_READS[wanted]
        checks.append(check.format(kind=kind))
        arguments.append(argument.format(value=value, kind=kind))
    source = (f"def make(numbers, outbox, result, failure, method, read_each):\n"
              f"    def receive(*buffers):\n"
              f"        n = numbers[:{1 + 2 * len(kinds)}].tolist()\n"
              f"        if {' and '.join(checks)}:\n"
              f"            p = outbox._payload\n"
              f"            try:\n"
              f"                return result(method({', '.join(arguments)}))\n"
              f"            except Exception as error:\n"
              f"                return failure(error)\n"
              f"        return read_each(*buffers)\n"
              f"    return receive\n")
    scope: dict = {}
    exec(compile(source, f"<outbox receiver for ({', '.join(kind.__name__ for kind in kinds)})>", "exec"), scope)
    return scope["make"]


def _required_positionals(function: Callable) -> int:
    """How many arguments pythonmonkey must pass `function`: given fewer, it fills the rest
    with None without taking a reference, and each such call takes one from None's count
    until the interpreter dies deallocating None (pythonmonkey 1.4.1, callPyFunc)."""
    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):  # a builtin without a signature: pythonmonkey passes all
        return 0
    return sum(1 for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
               and p.default is p.empty)


def _parameters(method: Callable) -> list[inspect.Parameter]:
    parameters = list(inspect.signature(method).parameters.values())
    if len(parameters) > MAX_ARGUMENTS or any(p.kind not in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
                                              for p in parameters):
        raise TypeError(f"{method.__qualname__}: a @js_callable method takes at most {MAX_ARGUMENTS} "
                        f"positional parameters")
    return parameters


def _unwrap_optional(method: Callable, annotation) -> tuple[type, bool]:
    optional = False
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        members = [member for member in typing.get_args(annotation) if member is not type(None)]
        optional = len(members) < len(typing.get_args(annotation))
        annotation = members[0] if len(members) == 1 else None
    if annotation not in _SUPPORTED:
        raise TypeError(f"{method.__qualname__}: a @js_callable parameter must be annotated with one of "
                        f"{', '.join(t.__name__ for t in _SUPPORTED)} (or it | None), got {annotation!r}")
    return annotation, optional
