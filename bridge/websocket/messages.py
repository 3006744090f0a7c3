"""Messages from frames, for both ends: the sans-I/O protocol yields each fragment as a frame,
checks neither text nor the cost of fragments, and leaves whole messages to its I/O layer."""

from __future__ import annotations

import codecs

from websockets.exceptions import PayloadTooBig
from websockets.frames import Frame, Opcode
from websockets.protocol import SERVER

TEXT, CONT, CLOSE = Opcode.TEXT, Opcode.CONT, Opcode.CLOSE


class ValidatedText:
    """Mixin for a websockets Protocol: text is checked as each frame is parsed, so invalid UTF-8
    fails the connection with 1007 (the parser turns the UnicodeDecodeError into that close)
    even when later frames of the same read would otherwise decide the code. Text is checked
    here once; the JS halves never check it again."""

    _text = None  # the incremental decoder of the text message being received

    def recv_frame(self, frame: Frame) -> None:
        opcode = frame.opcode
        starts_text = opcode is TEXT and self.current_size is None
        if starts_text and frame.fin:  # a whole message in one frame, as most are
            codecs.utf_8_decode(frame.data, None, True)
        elif starts_text or (opcode is CONT and self._text is not None):
            if starts_text:
                self._text = codecs.getincrementaldecoder("utf-8")()
            self._text.decode(frame.data, frame.fin)
            if frame.fin:
                self._text = None
        super().recv_frame(frame)


class CountedFragments:
    """Mixin for a websockets Protocol: a fragmented message counts each frame's header towards
    max_size, not only its payload, so a message of millions of empty or tiny fragments is
    closed with 1009 as a large one is (the protocol alone counts payloads only)."""

    def recv_frame(self, frame: Frame) -> None:
        if frame.opcode is CLOSE and self.current_size is not None:
            # A close may come between the fragments of a message (RFC 6455 5.4: control frames
            # may be injected): the message is abandoned and the close answered as any other,
            # where the protocol alone would fail the connection with 1002.
            self.current_size = None
            return super().recv_frame(frame)
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
