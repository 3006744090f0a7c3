"""Whole messages from data frames: the sans-I/O protocol yields each fragment as a frame."""

from __future__ import annotations

from websockets.frames import Frame, Opcode


class MessageAssembler:
    def __init__(self) -> None:
        self._fragments: list[bytes] = []
        self._opcode = Opcode.TEXT

    def add(self, frame: Frame) -> tuple[Opcode, bytes] | None:
        """The (opcode, payload) of the message a TEXT/BINARY/CONT frame completes, else None.
        The protocol has already refused frames out of sequence and messages over max_size."""
        if frame.opcode is Opcode.CONT:
            self._fragments.append(frame.data)
            if not frame.fin:
                return None
            payload, self._fragments = b"".join(self._fragments), []
            return self._opcode, payload
        if frame.fin:
            return frame.opcode, frame.data
        self._opcode, self._fragments = frame.opcode, [frame.data]
        return None
