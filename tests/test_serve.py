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
from vision.server import allocator, nodelay, theme_once


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


POOL_CHECK = r"""
import contextvars, json, threading, time
from types import SimpleNamespace
from streamlit.runtime.scriptrunner import script_runner
from streamlit.runtime.scriptrunner_utils.script_run_context_attr import SCRIPT_RUN_CONTEXT_ATTR_NAME
from vision.server import script_pool as serve

serve.run_scripts_on_a_pool(1)
serve.run_scripts_on_a_pool(4)                 # a second call changes nothing
out = {"pool": [t.name for t in serve._pool]}
seen = contextvars.ContextVar("seen", default="fresh")
ran, release, busy = [], threading.Event(), threading.Event()


class Runner:                                  # what ScriptRunner.start and the pool use
    def __init__(self, name, refresh=False, body=None, fragment=None):
        self.name, self.body = name, body
        self._script_thread = None
        self._requests = SimpleNamespace(_rerun_data=SimpleNamespace(is_auto_rerun=refresh,
                                                                        fragment_id_queue=[fragment] if fragment else []))

    def _run_script_thread(self):
        assert self._script_thread is threading.current_thread()
        ran.append((self.name, seen.get(), threading.current_thread().name))
        seen.set("left over from " + self.name)
        setattr(threading.current_thread(), SCRIPT_RUN_CONTEXT_ATTR_NAME, "ctx of " + self.name)
        if self.body:
            self.body()


threads_before = threading.active_count()
blocker = Runner("blocker", body=lambda: (busy.set(), release.wait(10)))
script_runner.ScriptRunner.start(blocker)
assert busy.wait(5)
runners = [Runner("press 1"), Runner("broken", body=lambda: 1 / 0), Runner("press 2"), Runner("refresh", refresh=True),
           Runner("screen", fragment="f1")]
for r in runners:
    script_runner.ScriptRunner.start(r)       # returns at once although the only thread is busy
out["threads_added"] = threading.active_count() - threads_before
out["ran_while_busy"] = [name for name, _, _ in ran]
try:
    script_runner.ScriptRunner.start(runners[0])
    out["second_start"] = "accepted"
except RuntimeError:
    out["second_start"] = "refused"
release.set()
deadline = time.monotonic() + 5
while len(ran) < 6 and time.monotonic() < deadline:
    time.sleep(0.01)
time.sleep(0.1)
out["ran"] = ran
out["worker_keeps_ctx"] = hasattr(serve._pool[0], SCRIPT_RUN_CONTEXT_ATTR_NAME)
out["finished_in_a_thread"] = [r._script_thread is serve._pool[0] for r in runners]
print(json.dumps(out))
"""


def test_script_runs_queue_for_a_pool_of_threads():
    """ScriptRunner.start returns at once and starts no thread; runs go to the pool's
    threads, a screen's refresh or a fragment's run before queued presses, each with a fresh context; a run
    that fails does not stop the pool; a finished run leaves nothing on the thread."""
    # In a process of its own: the pool replaces ScriptRunner.start for the whole process.
    out = in_a_fresh_process(POOL_CHECK)
    assert out["pool"] == ["ScriptRunner.pool-0"]
    assert out["threads_added"] == 0
    assert out["ran_while_busy"] == ["blocker"]
    assert out["second_start"] == "refused"
    assert [name for name, _, _ in out["ran"]] == ["blocker", "refresh", "screen", "press 1", "broken", "press 2"]
    assert all(context == "fresh" for _, context, _ in out["ran"])
    assert {thread for _, _, thread in out["ran"]} == {"ScriptRunner.pool-0"}
    assert out["worker_keeps_ctx"] is False
    assert out["finished_in_a_thread"] == [False, False, False, False, False]


GC_CHECK = r"""
import gc, json, sys, time, weakref
from vision.server import quiet_gc, script_pool

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
script_pool._runs.put((1, -1, None))               # a script run waiting for a thread: not quiet
out["freed_while_busy"] = wait(freed, 1.0)
script_pool._runs.get()
out["freed_when_quiet"] = wait(freed, 3.0)
print(json.dumps(out))
"""


def _janitor(every: float, at_latest: float) -> dict:
    # The janitor changes the collector's settings for the process.
    return in_a_fresh_process(GC_CHECK, str(every), str(at_latest))


def test_full_collections_wait_until_no_script_run_is_waiting():
    out = _janitor(every=0.2, at_latest=1000)
    assert out["oldest_threshold"] >= 1_000_000      # Python no longer starts them by itself
    assert out == {**out, "freed_while_busy": False, "freed_when_quiet": True}


def test_a_full_collection_runs_at_the_latest_whatever_the_load():
    out = _janitor(every=1000, at_latest=0.5)
    assert out["freed_while_busy"] is True


@pytest.fixture
def restore_theme():
    from streamlit import config
    from streamlit.runtime import app_session
    original = app_session._populate_theme_msg
    yield
    app_session._populate_theme_msg = getattr(original, "original", original)
    theme_once._theme_sections.clear()
    config.get_config_options(force_reparse=True)


def test_the_theme_is_read_once_and_again_after_the_configuration_is(restore_theme, monkeypatch):
    from streamlit import config
    from streamlit.proto.NewSession_pb2 import NewSession
    from streamlit.runtime import app_session

    sections = ["theme", "theme.light", "theme.dark", "theme.sidebar", "theme.light.sidebar", "theme.dark.sidebar"]

    def new_session_theme() -> NewSession:
        """The six sections, filled as Streamlit's new-session message fills them."""
        msg = NewSession()
        t = msg.custom_theme
        for target, section in zip([t, t.light, t.dark, t.sidebar, t.light.sidebar, t.dark.sidebar], sections):
            app_session._populate_theme_msg(target, section)
        return msg

    config.set_option("theme.primaryColor", "#123456")
    config.set_option("theme.dark.primaryColor", "#abcdef")
    config.set_option("theme.sidebar.backgroundColor", "#fafafa")
    as_shipped = new_session_theme()
    assert as_shipped.custom_theme.primary_color == "#123456", "the premise: the options reach the message"

    reads = []
    read = config.get_options_for_section
    monkeypatch.setattr(config, "get_options_for_section", lambda s: reads.append(s) or read(s))
    theme_once.build_the_theme_once()
    theme_once.build_the_theme_once()                 # twice is harmless
    assert new_session_theme() == as_shipped
    assert sorted(reads) == sorted(sections)
    for _ in range(20):
        assert new_session_theme() == as_shipped
    assert len(reads) == len(sections), "later runs copy the built sections"

    config.get_config_options(force_reparse=True)    # the configuration is read again
    config.set_option("theme.primaryColor", "#654321")
    assert new_session_theme().custom_theme.primary_color == "#654321"


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
