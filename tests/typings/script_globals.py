"""The globals a script sees that typings/ does not declare, and those it must never see:
shared by the drift test (against the runtime) and the tsc test (against TypeScript's lib)."""

# The language's own globals as the engine has them, which TypeScript's lib declares (all in
# "es2022" but the four in ENGINE_EXTRAS). Any other global a script sees must be declared in
# typings/: pythonmonkey's own (`python`, `pmEval`, XMLHttpRequest...) must not be there.
LANGUAGE = {
    "AggregateError", "Array", "ArrayBuffer", "BigInt", "BigInt64Array", "BigUint64Array",
    "Boolean", "DataView", "Date", "Error", "EvalError", "FinalizationRegistry", "Float32Array",
    "Float64Array", "Function", "Infinity", "Int16Array", "Int32Array", "Int8Array", "Intl",
    "JSON", "Map", "Math", "NaN", "Number", "Object", "Promise", "Proxy", "RangeError",
    "ReferenceError", "Reflect", "RegExp", "Set", "String", "Symbol", "SyntaxError", "TypeError",
    "URIError", "Uint16Array", "Uint32Array", "Uint8Array", "Uint8ClampedArray", "WeakMap",
    "WeakRef", "WeakSet", "decodeURI", "decodeURIComponent", "encodeURI", "encodeURIComponent",
    "escape", "eval", "globalThis", "isFinite", "isNaN", "parseFloat", "parseInt", "undefined",
    "unescape",
}
# SpiderMonkey's, newer than es2022 or its own; they work, but tsc with the examples' config
# does not know them (README, "Globals").
ENGINE_EXTRAS = {"Float16Array", "Iterator", "InternalError", "WebAssembly"}
# pythonmonkey defines it read-only and permanent: it stays, emptied of the Debugger API.
PERMANENT = {"debuggerGlobal"}
# Never to be seen by scripts (engine_globals.py), named here so a regression says which.
LEAKED = {"python", "pmEval", "XMLHttpRequest", "XMLHttpRequestEventTarget", "XMLHttpRequestUpload",
          "ProgressEvent", "__core-js_shared__", "ListIterator"}
