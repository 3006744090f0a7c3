"""The text encodings `Data` knows, by the app's names, and converting text with them.

The app names Foundation's `String.Encoding` cases. Each maps to what Foundation (CoreFoundation)
does with it; Python's codecs do the work wherever one matches, and the few Python lacks are
written here from CoreFoundation's own tables and rules:

| app name                              | Python                         | note                          |
| ------------------------------------- | ------------------------------ | ----------------------------- |
| utf-8, utf8 (the default)             | utf-8                          | a leading BOM is dropped when  |
|                                       |                                | decoding, as Foundation does  |
| utf-16, utf16, unicode                | utf-16-le with a BOM           | see "byte order" below        |
| utf16BigEndian / utf16LittleEndian    | utf-16-be / utf-16-le          |                               |
| utf-32, utf32                         | utf-32-le with a BOM           | see "byte order" below        |
| utf32BigEndian / utf32LittleEndian    | utf-32-be / utf-32-le          |                               |
| ascii                                 | ascii                          | 7 bits: bytes >= 0x80 invalid |
| isoLatin1                             | latin-1                        |                               |
| macOSRoman                            | mac_roman                      |                               |
| windowsCP1250 ... windowsCP1254       | cp1250 ... cp1254              |                               |
| shiftJIS                              | cp932                          | Foundation's shiftJIS is      |
|                                       |                                | kCFStringEncodingDOSJapanese, |
|                                       |                                | i.e. Windows-31J (cp932)      |
| japaneseEUC                           | euc_jp                         |                               |
| iso2022JP                             | iso2022_jp                     |                               |
| gbk / gb18030                         | gbk / gb18030                  |                               |
| nextstep                              | none: table below              | CoreFoundation's NEXTSTEP map |
| symbol                                | none: table below              | Apple's Mac OS Symbol map;    |
|                                       |                                | see SYMBOL note               |
| nonLossyASCII                         | none: written below            | CoreFoundation's escapes      |

Byte order (utf-16/utf-32 without an explicit order): encoding writes a byte order mark and
little-endian units, as Foundation does on every Apple device (host order, little-endian);
decoding honours a leading BOM of either order and, without one, reads big-endian, as
CoreFoundation does (`CFStringEncodings.c`).

SYMBOL note: Apple's table maps 0xE2, 0xE3 and 0xE4 to the sans-serif variants of (R), (C) and
TM, written as the character followed by the private-use tag U+F87F. Here they decode to the
plain characters, and those characters encode to the serif code points 0xD2, 0xD3, 0xD4.

Strict decoding (`toRawString`) fails on any invalid byte; lenient decoding (`toDecodedString`)
puts U+FFFD in its place, as Swift's `String(decoding:as:)` does for UTF-8.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import Callable

_UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Encoding:
    name: str  # as scripts write it
    python: str  # the Python codec it uses, or a description of the code here
    encode: Callable[[str], bytes]  # raises ValueError (UnicodeEncodeError) when it cannot
    decode: Callable[[memoryview | bytes, str], str]  # (bytes, "strict" | "replace")


def _codec(name: str, python: str) -> Encoding:
    return Encoding(name, python, lambda text: text.encode(python),
                    lambda data, errors: str(data, python, errors))


def _utf8(name: str) -> Encoding:
    def decode(data, errors: str) -> str:
        return str(data, "utf-8-sig", errors)  # -sig: drops one leading BOM, as Foundation does
    return Encoding(name, "utf-8", lambda text: text.encode("utf-8"), decode)


def _with_bom(name: str, unit: int) -> Encoding:
    """utf-16/utf-32 without an order in the name: BOM + little-endian out, BOM-or-big-endian in."""
    bits = unit * 8
    little, big = f"utf-{bits}-le", f"utf-{bits}-be"
    bom_le = codecs.BOM_UTF16_LE if unit == 2 else codecs.BOM_UTF32_LE
    bom_be = codecs.BOM_UTF16_BE if unit == 2 else codecs.BOM_UTF32_BE

    def encode(text: str) -> bytes:
        return bom_le + text.encode(little)

    def decode(data, errors: str) -> str:
        head = bytes(data[:unit])
        if head == bom_le:
            return str(data[unit:], little, errors)
        if head == bom_be:
            return str(data[unit:], big, errors)
        return str(data, big, errors)

    return Encoding(name, f"{little} with a BOM out; BOM or {big} in", encode, decode)


def _charmap(name: str, python: str, upper_half: str, lower_changes: str = "") -> Encoding:
    """An 8-bit encoding: ASCII below 0x80 and `upper_half` (128 characters, U+FFFE for an
    unassigned byte) above. `lower_changes` lists (byte, character) pairs where the lower half
    is not ASCII."""
    table = [chr(byte) for byte in range(128)] + list(upper_half)
    for index in range(0, len(lower_changes), 2):
        table[ord(lower_changes[index])] = lower_changes[index + 1]
    decoding = "".join(table)
    assert len(decoding) == 256, name
    encoding: dict[int, int] = {}
    for byte, char in enumerate(decoding):
        if char != "\ufffe":
            encoding.setdefault(ord(char), byte)  # the first byte wins for a repeated character

    def encode(text: str) -> bytes:
        return codecs.charmap_encode(text, "strict", encoding)[0]

    def decode(data, errors: str) -> str:
        return codecs.charmap_decode(data, errors, decoding)[0]

    return Encoding(name, python, encode, decode)


_UNDEFINED = "\ufffe"

# CoreFoundation's NEXTSTEP table (CFBuiltinConverters.c), bytes 0x80..0xFF; 0xFE and 0xFF unassigned.
_NEXTSTEP = (
    "\u00a0\u00c0\u00c1\u00c2\u00c3\u00c4\u00c5\u00c7\u00c8\u00c9\u00ca\u00cb\u00cc\u00cd\u00ce\u00cf"
    "\u00d0\u00d1\u00d2\u00d3\u00d4\u00d5\u00d6\u00d9\u00da\u00db\u00dc\u00dd\u00de\u00b5\u00d7\u00f7"
    "\u00a9\u00a1\u00a2\u00a3\u2044\u00a5\u0192\u00a7\u00a4\u2019\u201c\u00ab\u2039\u203a\ufb01\ufb02"
    "\u00ae\u2013\u2020\u2021\u00b7\u00a6\u00b6\u2022\u201a\u201e\u201d\u00bb\u2026\u2030\u00ac\u00bf"
    "\u00b9\u02cb\u00b4\u02c6\u02dc\u00af\u02d8\u02d9\u00a8\u00b2\u02da\u00b8\u00b3\u02dd\u02db\u02c7"
    "\u2014\u00b1\u00bc\u00bd\u00be\u00e0\u00e1\u00e2\u00e3\u00e4\u00e5\u00e7\u00e8\u00e9\u00ea\u00eb"
    "\u00ec\u00c6\u00ed\u00aa\u00ee\u00ef\u00f0\u00f1\u0141\u00d8\u0152\u00ba\u00f2\u00f3\u00f4\u00f5"
    "\u00f6\u00e6\u00f9\u00fa\u00fb\u0131\u00fc\u00fd\u0142\u00f8\u0153\u00df\u00fe\u00ff"
    + _UNDEFINED * 2
)

# Apple's Mac OS Symbol table, bytes 0x80..0xFF (0x80-0x9F and 0xFF unassigned); see SYMBOL note.
_SYMBOL_UPPER = (
    _UNDEFINED * 32
    + "\u20ac\u03d2\u2032\u2264\u2044\u221e\u0192\u2663\u2666\u2665\u2660\u2194\u2190\u2191\u2192\u2193"
    "\u00b0\u00b1\u2033\u2265\u00d7\u221d\u2202\u2022\u00f7\u2260\u2261\u2248\u2026\u23d0\u23af\u21b5"
    "\u2135\u2111\u211c\u2118\u2297\u2295\u2205\u2229\u222a\u2283\u2287\u2284\u2282\u2286\u2208\u2209"
    "\u2220\u2207\u00ae\u00a9\u2122\u220f\u221a\u22c5\u00ac\u2227\u2228\u21d4\u21d0\u21d1\u21d2\u21d3"
    "\u25ca\u3008\u00ae\u00a9\u2122\u2211\u239b\u239c\u239d\u23a1\u23a2\u23a3\u23a7\u23a8\u23a9\u23aa"
    "\uf8ff\u3009\u222b\u2320\u23ae\u2321\u239e\u239f\u23a0\u23a4\u23a5\u23a6\u23ab\u23ac\u23ad"
    + _UNDEFINED
)
# ...and its lower half differs from ASCII at these bytes (byte, character).
_SYMBOL_LOWER = (
    "\x22\u2200\x24\u2203\x27\u220d\x2a\u2217\x2d\u2212\x40\u2245"
    "\x41\u0391\x42\u0392\x43\u03a7\x44\u0394\x45\u0395\x46\u03a6\x47\u0393\x48\u0397\x49\u0399"
    "\x4a\u03d1\x4b\u039a\x4c\u039b\x4d\u039c\x4e\u039d\x4f\u039f\x50\u03a0\x51\u0398\x52\u03a1"
    "\x53\u03a3\x54\u03a4\x55\u03a5\x56\u03c2\x57\u03a9\x58\u039e\x59\u03a8\x5a\u0396"
    "\x5c\u2234\x5e\u22a5\x60\uf8e5"
    "\x61\u03b1\x62\u03b2\x63\u03c7\x64\u03b4\x65\u03b5\x66\u03c6\x67\u03b3\x68\u03b7\x69\u03b9"
    "\x6a\u03d5\x6b\u03ba\x6c\u03bb\x6d\u03bc\x6e\u03bd\x6f\u03bf\x70\u03c0\x71\u03b8\x72\u03c1"
    "\x73\u03c3\x74\u03c4\x75\u03c5\x76\u03d6\x77\u03c9\x78\u03be\x79\u03c8\x7a\u03b6\x7e\u223c"
)


def _non_lossy_ascii() -> Encoding:
    """Foundation's nonLossyASCII (CFStringEncodings.c): printable ASCII, tab, CR and LF as
    they are; a backslash as two; other UTF-16 units below 256 as `\\ooo` (three octal digits);
    every other UTF-16 unit as `\\uxxxx` (four lower-case hex digits)."""

    def encode(text: str) -> bytes:
        out = []
        units = text.encode("utf-16-le", "surrogatepass")
        for index in range(0, len(units), 2):
            unit = units[index] | units[index + 1] << 8
            if (0x20 <= unit <= 0x7E and unit != 0x5C) or unit in (0x09, 0x0A, 0x0D):
                out.append(chr(unit))
            elif unit == 0x5C:
                out.append("\\\\")
            elif unit < 0x100:
                out.append(f"\\{unit:03o}")
            else:
                out.append(f"\\u{unit:04x}")
        return "".join(out).encode("ascii")

    def decode(data, errors: str) -> str:
        # Decoded to UTF-16 units first, so an escaped surrogate pair becomes one character; a
        # lone surrogate cannot be a Swift String, so it becomes U+FFFD in either mode.
        data = bytes(data)
        units: list[int] = []
        at, end = 0, len(data)
        while at < end:
            byte = data[at]
            if byte >= 0x80:
                consumed = 0
            elif byte != 0x5C:
                units.append(byte)
                at += 1
                continue
            else:
                consumed = _escape(data, at, units)
            if consumed == 0:
                if errors == "strict":
                    raise UnicodeDecodeError("nonLossyASCII", data, at, at + 1, "invalid byte or escape")
                units.append(0xFFFD)
                consumed = 1
            at += consumed
        packed = b"".join(unit.to_bytes(2, "little") for unit in units)
        return packed.decode("utf-16-le", "replace")

    return Encoding("nonLossyASCII", "written here (CoreFoundation's escapes)", encode, decode)


def _escape(data: bytes, at: int, units: list[int]) -> int:
    """Decode the escape at data[at] (a backslash) into units; the bytes it took, 0 if invalid."""
    if at + 1 >= len(data):
        return 0
    kind = data[at + 1]
    if kind == 0x5C:
        units.append(0x5C)
        return 2
    if kind in (0x75, 0x55):  # u, U: four hex digits
        digits = data[at + 2:at + 6]
        if len(digits) == 4 and all(chr(d) in "0123456789abcdefABCDEF" for d in digits):
            units.append(int(digits, 16))
            return 6
        return 0
    if 0x30 <= kind <= 0x39:  # three digits, read as octal (CoreFoundation takes 8 and 9 too)
        digits = data[at + 1:at + 4]
        if len(digits) == 3 and all(0x30 <= d <= 0x39 for d in digits):
            value = 0
            for d in digits:
                value = (value << 3) | (d - 0x30)
            units.append(value & 0xFFFF)
            return 4
    return 0


_TABLE: tuple[Encoding, ...] = (
    _utf8("utf-8"),
    _utf8("utf8"),
    _with_bom("utf-16", 2),
    _with_bom("utf16", 2),
    _with_bom("unicode", 2),
    _codec("utf16BigEndian", "utf-16-be"),
    _codec("utf16LittleEndian", "utf-16-le"),
    _with_bom("utf-32", 4),
    _with_bom("utf32", 4),
    _codec("utf32BigEndian", "utf-32-be"),
    _codec("utf32LittleEndian", "utf-32-le"),
    _codec("ascii", "ascii"),
    _codec("isoLatin1", "latin-1"),
    _codec("macOSRoman", "mac_roman"),
    _charmap("nextstep", "written here (CoreFoundation's NEXTSTEP table)", _NEXTSTEP),
    _non_lossy_ascii(),
    _charmap("symbol", "written here (Apple's Mac OS Symbol table)", _SYMBOL_UPPER, _SYMBOL_LOWER),
    _codec("shiftJIS", "cp932"),
    _codec("japaneseEUC", "euc_jp"),
    _codec("iso2022JP", "iso2022_jp"),
    _codec("windowsCP1250", "cp1250"),
    _codec("windowsCP1251", "cp1251"),
    _codec("windowsCP1252", "cp1252"),
    _codec("windowsCP1253", "cp1253"),
    _codec("windowsCP1254", "cp1254"),
    _codec("gbk", "gbk"),
    _codec("gb18030", "gb18030"),
)

#: The names scripts may pass, in the order JS numbers them (data.js gets this list at load).
NAMES: tuple[str, ...] = tuple(encoding.name for encoding in _TABLE)
#: The names data.js converts itself (UTF-8 never crosses into Python on the hot path).
JS_NAMES = ("utf-8", "utf8")


def by_index(index: int) -> Encoding:
    return _TABLE[index]


def by_name(name: str) -> Encoding:
    return _TABLE[NAMES.index(name)]


def encode(index: int, text: str) -> bytes | None:
    """`text` in encoding number `index`, or None when a character has no bytes there."""
    try:
        return _TABLE[index].encode(text)
    except ValueError:  # UnicodeEncodeError
        return None


def decode(index: int, data, lenient: bool) -> str | None:
    """The text of `data` in encoding number `index`; None on invalid bytes unless lenient."""
    try:
        return _TABLE[index].decode(data, "replace" if lenient else "strict")
    except ValueError:  # UnicodeDecodeError
        return None
