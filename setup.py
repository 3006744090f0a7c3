"""Only the C extensions are declared here; everything else is in pyproject.toml. They work
around pythonmonkey 1.4.1 (bridge/runtime/promise_jobs.py, rejections.py and interrupts.py say why)."""

from setuptools import Extension, setup

setup(ext_modules=[
    Extension("bridge.runtime._proxy_dealloc", ["bridge/runtime/_proxy_dealloc.c"]),
    Extension("bridge.runtime._rejection_tracker", ["bridge/runtime/_rejection_tracker.c"], libraries=["dl"]),
    Extension("bridge.runtime._interrupt", ["bridge/runtime/_interrupt.c"], libraries=["dl"]),
])
