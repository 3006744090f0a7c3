"""The interactive prompt, driven through a pseudo-terminal as a user types."""

from __future__ import annotations

import os
import pty
import select
import signal
import sys
import time

import pytest

from .clihelp import ENV


class Terminal:
    def __init__(self) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execvpe(sys.executable, [sys.executable, "-m", "bridge"], ENV)
        self.seen = ""

    def until(self, text: str, timeout: float = 30) -> str:
        """Read until `text` has appeared; what was read up to and including it."""
        deadline = time.monotonic() + timeout
        while text not in self.seen:
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"{text!r} never appeared; the terminal shows:\n{self.seen}"
            if select.select([self.fd], [], [], min(remaining, 0.2))[0]:
                try:
                    self.seen += os.read(self.fd, 4096).decode("utf-8", "replace").replace("\r\n", "\n")
                except OSError:
                    break
        head, _, self.seen = self.seen.partition(text)
        return head + text

    def type(self, line: str) -> str:
        """Type a line; what the REPL printed in answer, up to its next prompt."""
        os.write(self.fd, line.encode() + b"\n")
        self.until(line + "\n")  # the terminal's echo
        return self.until("\n> ").removesuffix("> ")

    def close(self) -> int:
        if self.fd < 0:
            return self.status
        try:
            os.write(self.fd, b"\x04")
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
                if pid:
                    self.status = os.waitstatus_to_exitcode(status)
                    return self.status
                time.sleep(0.05)
            os.kill(self.pid, signal.SIGKILL)
            self.status = os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])
            return self.status
        finally:
            os.close(self.fd)
            self.fd = -1


@pytest.fixture
def terminal():
    term = Terminal()
    term.until("> ")
    yield term
    term.close()


def test_globals_typescript_declarations_and_values(terminal):
    assert terminal.type("typeof HttpServer + ' ' + typeof Data.fromString") == "'function function'\n"
    assert terminal.type("const answer: number = 40") == "undefined\n"
    assert terminal.type("answer + 2") == "42\n"
    assert terminal.type("({ list: [1, 'two'] })") == "{ list: [ 1, 'two' ] }\n"


def test_multi_line_input_continues_until_complete(terminal):
    os.write(terminal.fd, b"function twice(text: string): string {\n")
    terminal.until("... ")
    os.write(terminal.fd, b"  return text + text\n")
    terminal.until("... ")
    assert terminal.type("}") == "undefined\n"
    assert terminal.type("twice('ab')") == "'abab'\n"


def test_top_level_await_keeps_its_declarations(terminal):
    assert terminal.type("await new Promise((resolve) => setTimeout(() => resolve(5), 10))") == "5\n"
    assert terminal.type("const later = await Promise.resolve('kept')") == "undefined\n"
    assert terminal.type("later") == "'kept'\n"


def test_errors_are_shown_and_the_prompt_goes_on(terminal):
    shown = terminal.type("throw new RangeError('too far')")
    assert shown.splitlines()[:3] == ["[repl]:1:7: Uncaught RangeError: too far",
                                      "  1 | throw new RangeError('too far')", "    |       ^"]
    assert terminal.type("1 + 1") == "2\n"


def test_ctrl_c_stops_a_busy_entry_and_ctrl_d_leaves(terminal):
    os.write(terminal.fd, b"while (true) {}\n")
    time.sleep(0.5)
    os.write(terminal.fd, b"\x03")
    assert "Interrupted" in terminal.until("> ")
    assert terminal.type("'still here'") == "'still here'\n"
    assert terminal.close() == 0
