"""Run `async def` tests on a fresh event loop each (a bridge.Runtime needs a running loop), and
the `js` fixtures (tests/helpers.py: JS)."""

import bridge  # noqa: F401  before anything imports pythonmonkey: docs/engine.md, "JS strings in Python"

import asyncio
import inspect

import pytest

from helpers import JS

# The plugin scripting-bridge ships for its users' tests (tests/cli/test_plugin_example.py).
pytest_plugins = ["bridge.testing"]


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    if inspect.iscoroutinefunction(pyfuncitem.obj):
        arguments = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
        asyncio.run(asyncio.wait_for(pyfuncitem.obj(**arguments), timeout=120))
        return True
    return None


@pytest.fixture
def js() -> JS:
    """JavaScript called in a fresh Runtime per call, for tests that are not async."""
    return JS()


@pytest.fixture
def js_in():
    """`js_in(script_dir=folder)`: a JS whose runtimes start relative paths in that folder."""
    return lambda script_dir: JS(script_dir=script_dir)
