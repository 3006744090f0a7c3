/* The common WebSocket frame taken ahead of the websockets library (batch.py says when).
 *
 * Most frames a server reads are whole, final, masked text or binary frames of a small
 * message with no reserved bit set. scan() takes such frames from the start of a read, one after
 * the other, unmasks each payload into a buffer shared with JS and records its length. It stops
 * at the first frame that is anything else (a control frame, a fragment, an unmasked or
 * oversized frame, a reserved bit, a 64-bit length, text that is not valid UTF-8, a frame cut off
 * by the end of the read) or when the buffers are full, and leaves that frame and the rest to the
 * library, which checks and answers them as it always does (1002, 1007, 1009...). So a frame is
 * either taken here, valid, or reaches the library untouched.
 *
 * This is C because websockets' own parser, a generator per read step, was about a third of the
 * server's time per message.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#define FIN_TEXT 0x81   /* FIN, no reserved bit, opcode 1 */
#define FIN_BINARY 0x82 /* FIN, no reserved bit, opcode 2 */

static int is_ascii(const unsigned char *p, Py_ssize_t n) {
  Py_ssize_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t word;
    memcpy(&word, p + i, 8);
    if (word & 0x8080808080808080ULL) return 0;
  }
  for (; i < n; i++) {
    if (p[i] & 0x80) return 0;
  }
  return 1;
}

/* Text the library would accept: Python's strict UTF-8 decoder is the one it uses. */
static int is_utf8(const unsigned char *p, Py_ssize_t n) {
  if (is_ascii(p, n)) return 1;
  PyObject *text = PyUnicode_DecodeUTF8((const char *)p, n, "strict");
  if (text == NULL) {
    PyErr_Clear();
    return 0;
  }
  Py_DECREF(text);
  return 1;
}

static PyObject *scan(PyObject *module, PyObject *args) {
  Py_buffer data, out, lengths;
  Py_ssize_t pos, used, count, max_frames, max_size;
  if (!PyArg_ParseTuple(args, "y*nw*nw*nnn:scan", &data, &pos, &out, &used, &lengths, &count, &max_frames,
                        &max_size)) {
    return NULL;
  }
  const unsigned char *in = data.buf;
  unsigned char *payloads = out.buf;
  int32_t *sizes = lengths.buf;
  Py_ssize_t end = data.len, room = out.len, slots = lengths.len / (Py_ssize_t)sizeof(int32_t);
  if (pos < 0 || used < 0 || count < 0 || pos > end || used > room || count > slots) {
    PyBuffer_Release(&data);
    PyBuffer_Release(&out);
    PyBuffer_Release(&lengths);
    PyErr_SetString(PyExc_ValueError, "scan(): position out of its buffer");
    return NULL;
  }
  for (Py_ssize_t frames = 0; frames < max_frames && count < slots && end - pos >= 2; frames++) {
    unsigned char head = in[pos], second = in[pos + 1];
    if ((head != FIN_TEXT && head != FIN_BINARY) || !(second & 0x80)) break;
    Py_ssize_t length = second & 0x7f, header = 2;
    if (length == 127) break; /* 64-bit lengths: large messages, the library's */
    if (length == 126) {
      if (end - pos < 4) break;
      length = ((Py_ssize_t)in[pos + 2] << 8) | in[pos + 3];
      header = 4;
    }
    if (length > max_size || length > INT32_MAX - 1) break;
    if (end - pos < header + 4 + length || room - used < length) break;
    const unsigned char *mask = in + pos + header, *source = mask + 4;
    unsigned char *target = payloads + used;
    uint32_t mask32;
    memcpy(&mask32, mask, 4);
    uint64_t mask64 = ((uint64_t)mask32 << 32) | mask32;
    Py_ssize_t i = 0;
    for (; i + 8 <= length; i += 8) {
      uint64_t word;
      memcpy(&word, source + i, 8);
      word ^= mask64;
      memcpy(target + i, &word, 8);
    }
    for (; i < length; i++) target[i] = source[i] ^ mask[i & 3];
    if (head == FIN_TEXT && !is_utf8(target, length)) break;
    sizes[count++] = head == FIN_TEXT ? (int32_t)length : (int32_t)(-1 - length);
    used += length;
    pos += header + 4 + length;
  }
  PyBuffer_Release(&data);
  PyBuffer_Release(&out);
  PyBuffer_Release(&lengths);
  return Py_BuildValue("(nnn)", pos, used, count);
}

static PyMethodDef methods[] = {
    {"scan", scan, METH_VARARGS,
     "scan(data, pos, out, used, lengths, count, max_frames, max_size) -> (pos, used, count): take the "
     "common frames from data[pos:] (see the file's comment)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_common_frames", NULL, -1, methods};

PyMODINIT_FUNC PyInit__common_frames(void) { return PyModule_Create(&module); }
