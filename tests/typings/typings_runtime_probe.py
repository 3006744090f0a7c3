"""What the runtime really gives scripts, enumerated in the engine; prints one JSON object.

Run by test_typings_drift.py in a fresh process: pythonmonkey has one JS context per process,
so globals left by earlier tests would spoil the "before the Runtime" snapshot.

    python typings_runtime_probe.py '{"names": [...], "samples": {"HttpServer": "new HttpServer()"}}'

Output: {"defined": [global names the Runtime added or replaced],
         "all": [every global name a script sees],
         "debuggerApi": whether debuggerGlobal still holds the Debugger API,
         "listenerEvents": [which of request["events"] WebSocket.addEventListener accepts],
         "globals": {name: {"present", "type", "static", "prototype", "instance", "keys", "values"}}}
"""

from __future__ import annotations

import asyncio
import io
import json
import sys

import bridge  # first: it mends pythonmonkey's strings as pythonmonkey loads (docs/engine.md)
import pythonmonkey as pm

# Before the Runtime opens: every global and its descriptor. The returned function lists the
# globals that are new or whose value (or accessor) has changed since: what the Runtime defines.
SNAPSHOT = """(() => {
  const before = new Map();
  for (const name of Object.getOwnPropertyNames(globalThis)) {
    before.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
  }
  return () => Object.getOwnPropertyNames(globalThis).filter((name) => {
    const was = before.get(name);
    const now = Object.getOwnPropertyDescriptor(globalThis, name);
    return was === undefined || !Object.is(was.value, now.value) || was.get !== now.get || was.set !== now.set;
  });
})()"""

# Own string-keyed property names (enumerable or not); private `#` members and symbols are
# not properties a script can name, so they never appear.
DESCRIBE = """((request) => {
  const { names, samples } = JSON.parse(request);
  const FUNCTION_OWN = new Set(["length", "name", "prototype", "caller", "arguments"]);
  const own = (o) => Object.getOwnPropertyNames(o);
  const result = {};
  for (const name of names) {
    if (!(name in globalThis)) { result[name] = { present: false }; continue; }
    const value = globalThis[name];
    const entry = { present: true, type: typeof value };
    if (typeof value === "function") {
      entry.static = own(value).filter((k) => !FUNCTION_OWN.has(k));
      entry.prototype = value.prototype ? own(value.prototype).filter((k) => k !== "constructor") : [];
      if (samples[name] !== undefined) {
        try {
          entry.instance = own((0, eval)(samples[name]));
        } catch (e) {
          entry.sampleError = String(e);
        }
      }
    } else if (value !== null && typeof value === "object") {
      entry.keys = own(value);
      entry.values = {};
      for (const k of entry.keys) {
        // Getters are not called: some throw on purpose, some make folders.
        const v = Object.getOwnPropertyDescriptor(value, k).value;
        if (typeof v === "number" || typeof v === "string") entry.values[k] = v;
      }
    }
    result[name] = entry;
  }
  return JSON.stringify(result);
})"""


# The event names addEventListener takes (a refused connection is enough to ask).
LISTENER_EVENTS = """((events) => {
  const ws = new WebSocket("ws://127.0.0.1:1/");
  const accepted = JSON.parse(events).filter((event) => {
    try { ws.addEventListener(event, () => {}); return true; } catch { return false; }
  });
  ws.close();
  return JSON.stringify(accepted);
})"""


async def probe(request: dict) -> dict:
    changed_since = pm.eval(SNAPSHOT)
    async with bridge.Runtime(stdout=io.StringIO(), stderr=io.StringIO()) as runtime:
        defined = [str(name) for name in changed_since()]
        every = [str(name) for name in pm.eval("Object.getOwnPropertyNames(globalThis)")]
        debugger_api = bool(pm.eval('"Debugger" in debuggerGlobal'))
        described = json.loads(str(pm.eval(DESCRIBE)(json.dumps(request))))
        accepted = json.loads(str(pm.eval(LISTENER_EVENTS)(json.dumps(request["events"]))))
        await runtime.idle()  # the refused connection's callbacks
    return {"defined": sorted(defined), "all": sorted(every), "debuggerApi": debugger_api,
            "listenerEvents": accepted, "globals": described}


def main() -> None:
    request = json.loads(sys.argv[1])
    print(json.dumps(asyncio.run(probe(request))))


if __name__ == "__main__":
    main()
