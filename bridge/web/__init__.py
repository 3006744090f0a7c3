"""The web platform's globals that scripts keep besides the app's: Event and EventTarget,
TextEncoder and TextDecoder, atob and btoa (README, "Globals"). URL, URLSearchParams and
DOMException are pythonmonkey's (core-js), already global; setImmediate is with the timers."""

from __future__ import annotations

from .encoding import EncodingHost


def install(runtime) -> None:
    runtime.engine.load("web/events.js", None)
    runtime.engine.load("web/encoding.js", EncodingHost())


__all__ = ["install"]
