"""What other parts of the bridge rely on: internals without copies, files, error positions."""

from __future__ import annotations

import pytest

from bridge.runtime import ScriptError


def test_internals_data_is_the_global_class(js):
    assert js.internals("(i) => i.Data === Data && typeof i.dataFromBytes === 'function'") is True


def test_data_from_bytes_wraps_without_copying(js):
    result = js.internals("""(i) => {
        const bytes = new Uint8Array([1, 2, 3]);
        const data = i.dataFromBytes(bytes);
        bytes[0] = 9;                                  // the Data sees it: same memory
        return [data instanceof Data, data.size, data.toIntArray()];
    }""")
    assert result == [True, 3, [9, 2, 3]]


def test_bytes_of_data_is_the_live_view(js):
    result = js.internals("""(i) => {
        const data = Data.fromIntArray([1, 2, 3]);
        i.bytesOfData('test', 'data', data)[1] = 7;    // writes through
        data.append(Data.fromIntArray([4]));           // grows: the next view covers it
        const view = i.bytesOfData('test', 'data', data);
        return [data.toIntArray(), view instanceof Uint8Array, view.length];
    }""")
    assert result == [[1, 7, 3, 4], True, 4]


@pytest.mark.parametrize("value,got", [("'text'", "string"), ("new Uint8Array(1)", "Uint8Array"),
                                       ("null", "null"), ("undefined", "undefined"), ("{}", "Object")])
def test_bytes_of_data_refuses_anything_else(js, value, got):
    message = js.internals(f"(i) => {{ try {{ i.bytesOfData('WebSocketSession.writeData', 'data', {value}); }} "
                           f"catch (e) {{ return e.name + ': ' + e.message; }} }}")
    assert message == f"TypeError: WebSocketSession.writeData: data must be a Data, got {got}"


def test_lookalikes_are_not_data(js):
    assert js.error("() => new Data().append({ size: 0, toUint8Array() { return new Uint8Array(0); } })")[0] == "TypeError"
    assert js("() => Object.create(Data.prototype) instanceof Data") is True
    assert js.error("() => Object.create(Data.prototype).size")[0] == "TypeError"


# fromFile


def test_from_file_reads_absolute_and_relative_paths(js_in, tmp_path):
    payload = bytes(range(256)) * 3
    (tmp_path / "blob.bin").write_bytes(payload)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "inner.txt").write_bytes(b"inner")
    js = js_in(script_dir=tmp_path)
    assert js("(p) => Data.fromFile(p).toUint8Array()", str(tmp_path / "blob.bin")) == payload
    assert js("() => Data.fromFile('blob.bin').toUint8Array()") == payload
    assert js("() => Data.fromFile('sub/inner.txt').toRawString()") == "inner"
    assert js("() => Data.fromFile('./sub/../blob.bin').size") == len(payload)


def test_from_file_gives_null_when_it_cannot_read(js_in, tmp_path):
    js = js_in(script_dir=tmp_path)
    assert js("() => Data.fromFile('missing.bin')") is None
    assert js("() => Data.fromFile('.')") is None  # a directory
    assert js.error("() => Data.fromFile(42)") == ("TypeError", "Data.fromFile: path must be a string, got number")


def test_from_file_of_an_empty_file(js_in, tmp_path):
    (tmp_path / "empty").write_bytes(b"")
    assert js_in(script_dir=tmp_path)("() => Data.fromFile('empty').size") == 0


# errors point at the script


async def test_errors_are_reported_at_the_scripts_line(js):
    with pytest.raises(ScriptError) as raised:
        await js.script("const d = Data.fromIntArray([1, 2]);\n\nd.slice(0, 5);\n", "user.js")
    report = str(raised.value)
    assert report.startswith("user.js:3:")
    assert "RangeError: Data.slice: end 5 is out of range for a Data of size 2" in report
    assert "bridge:" not in report


async def test_a_script_uses_data_as_the_app_does(js):
    out = await js.script("""
        const d = Data.fromRawString("hello");
        d.append(Data.fromRawString(" world"));
        const packed = d.compressed(CompressionAlgorithm.zlib);
        console.log(d.length, packed.decompressed(CompressionAlgorithm.zlib).toRawString(), d.toHexString());
    """)
    assert out == f"11 hello world {b'hello world'.hex()}\n"
