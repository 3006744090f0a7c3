"""Each TypeScript sample of the seed document, run verbatim from js_examples/seed/ (the
project's own copies; one test compares them with the document, where ../shared has it)."""

from __future__ import annotations

import asyncio

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosedOK

from helpers import EXAMPLES, serving, shared_file

SEED = EXAMPLES / "seed"


def test_samples_are_the_documents_code_byte_for_byte():
    import re

    document = shared_file("seeds/000_338c2aa7a308dcde.txt")
    blocks = [body for _, body in re.findall(r"```(ts|js)\n(.*?)```", document.read_text("utf-8"), re.S)]
    files = ["write_text.ts", "write_data.ts", "close.ts", "register.ts", "chat_room.ts", "browser_client.js"]
    for name, body in zip(files, blocks):
        assert (SEED / name).read_text("utf-8") == body, name
    # The last block is the type definition, held by the typings' type-level test.
    assert len(blocks) == len(files) + 1


async def test_write_text_welcomes_and_echoes():
    async with serving(SEED / "write_text.ts") as served:
        async with connect(served.url("/chat")) as client:
            assert await client.recv() == "Welcome to the chat room!"
            await client.send("hello")
            assert await client.recv() == "You said: hello"
        await served.until_logged("Client says: hello")


async def test_write_data_sends_binary_hello():
    async with serving(SEED / "write_data.ts") as served:
        async with connect(served.url("/binary")) as client:
            message = await client.recv()
            assert message == b"Binary hello" and isinstance(message, bytes)


async def test_close_says_goodbye_then_closes():
    async with serving(SEED / "close.ts") as served:
        async with connect(served.url("/ws")) as client:
            await client.send("not yet")
            await client.send("bye")
            assert await client.recv() == "Goodbye!"
            with pytest.raises(ConnectionClosedOK):
                await client.recv()
            assert client.close_code == 1000


async def test_register_broadcasts_logs_and_forgets():
    async with serving(SEED / "register.ts") as served:
        async with connect(served.url("/ws")) as first, connect(served.url("/ws")) as second:
            assert await first.recv() == "Connection established!"
            assert await second.recv() == "Connection established!"
            await first.send("hi all")
            assert await first.recv() == "Broadcast: hi all"
            assert await second.recv() == "Broadcast: hi all"
            await second.send(b"12345")
            await served.until_logged("Received binary data: 5")
            await first.close()
            await served.until_logged("Client disconnected")
            await second.send("still here")
            assert await second.recv() == "Broadcast: still here"
        await served.until_logged("Client disconnected", count=2)
        assert served.lines().count("Client connected") == 2
        assert "Received: still here" in served.lines()
        assert served.stderr.getvalue() == ""


async def test_chat_room_counts_users_and_forgets_who_left():
    async with serving(SEED / "chat_room.ts") as served:
        first = await connect(served.url("/chat"))
        assert await first.recv() == "Welcome! There are 1 users online."
        second = await connect(served.url("/chat"))
        assert await second.recv() == "Welcome! There are 2 users online."
        await first.send("hello")
        assert await first.recv() == "hello"
        assert await second.recv() == "hello"
        await second.close()
        await asyncio.sleep(0.1)  # the server sees the close and runs onDisconnected
        async with connect(served.url("/chat")) as third:
            assert await third.recv() == "Welcome! There are 2 users online."
        await first.close()
