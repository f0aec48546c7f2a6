"""The server sends each small message at once: the connections it accepts have
Nagle's algorithm switched off, also on a listening socket made the way Streamlit
makes it (without naming the protocol)."""

from __future__ import annotations

import asyncio
import socket
import threading
import time

import pytest

from vision import serve


def _accepted_nodelay() -> int:
    """TCP_NODELAY of a connection accepted by asyncio on a socket bound like Streamlit's."""
    async def run() -> int:
        listener = socket.socket(family=socket.AF_INET)      # proto 0, as in Streamlit's _bind_socket
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.setblocking(False)
        accepted: asyncio.Future = asyncio.get_running_loop().create_future()

        def on_connect(reader, writer):
            sock = writer.get_extra_info("socket")
            accepted.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(on_connect, sock=listener)
        _, writer = await asyncio.open_connection("127.0.0.1", listener.getsockname()[1])
        try:
            return await asyncio.wait_for(accepted, 5)
        finally:
            writer.close()
            server.close()
            await server.wait_closed()

    out: list[int] = []
    # In its own thread: the browser tests may leave an event loop running in this one.
    worker = threading.Thread(target=lambda: out.append(asyncio.run(run())))
    worker.start()
    worker.join(10)
    return out[0]


@pytest.fixture
def restore_nodelay():
    original = asyncio.base_events._set_nodelay
    yield
    asyncio.base_events._set_nodelay = original


def test_connections_send_small_messages_at_once(restore_nodelay):
    assert _accepted_nodelay() == 0, "the premise: asyncio leaves Nagle on for such a socket"
    serve.send_small_messages_at_once()
    serve.send_small_messages_at_once()          # twice is harmless
    assert _accepted_nodelay() != 0


def test_a_script_thread_is_started_without_the_event_loop_waiting_for_it():
    """ScriptRunner.start returns at once, even while the starter is busy; the run's
    thread then starts and runs, in the order the runs were asked for."""
    import threading

    from streamlit.runtime.scriptrunner import script_runner

    serve.start_script_threads_off_the_event_loop()
    serve.start_script_threads_off_the_event_loop()          # twice is harmless
    ran: list[int] = []
    busy, release = threading.Event(), threading.Event()

    class Runner:            # the two attributes ScriptRunner.start uses
        def __init__(self, n):
            self.n = n
            self._script_thread = None

        def _run_script_thread(self):
            ran.append(self.n)

    blocker = threading.Thread(target=lambda: (busy.set(), release.wait(10)))
    serve._starts.put(blocker)              # the starter is now busy with another start
    assert busy.wait(5)
    runners = [Runner(i) for i in range(3)]
    for r in runners:
        script_runner.ScriptRunner.start(r)  # returns although nothing can start yet
    assert ran == [] and all(not r._script_thread.is_alive() for r in runners)
    release.set()
    deadline = time.monotonic() + 5
    while len(ran) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert ran == [0, 1, 2]
    with pytest.raises(RuntimeError):
        script_runner.ScriptRunner.start(runners[0])
