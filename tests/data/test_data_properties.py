"""Property-based checks of Data against Python bytes: slice, append, combine, replace, round trips."""

from __future__ import annotations

import base64

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bridge.data import encodings

# Each example opens a fresh runtime (a few ms); the js fixture is stateless between calls.
SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
payloads = st.binary(max_size=600)


@st.composite
def payload_and_range(draw):
    payload = draw(payloads)
    start = draw(st.integers(0, len(payload)))
    end = draw(st.integers(start, len(payload)))
    return payload, start, end


@SETTINGS
@given(payload_and_range())
def test_slice_is_python_slicing(js, case):
    payload, start, end = case
    assert js("(b, s, e) => Data.fromUint8Array(b).slice(s, e).toUint8Array()", payload, start, end) == payload[start:end]


@SETTINGS
@given(payloads, st.integers(-3, 700), st.integers(-3, 700))
def test_slice_either_matches_python_or_throws_a_range_error(js, payload, start, end):
    result = js("""(b, s, e) => { try { return Data.fromUint8Array(b).slice(s, e).toUint8Array(); }
                   catch (error) { return error.name; } }""", payload, start, end)
    if 0 <= start <= end <= len(payload):
        assert result == payload[start:end]
    else:
        assert result == "RangeError"


@SETTINGS
@given(st.lists(payloads, max_size=12))
def test_append_is_concatenation(js, parts):
    assert js("(...p) => { const d = new Data(); for (const b of p) d.append(Data.fromUint8Array(b)); "
              "return [d.toUint8Array(), d.size]; }", *parts) == [b"".join(parts), sum(map(len, parts))]


@SETTINGS
@given(st.lists(payloads, max_size=12))
def test_combine_is_join(js, parts):
    assert js("(...p) => Data.combine(p.map((b) => Data.fromUint8Array(b))).toUint8Array()", *parts) == b"".join(parts)


@SETTINGS
@given(payload_and_range(), payloads)
def test_replace_subrange_is_slice_assignment(js, case, replacement):
    payload, start, end = case
    expected = bytearray(payload)
    expected[start:end] = replacement
    assert js("""(b, s, e, r) => { const d = Data.fromUint8Array(b); d.append(Data.fromIntArray([1]));
                 d.replaceSubrange(s, e, Data.fromUint8Array(r)); return d.slice(0, d.size - 1).toUint8Array(); }""",
              payload, start, end, replacement) == bytes(expected)


@SETTINGS
@given(payloads)
def test_base64_hex_and_int_round_trips(js, payload):
    result = js("""(b) => { const d = Data.fromUint8Array(b);
        return [d.toBase64String(), Data.fromBase64String(d.toBase64String()).toUint8Array(),
                d.toHexString(), Data.fromHexString(d.toHexString()).toUint8Array(),
                Data.fromIntArray(d.toIntArray()).toUint8Array(), Data.fromArrayBuffer(d.toArrayBuffer()).toUint8Array()]; }""",
                payload)
    assert result == [base64.b64encode(payload).decode(), payload, payload.hex(), payload, payload, payload]


@SETTINGS
@given(st.text(max_size=200))
def test_utf8_text_round_trips_and_matches_python(js, text):
    encoded, decoded = js("(t) => { const d = Data.fromRawString(t); return [d.toUint8Array(), d.toRawString()]; }", text)
    well_formed = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")  # lone surrogates -> U+FFFD
    assert encoded == well_formed.encode("utf-8")
    assert decoded == well_formed.removeprefix("\ufeff")


@SETTINGS
@given(payloads)
def test_utf8_decoding_matches_python_strict_and_lenient(js, payload):
    strict, lenient = js("(b) => { const d = Data.fromUint8Array(b); return [d.toRawString(), d.toDecodedString()]; }", payload)
    try:
        expected = payload.decode("utf-8-sig")
    except UnicodeDecodeError:
        expected = None
    assert strict == expected
    assert lenient == payload.decode("utf-8-sig", "replace")


@SETTINGS
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60),
       st.sampled_from(encodings.NAMES))
def test_every_encoding_round_trips_what_it_can_hold(js, text, name):
    encoded = js("(t, n) => { const d = Data.fromRawString(t, n); return d && d.toUint8Array(); }", text, name)
    reference = encodings.encode(encodings.NAMES.index(name), text)
    assert encoded == reference
    if encoded is not None:
        decoded = js("(b, n) => Data.fromUint8Array(b).toRawString(n)", encoded, name)
        assert decoded == encodings.decode(encodings.NAMES.index(name), encoded, False)


@SETTINGS
@given(payloads, st.sampled_from([0, 1, 2, 3]))
def test_compression_round_trips(js, payload, algorithm):
    assert js("(b, a) => Data.fromUint8Array(b).compressed(a).decompressed(a).toUint8Array()", payload, algorithm) == payload
