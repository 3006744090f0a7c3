"""Text in and out of Data in every encoding the app names, against Python's codecs."""

from __future__ import annotations

import codecs

import pytest

from bridge.data import encodings

# Every name in the API reference, each with text it can hold and the Python codec that is the
# reference for its bytes (None: no Python codec; checked against the expected bytes instead).
SAMPLES = {
    "utf-8": ("h\u00e9llo w\u00f6rld \u2713 \U0001F600 \u65e5\u672c\u8a9e", "utf-8"),
    "utf8": ("h\u00e9llo \U0001F600", "utf-8"),
    "utf-16": ("h\u00e9llo \U0001F600 \u65e5\u672c", None),
    "utf16": ("h\u00e9llo \U0001F600", None),
    "unicode": ("h\u00e9llo \U0001F600", None),
    "utf16BigEndian": ("h\u00e9llo \U0001F600", "utf-16-be"),
    "utf16LittleEndian": ("h\u00e9llo \U0001F600", "utf-16-le"),
    "utf-32": ("h\u00e9llo \U0001F600", None),
    "utf32": ("h\u00e9llo \U0001F600", None),
    "utf32BigEndian": ("h\u00e9llo \U0001F600", "utf-32-be"),
    "utf32LittleEndian": ("h\u00e9llo \U0001F600", "utf-32-le"),
    "ascii": ("hello, world ~ \t\n", "ascii"),
    "isoLatin1": ("caf\u00e9 d\u00e9j\u00e0 vu \u00b1 \u00ff", "latin-1"),
    "macOSRoman": ("caf\u00e9 \u2013 \u2018quoted\u2019 \u221e \u03c0 \uf8ff", "mac_roman"),
    "nextstep": ("caf\u00e9 \ufb01 \u2030 \u0141\u00f3d", None),
    "nonLossyASCII": ("tab\tback\\slash \u00e9 \u65e5 \U0001F600", None),
    "symbol": ("\u03b1\u03b2\u03b3 \u2200\u2203 \u2264\u2265 \u221e \u2211", None),
    "shiftJIS": ("\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8 \u2460", "cp932"),
    "japaneseEUC": ("\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8", "euc_jp"),
    "iso2022JP": ("\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8 abc", "iso2022_jp"),
    "windowsCP1250": ("Za\u017c\u00f3\u0142\u0107 g\u0119\u015bl\u0105 ja\u017a\u0144", "cp1250"),
    "windowsCP1251": ("\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440", "cp1251"),
    "windowsCP1252": ("caf\u00e9 \u20ac5 \u201equote\u201c", "cp1252"),
    "windowsCP1253": ("\u0393\u03b5\u03b9\u03ac \u03c3\u03bf\u03c5 \u03ba\u03cc\u03c3\u03bc\u03b5", "cp1253"),
    "windowsCP1254": ("G\u00fcnayd\u0131n d\u00fcnya \u015f", "cp1254"),
    "gbk": ("\u4e2d\u6587\u6587\u672c", "gbk"),
    "gb18030": ("\u4e2d\u6587\u6587\u672c \U0001F600", "gb18030"),
}

# What Foundation writes where Python has no codec of the same name.
EXPECTED = {
    "utf-16": codecs.BOM_UTF16_LE + SAMPLES["utf-16"][0].encode("utf-16-le"),
    "utf16": codecs.BOM_UTF16_LE + SAMPLES["utf16"][0].encode("utf-16-le"),
    "unicode": codecs.BOM_UTF16_LE + SAMPLES["unicode"][0].encode("utf-16-le"),
    "utf-32": codecs.BOM_UTF32_LE + SAMPLES["utf-32"][0].encode("utf-32-le"),
    "utf32": codecs.BOM_UTF32_LE + SAMPLES["utf32"][0].encode("utf-32-le"),
    "nextstep": b"caf\xdd \xae \xbd \xe8\xedd",
    "nonLossyASCII": b"tab\tback\\\\slash \\351 \\u65e5 \\ud83d\\ude00",
    "symbol": b"abg \x22\x24 \xa3\xb3 \xa5 \xe5",
}


def test_samples_cover_every_name():
    assert set(SAMPLES) == set(encodings.NAMES)


@pytest.mark.parametrize("name", list(SAMPLES))
def test_every_encoding_round_trips_its_sample(js, name):
    text, python = SAMPLES[name]
    encoded, decoded, lenient = js("""(text, name) => {
        const d = Data.fromRawString(text, name);
        return [d.toUint8Array(), d.toRawString(name), d.toDecodedString(name)];
    }""", text, name)
    assert encoded == (text.encode(python) if python else EXPECTED[name])
    assert decoded == text
    assert lenient == text


@pytest.mark.parametrize("name", [n for n, (_, python) in SAMPLES.items() if python])
def test_decoding_matches_python_codecs(js, name):
    text, python = SAMPLES[name]
    assert js("(b, name) => Data.fromUint8Array(b).toRawString(name)", text.encode(python), name) == text


def test_utf8_is_the_default(js):
    text = SAMPLES["utf-8"][0]
    assert js("(t) => Data.fromRawString(t).toUint8Array()", text) == text.encode()
    assert js("(t) => Data.fromString(t).toUint8Array()", text) == text.encode()  # the deprecated alias
    assert js("(b) => Data.fromUint8Array(b).toRawString()", text.encode()) == text
    assert js("(b) => Data.fromUint8Array(b).toDecodedString()", text.encode()) == text


def test_deprecated_from_string_takes_an_encoding(js):
    assert js("() => Data.fromString('\u00e9', 'isoLatin1').toIntArray()") == [0xE9]


def test_encoding_names_ignore_case(js):
    assert js("() => Data.fromRawString('\u00e9', 'UTF-8').toIntArray()") == [0xC3, 0xA9]
    assert js("() => Data.fromRawString('\u00e9', 'ISOLATIN1').toRawString('isolatin1')") == "\u00e9"


@pytest.mark.parametrize("call", [
    "Data.fromRawString('x', 'latin1')", "new Data().toRawString('utf-7')", "new Data().toDecodedString('koi8')",
    "Data.fromRawString('x', 5)", "Data.fromString('x', '')",
])
def test_unknown_encoding_is_a_type_error_listing_the_names(js, call):
    name, message = js.error(f"() => {call}")
    assert name == "TypeError"
    assert "unknown encoding" in message
    assert all(encoding in message for encoding in encodings.NAMES)


def test_from_raw_string_refuses_non_strings(js):
    assert js.error("() => Data.fromRawString(42)") == ("TypeError", "Data.fromRawString: string must be a string, got number")


# strict decoding: null on invalid bytes


@pytest.mark.parametrize("name,payload", [
    ("utf-8", b"\xff"), ("utf-8", b"abc\x80"), ("utf-8", b"\xc0\xaf"), ("utf-8", b"\xed\xa0\x80"),
    ("utf-8", b"\xe2\x82"), ("utf-8", b"\xf4\x90\x80\x80"), ("utf8", b"\xfe\xff"),
    ("ascii", b"abc\x80"), ("windowsCP1252", b"\x81"), ("shiftJIS", b"\x82"), ("japaneseEUC", b"\xa4"),
    ("gbk", b"\x81"), ("utf16BigEndian", b"\x00"), ("utf16LittleEndian", b"\x00\xd8"),
    ("utf-16", b"\xd8\x00\x00"), ("utf32LittleEndian", b"\x00\x00\x11\x00"), ("iso2022JP", b"\x1b$B\x30"),
    ("nextstep", b"\xfe"), ("symbol", b"\x80"), ("nonLossyASCII", b"\xe9"), ("nonLossyASCII", b"\\x"),
    ("nonLossyASCII", b"\\u12"), ("nonLossyASCII", b"\\12"),
])
def test_to_raw_string_gives_null_on_invalid_bytes(js, name, payload):
    assert js("(b, name) => Data.fromUint8Array(b).toRawString(name)", payload, name) is None


@pytest.mark.parametrize("name,text", [
    ("ascii", "caf\u00e9"), ("isoLatin1", "\u65e5"), ("windowsCP1252", "\u0100"), ("gbk", "\U0001F600"),
    ("shiftJIS", "\u00e9"), ("nextstep", "\u65e5"), ("symbol", "z"), ("macOSRoman", "\u0100"),
])
def test_from_raw_string_gives_null_when_the_encoding_cannot_hold_the_text(js, name, text):
    assert js("(t, name) => Data.fromRawString(t, name)", text, name) is None


# lenient decoding: U+FFFD for bad bytes


@pytest.mark.parametrize("payload", [
    b"\xff", b"abc\x80def", b"\xc0\xaf", b"\xed\xa0\x80", b"\xe2\x82", b"\xe2\x82x", b"\xf4\x90\x80\x80",
    b"ok \xf0\x9f\x98", b"\xf0\x9f\x98\x80\xff\xfe",
])
def test_to_decoded_string_replaces_bad_utf8_as_python_does(js, payload):
    assert js("(b) => Data.fromUint8Array(b).toDecodedString('utf8')", payload) == payload.decode("utf-8", "replace")
    assert js("(b) => Data.fromUint8Array(b).toDecodedString()", payload) == payload.decode("utf-8", "replace")


def test_to_decoded_string_replaces_bad_ascii(js):
    assert js("(b) => Data.fromUint8Array(b).toDecodedString('ascii')", b"a\x80b\xff") == "a\ufffdb\ufffd"


def test_utf8_decoding_drops_one_leading_byte_order_mark(js):
    payload = codecs.BOM_UTF8 + b"abc"
    assert js("(b) => Data.fromUint8Array(b).toRawString()", payload) == "abc"
    assert js("(b) => Data.fromUint8Array(b).toDecodedString()", payload + b"\xff") == "abc\ufffd"
    assert js("(b) => Data.fromUint8Array(b).toRawString()", codecs.BOM_UTF8 * 2) == "\ufeff"


def test_lone_surrogates_are_encoded_as_replacement_characters(js):
    assert js("() => Data.fromRawString('a\\ud800b').toRawString()") == "a\ufffdb"
    assert js("() => Data.fromRawString('a\\udc00', 'utf16BigEndian').toIntArray()") == [0, 0x61, 0xFF, 0xFD]


# byte order of utf-16 and utf-32 without one in the name (CoreFoundation's rules)


@pytest.mark.parametrize("name,unit", [("utf-16", 2), ("utf16", 2), ("unicode", 2), ("utf-32", 4), ("utf32", 4)])
def test_bom_or_big_endian_when_decoding(js, name, unit):
    text = "h\u00e9 \U0001F600"
    bits = unit * 8
    little = getattr(codecs, f"BOM_UTF{bits}_LE") + text.encode(f"utf-{bits}-le")
    big = getattr(codecs, f"BOM_UTF{bits}_BE") + text.encode(f"utf-{bits}-be")
    bare = text.encode(f"utf-{bits}-be")
    decode = "(b, name) => Data.fromUint8Array(b).toRawString(name)"
    assert [js(decode, payload, name) for payload in (little, big, bare)] == [text] * 3


def test_empty_data_decodes_to_empty_text_in_every_encoding(js):
    assert js("(names) => names.map((n) => new Data().toRawString(n))", list(encodings.NAMES)) == [""] * len(encodings.NAMES)
    # Empty text is no bytes, except the byte order mark Foundation writes for utf-16/utf-32.
    bom = {"utf-16": 2, "utf16": 2, "unicode": 2, "utf-32": 4, "utf32": 4}
    assert js("(names) => names.map((n) => Data.fromRawString('', n).size)", list(encodings.NAMES)) == [
        bom.get(name, 0) for name in encodings.NAMES]


# nonLossyASCII in detail (CoreFoundation's escapes)


def test_non_lossy_ascii_escapes():
    codec = encodings.by_name("nonLossyASCII")
    assert codec.encode("a\\b\t\n\r\x01\x7f\u00e9\u0100\U0001F600") == (
        b"a\\\\b\t\n\r\\001\\177\\351\\u0100\\ud83d\\ude00")
    assert codec.decode(b"\\U00E9\\u00e9\\351\\\\\x01", "strict") == "\u00e9\u00e9\u00e9\\\x01"
    assert codec.decode(b"\\ud800", "strict") == "\ufffd"  # a lone surrogate cannot be a Swift String
    assert codec.decode(b"a\xffb\\q", "replace") == "a\ufffdb\ufffdq"


# nextstep and symbol tables


def test_nextstep_upper_half_matches_corefoundation_samples():
    codec = encodings.by_name("nextstep")
    assert codec.decode(bytes([0x80, 0xA9, 0xC1, 0xE1, 0xE8, 0xF5, 0xFB, 0xFD]), "strict") == (
        "\u00a0\u2019\u02cb\u00c6\u0141\u0131\u00df\u00ff")
    with pytest.raises(ValueError):
        codec.decode(b"\xff", "strict")


def test_symbol_table_samples():
    codec = encodings.by_name("symbol")
    assert codec.decode(b"\x41\x61\x22\x60\xa0\xf0\xe2", "strict") == "\u0391\u03b1\u2200\uf8e5\u20ac\uf8ff\u00ae"
    assert codec.encode("\u00ae\u00a9\u2122") == b"\xd2\xd3\xd4"  # the serif forms
