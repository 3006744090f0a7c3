"""Whether the engine records a stack for each promise, which error stacks show as async frames.

pythonmonkey 1.4.1 turns on SpiderMonkey's async stack capture: every promise created records
the JS stack at that moment (and its resolution time), so that an error thrown after an
`await` also lists the async functions that awaited it (`at async outer (...)`). The recording
costs each promise ~1-2 us, and an async function's call makes two of them (docs/engine.md,
"Async stack traces"), so a runtime turns the capture off unless asked
(`Runtime(async_stack_traces=True)`, `run --async-stack-traces`, the prompt), and gives
pythonmonkey its setting back when it closes.

The switch is JS::ContextOptions::setAsyncStack on pythonmonkey's context, both exported by
its module; JS::IsAsyncStackCaptureEnabledForRealm confirms that it took.
"""

from __future__ import annotations

import ctypes
import functools
import sys

_OPTIONS_OF = "_ZN2JS17ContextOptionsRefEP9JSContext"
_SET_ASYNC_STACK = "_ZN2JS14ContextOptions13setAsyncStackEb"
_IS_ENABLED = "_ZN2JS34IsAsyncStackCaptureEnabledForRealmEP9JSContext"


class _Engine:
    """The three functions, on pythonmonkey's context."""

    def __init__(self) -> None:
        module = ctypes.CDLL(sys.modules["pythonmonkey.pythonmonkey"].__file__)
        try:
            self._options_of = getattr(module, _OPTIONS_OF)
            self._set_async_stack = getattr(module, _SET_ASYNC_STACK)
            self._is_enabled = getattr(module, _IS_ENABLED)
        except AttributeError as error:
            raise RuntimeError(f"the loaded pythonmonkey lacks {error}: async stack capture is "
                               "switched for pythonmonkey 1.4.1") from None
        self._options_of.restype, self._options_of.argtypes = ctypes.c_void_p, [ctypes.c_void_p]
        self._set_async_stack.restype = ctypes.c_void_p
        self._set_async_stack.argtypes = [ctypes.c_void_p, ctypes.c_bool]
        self._is_enabled.restype, self._is_enabled.argtypes = ctypes.c_bool, [ctypes.c_void_p]
        self._context = ctypes.c_void_p.in_dll(module, "GLOBAL_CX")

    def set(self, enabled: bool) -> None:
        self._set_async_stack(self._options_of(self._context), enabled)

    def enabled(self) -> bool:
        return self._is_enabled(self._context)


@functools.cache
def _engine() -> _Engine:
    return _Engine()


def capture(enabled: bool) -> None:
    """Turn the engine's async stack capture on or off (for the whole process)."""
    engine = _engine()
    engine.set(enabled)
    if engine.enabled() != enabled:
        raise RuntimeError("switching the engine's async stack capture did not take")


def captured() -> bool:
    """Whether the engine records a stack for each promise now."""
    return _engine().enabled()
