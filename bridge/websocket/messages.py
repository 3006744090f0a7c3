"""Whole messages from data frames: the sans-I/O protocol yields each fragment as a frame."""

from __future__ import annotations

from websockets.exceptions import PayloadTooBig
from websockets.frames import Frame, Opcode
from websockets.protocol import SERVER

CONT = Opcode.CONT


class CountedFragments:
    """Mixin for a websockets Protocol: a fragmented message counts each frame's header towards
    max_size, not only its payload, so a message of millions of empty or tiny fragments is
    closed with 1009 as a large one is (the protocol alone counts payloads only)."""

    def recv_frame(self, frame: Frame) -> None:
        # Fragments in sequence only: the protocol refuses the others with 1002. (Control
        # frames are never fragmented.)
        if self.current_size is None:
            if frame.fin or frame.opcode is CONT:
                return super().recv_frame(frame)
        elif frame.opcode is not CONT:
            return super().recv_frame(frame)
        before = self.current_size or 0
        length = len(frame.data)
        counted = before + length + _header_length(length, self.side is SERVER)
        if counted > self.max_message_size:
            # The parser adds current_size to both numbers for the close reason it gives.
            raise PayloadTooBig(counted - before, self.max_message_size - before)
        super().recv_frame(frame)
        if not frame.fin:
            self.current_size = counted


def _header_length(length: int, masked: bool) -> int:
    return 2 + (0 if length < 126 else 2 if length < 65536 else 8) + (4 if masked else 0)


class MessageAssembler:
    def __init__(self) -> None:
        self._buffer = bytearray()  # the fragments so far, one growing buffer
        self._opcode = Opcode.TEXT

    def add(self, frame: Frame) -> tuple[Opcode, bytes | bytearray] | None:
        """The (opcode, payload) of the message a TEXT/BINARY/CONT frame completes, else None.
        The protocol has already refused frames out of sequence and messages over max_size."""
        if frame.opcode is CONT:
            self._buffer += frame.data
            if not frame.fin:
                return None
            payload, self._buffer = self._buffer, bytearray()
            return self._opcode, payload
        if frame.fin:
            return frame.opcode, frame.data
        self._opcode, self._buffer = frame.opcode, bytearray(frame.data)
        return None


def unmasked_frame(opcode: Opcode, payload: bytes) -> bytes:
    """A whole message as one frame, as a server sends it (no mask, no extension)."""
    return Frame(opcode, payload).serialize(mask=False, extensions=())
