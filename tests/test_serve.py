"""The server sends each small message at once: the connections it accepts have
Nagle's algorithm switched off, also on a listening socket made the way Streamlit
makes it (without naming the protocol)."""

from __future__ import annotations

import asyncio
import socket
import sys
import threading

import pytest

from testkit.fresh_process import in_a_fresh_process
from vision.server import allocator, nodelay


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
    nodelay.send_small_messages_at_once()
    nodelay.send_small_messages_at_once()          # twice is harmless
    assert _accepted_nodelay() != 0


GC_CHECK = r"""
import gc, json, sys, time, weakref
import threading
from vision.server import quiet_gc

every, at_latest = float(sys.argv[1]), float(sys.argv[2])
quiet_gc.collect_garbage_when_quiet(every=every, at_latest=at_latest, quiet=0.2, look_every=0.02)
out = {"oldest_threshold": gc.get_threshold()[2]}


class Node:
    pass


def old_garbage():
    # A cycle that has lived long enough to reach the oldest generation, then dropped:
    # only a full collection frees it.
    node = Node()
    node.me = node
    gc.collect(1)
    gc.collect(1)
    freed = []
    weakref.finalize(node, freed.append, True)
    return freed


def wait(freed, seconds):
    deadline = time.monotonic() + seconds
    while not freed and time.monotonic() < deadline:
        time.sleep(0.02)
    return bool(freed)


time.sleep(min(every, at_latest) + 0.3)     # past the janitor's first collection
freed = old_garbage()
running = threading.Event()                  # page runs under way: more than BUSY_RUNS is not quiet
runs = [threading.Thread(target=running.wait, name=quiet_gc.SCRIPT_THREAD) for _ in range(quiet_gc.BUSY_RUNS + 1)]
for run in runs:
    run.start()
out["freed_while_busy"] = wait(freed, 1.0)
running.set()
for run in runs:
    run.join()
staff = threading.Event()                    # a staff page's own refresh: not load
refresh = threading.Thread(target=staff.wait, name=quiet_gc.SCRIPT_THREAD)
refresh.start()
out["freed_when_quiet"] = wait(freed, 3.0)
staff.set()
refresh.join()
print(json.dumps(out))
"""


def _janitor(every: float, at_latest: float) -> dict:
    # The janitor changes the collector's settings for the process.
    return in_a_fresh_process(GC_CHECK, str(every), str(at_latest))


def test_full_collections_wait_until_no_script_is_running():
    out = _janitor(every=0.2, at_latest=1000)
    assert out["oldest_threshold"] >= 1_000_000      # Python no longer starts them by itself
    assert out == {**out, "freed_while_busy": False, "freed_when_quiet": True}


def test_a_full_collection_runs_at_the_latest_whatever_the_load():
    out = _janitor(every=1000, at_latest=0.5)
    assert out["freed_while_busy"] is True


ALLOCATOR_CHECK = """
import ctypes, json, sys, tempfile
from testkit.fresh_process import threads_holding
from vision.server import allocator

tuned = sys.argv[1] != "not called" and allocator.tune_the_allocator()
from testkit.memory_probe import _glibc        # glibc's own statistics (mallinfo2)

libc = ctypes.CDLL("libc.so.6")
libc.fopen.restype = ctypes.c_void_p
libc.malloc_info.argtypes = [ctypes.c_int, ctypes.c_void_p]
libc.fclose.argtypes = [ctypes.c_void_p]

# Eight threads that each hold a block from the C heap at the same time.
with threads_holding(8, lambda: bytearray(50_000)), tempfile.NamedTemporaryFile(suffix=".xml") as fh:
    out = libc.fopen(fh.name.encode(), b"w")
    libc.malloc_info(0, out)
    libc.fclose(out)
    arenas = open(fh.name).read().count("<heap nr=")

# A large block freed, then a smaller large one: from a mapping of its own, or the heap?
big = bytearray(4_000_000)
del big
before = _glibc()["c_mapped_mb"]
medium = bytearray(1_000_000)
mapped = _glibc()["c_mapped_mb"] - before > 0.5
print(json.dumps({"tuned": bool(tuned), "arenas": arenas, "mapped": mapped}))
"""


def _allocator(mode: str, **env: str) -> dict:
    # The settings must be made before threads allocate.
    return in_a_fresh_process(ALLOCATOR_CHECK, mode, **env)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator")
def test_the_allocator_keeps_few_arenas_and_maps_large_blocks():
    stock, tuned = _allocator("not called"), _allocator("called")
    assert stock["arenas"] > allocator.ALLOCATOR_ARENAS, "the premise: each thread gets an arena of its own"
    assert stock["mapped"] is False, "the premise: glibc raised its threshold after the large block was freed"
    assert tuned == {"tuned": True, "arenas": allocator.ALLOCATOR_ARENAS, "mapped": True}
    assert _allocator("called", VISIONSDAG_ALLOCATOR="glibc") == stock, "the operator's way back to the defaults"
