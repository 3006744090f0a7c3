"""Only the C extension is declared here; everything else is in pyproject.toml."""

from setuptools import Extension, setup

setup(ext_modules=[Extension("bridge.runtime._proxy_dealloc", ["bridge/runtime/_proxy_dealloc.c"])])
