"""Only the C extensions and the typings' place in the wheel are declared here; everything
else is in pyproject.toml. The runtime's extensions work around pythonmonkey 1.4.1
(bridge/runtime/promise_jobs.py, rejections.py, interrupts.py and string_copies.py say why);
the WebSocket one takes the common frame ahead of the websockets library (bridge/websocket/batch.py)."""

from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_py import build_py


class BuildPy(build_py):
    """Ships the editor typings (typings/*.d.ts in the checkout) inside the package, as
    bridge/typings, where `scripting-bridge init` finds them."""

    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "bridge" / "typings"
        self.mkpath(str(target))
        for typing in sorted(Path("typings").glob("*.d.ts")):
            self.copy_file(str(typing), str(target / typing.name))


ENGINE = ["bridge/runtime/_engine_symbols.h"]  # the runtime's headers, for rebuilding
SLOTS = ["bridge/runtime/_read_only_slots.h"]

setup(cmdclass={"build_py": BuildPy}, ext_modules=[
    Extension("bridge.runtime._proxy_dealloc", ["bridge/runtime/_proxy_dealloc.c"]),
    Extension("bridge.runtime._rejection_tracker", ["bridge/runtime/_rejection_tracker.c"], libraries=["dl"],
              depends=ENGINE),
    Extension("bridge.runtime._interrupt", ["bridge/runtime/_interrupt.c"], libraries=["dl", "pthread"],
              depends=ENGINE),
    Extension("bridge.runtime._string_copies", ["bridge/runtime/_string_copies.c"], libraries=["dl"],
              depends=ENGINE + SLOTS),
    Extension("bridge.runtime._job_queue", ["bridge/runtime/_job_queue.c"], libraries=["dl"],
              depends=ENGINE + SLOTS),
    Extension("bridge.websocket._common_frames", ["bridge/websocket/_common_frames.c"], extra_compile_args=["-O2"]),
])
