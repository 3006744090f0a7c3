"""A real browser (Debian's chromium, driven by Playwright) against the chat room's page."""

from __future__ import annotations

import io
import shutil

import pytest
from playwright.async_api import async_playwright

import bridge
from helpers import EXAMPLES

# The machine has no network beyond loopback: keep Chromium from reaching out.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# chat_room.ts listens on 8080, as the README's main job; the test gives it a free port instead.
ANY_PORT = """
const start = HttpServer.prototype.start
HttpServer.prototype.start = function (options) { return start.call(this, { ...options, port: 0 }) }
"""


def chromium() -> str:
    path = shutil.which("chromium")
    if path is None:
        pytest.fail("chromium is not installed: the README's test command installs Debian's chromium")
    return path


async def test_a_message_typed_in_one_page_appears_in_the_other():
    output = io.StringIO()
    async with bridge.Runtime(stdout=output, stderr=output) as runtime:
        await runtime.run_source(ANY_PORT, "any-port.js")
        await runtime.run_file(EXAMPLES / "chat_room.ts")
        url = f"http://127.0.0.1:{runtime.servers[0].port}/"
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
            try:
                first, second = await browser.new_page(), await browser.new_page()
                for page in (first, second):
                    await page.goto(url)
                    await page.wait_for_selector("#text:enabled")
                await second.get_by_text("There are 2 users online.").wait_for()
                await first.fill("#text", "你好 from the first page")
                await first.press("#text", "Enter")
                await second.get_by_text("你好 from the first page").wait_for(timeout=5000)
                await first.get_by_text("你好 from the first page").wait_for(timeout=5000)
            finally:
                await browser.close()
        assert "error" not in output.getvalue().lower()


async def test_the_seeds_browser_snippet_sends_too_early_and_the_browser_refuses():
    snippet = (EXAMPLES / "seed" / "browser_client.js").read_text(encoding="utf-8")
    async with bridge.Runtime(stdout=io.StringIO()) as runtime:
        await runtime.run_source(ANY_PORT, "any-port.js")
        await runtime.run_file(EXAMPLES / "chat_room.ts")
        port = runtime.servers[0].port
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
            try:
                page = await browser.new_page()
                await page.goto(f"http://127.0.0.1:{port}/")
                # The snippet as written, with the document's host name and port made this server's.
                code = snippet.replace("ws://localhost:8080", f"ws://127.0.0.1:{port}")
                error = await page.evaluate(f"() => {{ try {{ {code} }} catch (e) {{ return e.name }} }}")
                assert error == "InvalidStateError"
            finally:
                await browser.close()
