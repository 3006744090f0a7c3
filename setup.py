"""Only the C extensions are declared here; everything else is in pyproject.toml. Both work
around pythonmonkey 1.4.1 (bridge/runtime/promise_jobs.py and rejections.py say why)."""

from setuptools import Extension, setup

setup(ext_modules=[
    Extension("bridge.runtime._proxy_dealloc", ["bridge/runtime/_proxy_dealloc.c"]),
    Extension("bridge.runtime._rejection_tracker", ["bridge/runtime/_rejection_tracker.c"], libraries=["dl"]),
])
