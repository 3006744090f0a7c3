"""Every member and static of Data, checked against Python's own bytes, base64 and binascii."""

from __future__ import annotations

import base64
import os

import pytest

SAMPLE = bytes(range(256)) + os.urandom(300)


# size, length, construction


def test_size_and_length(js):
    assert js("(b) => { const d = Data.fromUint8Array(b); return [d.size, d.length]; }", SAMPLE) == [556, 556]
    assert js("() => { const d = Data.fromIntArray([]); return [d.size, d.length]; }") == [0, 0]


def test_new_data_is_empty_and_arguments_are_refused(js):
    assert js("() => { const d = new Data(); return [d.size, d instanceof Data]; }") == [0, True]
    name, message = js.error("() => new Data([1, 2])")
    assert name == "TypeError"
    assert "Data.fromUint8Array" in message and "Data.fromIntArray" in message


def test_size_is_read_only(js):
    assert js("() => { const d = Data.fromIntArray([1, 2]); try { d.size = 9 } catch {} return d.size; }") == 2


# int arrays, Uint8Array, ArrayBuffer


def test_int_array_round_trip(js):
    numbers = list(SAMPLE)
    assert js("(n) => Data.fromIntArray(n).toIntArray()", numbers) == numbers
    assert js("() => Data.fromIntArray([]).toIntArray()") == []


def test_from_int_array_wraps_like_a_uint8array(js):
    assert js("() => Data.fromIntArray([256, 257, -1, 3.7]).toIntArray()") == [0, 1, 255, 3]
    assert js.error("() => Data.fromIntArray(5)")[0] == "TypeError"
    assert js.error("() => Data.fromIntArray(null)")[0] == "TypeError"


def test_uint8array_in_and_out_are_copies(js):
    result = js("""(b) => {
        const source = new Uint8Array(b);
        const d = Data.fromUint8Array(source);
        source[0] = 99;                  // the Data kept its own copy
        const out = d.toUint8Array();
        out[1] = 99;                     // and hands out copies
        return [d.toUint8Array(), d.getBytes(), out instanceof Uint8Array];
    }""", SAMPLE)
    assert result == [SAMPLE, SAMPLE, True]


def test_from_uint8array_takes_any_view_as_its_bytes(js):
    assert js("() => Data.fromUint8Array(new Uint16Array([0x0201])).toIntArray()") == [1, 2]
    assert js("() => Data.fromUint8Array(new Uint8Array([1, 2, 3, 4]).subarray(1, 3)).toIntArray()") == [2, 3]
    name, message = js.error("() => Data.fromUint8Array([1, 2])")
    assert name == "TypeError" and "Data.fromIntArray" in message


def test_array_buffer_round_trip(js):
    result = js("""(b) => {
        const buffer = new Uint8Array(b).buffer;
        const d = Data.fromArrayBuffer(buffer);
        new Uint8Array(buffer)[0] = 42;  // copied in
        const out = d.toArrayBuffer();
        return [out instanceof ArrayBuffer, out.byteLength, new Uint8Array(out)];
    }""", SAMPLE)
    assert result == [True, len(SAMPLE), SAMPLE]
    assert js("() => Data.fromArrayBuffer(new ArrayBuffer(0)).size") == 0
    assert js.error("() => Data.fromArrayBuffer(new Uint8Array(2))")[0] == "TypeError"


# base64 and hex


@pytest.mark.parametrize("payload", [b"", b"f", b"fo", b"foo", b"foob", SAMPLE])
def test_to_base64_matches_python(js, payload):
    assert js("(b) => Data.fromUint8Array(b).toBase64String()", payload) == base64.b64encode(payload).decode()


@pytest.mark.parametrize("payload", [b"", b"f", b"fo", b"foo", SAMPLE])
def test_from_base64_matches_python(js, payload):
    text = base64.b64encode(payload).decode()
    assert js("(s) => Data.fromBase64String(s).toUint8Array()", text) == payload


@pytest.mark.parametrize("text", [
    "Zg", "Zm8", "Zm9vY", "Zg=", "Z===", "====", "=Zm8", "Zm9v\n", " Zm9v", "Zm 9v", "Zm9v!A==",
    "Zm-v", "Zm_v", "Zg==Zg==", "Zm9vYg=", "\u00e9\u00e9\u00e9\u00e9",
])
def test_from_base64_gives_null_on_malformed_input(js, text):
    assert js("(s) => Data.fromBase64String(s)", text) is None
    with pytest.raises(ValueError):  # Python agrees each one is not strict base64
        base64.b64decode(text, validate=True)


def test_from_base64_of_empty_text_is_empty_data(js):
    assert js("() => Data.fromBase64String('').size") == 0
    assert js.error("() => Data.fromBase64String(42)")[0] == "TypeError"


@pytest.mark.parametrize("payload", [b"", b"\x00", b"\xab\xcd\xef", SAMPLE])
def test_hex_matches_python(js, payload):
    assert js("(b) => Data.fromUint8Array(b).toHexString()", payload) == payload.hex()
    assert js("(s) => Data.fromHexString(s).toUint8Array()", payload.hex()) == payload
    assert js("(s) => Data.fromHexString(s).toUint8Array()", payload.hex().upper()) == payload


@pytest.mark.parametrize("text", ["a", "abc", "zz", "0x00", "00 11", " 00", "0g", "\u0660\u0661"])
def test_from_hex_gives_null_on_malformed_input(js, text):
    assert js("(s) => Data.fromHexString(s)", text) is None


# slice, advanced, resetBytes, replaceSubrange, append, combine


@pytest.mark.parametrize("start,end", [(0, 0), (0, 10), (3, 7), (10, 10), (4, 4), (0, 1), (9, 10)])
def test_slice_matches_python(js, start, end):
    payload = bytes(range(10))
    assert js("(b, s, e) => Data.fromUint8Array(b).slice(s, e).toUint8Array()", payload, start, end) == payload[start:end]


def test_slice_defaults_and_copies(js):
    payload = bytes(range(10))
    result = js("""(b) => {
        const d = Data.fromUint8Array(b);
        const all = d.slice(), tail = d.slice(6);
        d.resetBytes(0, 10);             // the slices are copies
        return [all.toUint8Array(), tail.toUint8Array()];
    }""", payload)
    assert result == [payload, payload[6:]]


@pytest.mark.parametrize("call,message", [
    ("d.slice(0, 11)", "Data.slice: end 11 is out of range for a Data of size 10"),
    ("d.slice(11)", "Data.slice: start 11 is out of range for a Data of size 10"),
    ("d.slice(-1)", "Data.slice: start -1 is out of range for a Data of size 10"),
    ("d.slice(5, 3)", "Data.slice: start 5 is after end 3 (a Data of size 10)"),
    ("d.advanced(11)", "Data.advanced: count 11 is out of range for a Data of size 10"),
    ("d.advanced(-2)", "Data.advanced: count -2 is out of range for a Data of size 10"),
    ("d.resetBytes(2, 12)", "Data.resetBytes: end 12 is out of range for a Data of size 10"),
    ("d.resetBytes(4, 2)", "Data.resetBytes: start 4 is after end 2 (a Data of size 10)"),
    ("d.replaceSubrange(0, 20, d)", "Data.replaceSubrange: end 20 is out of range for a Data of size 10"),
    ("d.replaceSubrange(-1, 2, d)", "Data.replaceSubrange: start -1 is out of range for a Data of size 10"),
])
def test_out_of_range_indices_throw_range_errors_naming_index_and_size(js, call, message):
    assert js.error(f"(b) => {{ const d = Data.fromUint8Array(b); {call}; }}", bytes(10)) == ("RangeError", message)


@pytest.mark.parametrize("call", ["d.slice('1')", "d.slice(1.5)", "d.advanced()", "d.resetBytes(0)",
                                  "d.slice(0, NaN)", "d.replaceSubrange(0, 1)", "d.replaceSubrange(0, 1, [1])"])
def test_non_integer_indices_and_non_data_arguments_throw_type_errors(js, call):
    assert js.error(f"() => {{ const d = Data.fromIntArray([1, 2, 3]); {call}; }}")[0] == "TypeError"


def test_empty_data_ranges(js):
    assert js("() => { const d = new Data(); return [d.slice().size, d.slice(0, 0).size, d.advanced(0).size]; }") == [0, 0, 0]
    assert js.error("() => new Data().slice(0, 1)") == (
        "RangeError", "Data.slice: end 1 is out of range for a Data of size 0")


@pytest.mark.parametrize("count", [0, 1, 5, 10])
def test_advanced_matches_python(js, count):
    payload = bytes(range(10))
    assert js("(b, n) => Data.fromUint8Array(b).advanced(n).toUint8Array()", payload, count) == payload[count:]


@pytest.mark.parametrize("start,end", [(0, 10), (2, 5), (5, 5), (9, 10)])
def test_reset_bytes_matches_python(js, start, end):
    payload = bytes(range(1, 11))
    expected = bytearray(payload)
    expected[start:end] = bytes(end - start)
    assert js("(b, s, e) => { const d = Data.fromUint8Array(b); d.resetBytes(s, e); return d.toUint8Array(); }",
              payload, start, end) == bytes(expected)


@pytest.mark.parametrize("start,end,replacement", [
    (0, 0, b"abc"), (2, 5, b""), (2, 5, b"xyz"), (2, 5, b"a much longer replacement"), (10, 10, b"end"),
    (0, 10, b""), (0, 10, b"whole"), (3, 4, b"\x00" * 300),
])
def test_replace_subrange_matches_python(js, start, end, replacement):
    payload = bytes(range(10))
    expected = bytearray(payload)
    expected[start:end] = replacement
    result = js("""(b, s, e, r) => {
        const d = Data.fromUint8Array(b);
        d.replaceSubrange(s, e, Data.fromUint8Array(r));
        return [d.toUint8Array(), d.size];
    }""", payload, start, end, replacement)
    assert result == [bytes(expected), len(expected)]


def test_replace_subrange_with_itself(js):
    payload = b"0123456789"
    expected = bytearray(payload)
    expected[2:4] = payload
    assert js("(b) => { const d = Data.fromUint8Array(b); d.replaceSubrange(2, 4, d); return d.toUint8Array(); }",
              payload) == bytes(expected)


def test_replace_subrange_after_appends_uses_spare_capacity_correctly(js):
    result = js("""() => {
        const d = new Data();
        for (let i = 0; i < 10; i++) d.append(Data.fromIntArray([i]));
        d.replaceSubrange(1, 9, Data.fromIntArray([42]));      // shrinks in place
        d.replaceSubrange(1, 1, Data.fromIntArray([7, 7, 7]));  // grows in place
        return d.toIntArray();
    }""")
    assert result == [0, 7, 7, 7, 42, 9]


def test_append_matches_concatenation(js):
    parts = [b"", b"a", b"bc", bytes(100), SAMPLE, b"z"]
    result = js("""(...parts) => {
        const d = new Data();
        for (const p of parts) { const r = d.append(Data.fromUint8Array(p)); if (r !== undefined) return "returned"; }
        return d.toUint8Array();
    }""", *parts)
    assert result == b"".join(parts)


def test_append_to_itself(js):
    assert js("() => { const d = Data.fromIntArray([1, 2]); d.append(d); d.append(d); return d.toIntArray(); }") == [1, 2] * 4


def test_append_refuses_non_data(js):
    name, message = js.error("() => new Data().append(new Uint8Array(2))")
    assert (name, message) == ("TypeError", "Data.append: other must be a Data, got Uint8Array")
    assert js.error("() => new Data().append('text')") == ("TypeError", "Data.append: other must be a Data, got string")


def test_combine_matches_join(js):
    parts = [b"abc", b"", SAMPLE, b"\x00"]
    assert js("(...p) => Data.combine(p.map((b) => Data.fromUint8Array(b))).toUint8Array()", *parts) == b"".join(parts)
    assert js("() => Data.combine([]).size") == 0
    result = js("() => { const a = Data.fromIntArray([1]); return Data.combine([a, a, a]).toIntArray(); }")
    assert result == [1, 1, 1]


def test_combine_refuses_non_data(js):
    assert js.error("() => Data.combine([new Data(), 'x'])") == (
        "TypeError", "Data.combine: dataList[1] must be a Data, got string")
    assert js.error("() => Data.combine(new Data())")[0] == "TypeError"


def test_console_shows_size_and_first_bytes(js):
    js("() => { console.log(Data.fromIntArray([1, 171])); console.log(new Data()); "
       "console.log(Data.fromUint8Array(new Uint8Array(40))); }")
    lines = js.stdout.getvalue().splitlines()
    assert lines[0] == "<Data 2 bytes 01 ab>"
    assert lines[1] == "<Data 0 bytes>"
    assert lines[2] == "<Data 40 bytes " + " ".join(["00"] * 32) + " ... 8 more bytes>"


def test_compression_algorithm_enum(js):
    assert js("() => [CompressionAlgorithm.lzfse, CompressionAlgorithm.lz4, CompressionAlgorithm.lzma, "
              "CompressionAlgorithm.zlib, CompressionAlgorithm[3], Object.isFrozen(CompressionAlgorithm)]") == [
        0, 1, 2, 3, "zlib", True]


@pytest.mark.parametrize("factory", ["fromJPEG", "fromPNG"])
def test_image_factories_say_why_they_cannot_work(js, factory):
    assert js.error(f"() => Data.{factory}({{}})") == (
        "TypeError", f"Data.{factory} takes the app's UIImage, which scripting-bridge does not have")
