"""Serve the app: ``python -m vision.serve [streamlit run options]``.

``streamlit run vision/entry/asgi.py [options]`` (``app.py`` with the scoring forms' save
route, ``vision/api.py``), with five changes to how Streamlit 1.67's server and its
process work, each found by measuring a hall of phones saving at once or a day of
rounds (``docs/performance.md``).

**Small messages leave at once** (``TCP_NODELAY``).
Streamlit binds its listening socket itself, without naming the protocol, and asyncio
switches Nagle's algorithm off only on sockets whose protocol is ``IPPROTO_TCP``. So
the server held back each small message of a run until the browser acknowledged the
one before, and browsers wait up to 40 ms (Linux) or 200 ms (Windows) before they
acknowledge. A save on an idle server took 45 ms from press to receipt instead of 19.

**Script runs share a fixed set of threads** (``VISIONSDAG_SCRIPT_THREADS``, 32 by
default). Streamlit starts a new thread for every run, and every thread that can run
takes its turn with the interpreter lock. When 500 phones press at once, 500 threads
start (``Thread.start()`` waits until the new thread has run, so the event loop, which
receives every press and sends every answer, waited with it) and then share the lock
with the event loop and the database writer, which each got a five-hundredth of it:
answers waited on the event loop for about a second. Runs now queue for one of a fixed
set of threads, so at most that many share the lock; the event loop only hands the run
over. A fragment's run (the projector drawing what is new, the control page's own
refresh) goes before queued page runs, so the big screen keeps following the votes
while a hall arrives.

**Full garbage collections wait for a quiet moment.** Python's collection of its oldest
generation looks at every object of the process; with 500 sessions open it stopped
every thread for 150-550 ms, and left to itself it ran three or four times during one
burst of saves. Automatic full collections are off; a janitor thread runs one when
none has run for a minute and no script run has had to wait for a thread for a second,
and after ten minutes whatever the load. The young generations are collected as usual.

**The theme is read from the configuration once.** Every script run, a fragment's too,
starts with a ``new_session`` message that carries the app's theme, and Streamlit builds
its six sections anew each time, each by reading the whole configuration. That was an
eighth of the event loop's work while a hall saved. The sections are now built once
and copied; a new reading of the configuration builds them again.

**The C heap is kept compact over a long day.** glibc gives each thread that allocates
an arena of its own, up to sixteen on two cores, and raises the size above which a block
gets a mapping of its own each time such a block is freed; the server's many threads and
its large, short-lived messages (figures, pages) then leave free gaps in many arenas.
Two arenas and a fixed 128 KiB threshold are set before any thread starts
(``VISIONSDAG_ALLOCATOR=glibc`` leaves glibc's defaults).
"""

from __future__ import annotations

import asyncio.base_events
import contextvars
import ctypes
import gc
import itertools
import logging
import os
import queue
import socket
import sys
import threading
import time
from pathlib import Path

from streamlit.runtime.scriptrunner_utils.script_run_context_attr import SCRIPT_RUN_CONTEXT_ATTR_NAME

log = logging.getLogger(__name__)

APP = Path(__file__).resolve().parent / "entry" / "asgi.py"   # app.py with the save route (vision.api)


def send_small_messages_at_once() -> None:
    """Make asyncio set ``TCP_NODELAY`` on every TCP connection it accepts, also when the
    listening socket was made without naming the protocol."""
    original = asyncio.base_events._set_nodelay
    if getattr(original, "visionsdag", False):
        return

    def set_nodelay(sock: socket.socket) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        else:
            original(sock)

    set_nodelay.visionsdag = True
    asyncio.base_events._set_nodelay = set_nodelay


SCRIPT_THREADS = 32
"""Threads for script runs. Enough that saves waiting for the database writer keep its
batches full, few enough that the event loop gets its turn (measured at 500 phones:
8 threads 2.4 s p95, 16 1.4-1.6 s, 32 0.8-1.0 s, 64 1.4-1.6 s, 128 1.6 s)."""

_runs: queue.PriorityQueue = queue.PriorityQueue()
_NOT_RUNNING = threading.Thread(name="ScriptRunner.not-running")
"""The "thread" of a runner that is queued or finished: it never runs, so Streamlit's
check that a call comes from the runner's own thread is false everywhere."""
_order = itertools.count()
_pool: list[threading.Thread] = []
_pool_lock = threading.Lock()


def _run_scripts() -> None:
    me = threading.current_thread()
    while True:
        _, _, runner = _runs.get()
        runner._script_thread = me          # ScriptRunner checks it runs in "its" thread
        try:
            # A fresh context, as a new thread would have: Streamlit keeps a run's state in
            # context variables.
            contextvars.Context().run(runner._run_script_thread)
        except Exception:  # noqa: BLE001 - one broken run must not take a thread from the pool
            log.exception("script run failed")
        finally:
            runner._script_thread = _NOT_RUNNING
            me.__dict__.pop(SCRIPT_RUN_CONTEXT_ATTR_NAME, None)      # let go of the finished session


def run_scripts_on_a_pool(threads: int | None = None) -> None:
    """Make ``ScriptRunner.start`` queue the run for a pool of ``threads`` threads instead
    of starting a thread of its own; a fragment's run goes first."""
    from streamlit.runtime.scriptrunner import script_runner
    runner = script_runner.ScriptRunner
    with _pool_lock:
        if getattr(runner.start, "visionsdag", False):
            return
        wanted = threads or int(os.environ.get("VISIONSDAG_SCRIPT_THREADS") or SCRIPT_THREADS)
        if wanted < 1:
            raise ValueError("VISIONSDAG_SCRIPT_THREADS must be at least 1")

        def start(self) -> None:
            if self._script_thread is not None:
                raise RuntimeError("ScriptRunner was already started")
            self._script_thread = _NOT_RUNNING
            first = getattr(self._requests, "_rerun_data", None)
            refresh = bool(getattr(first, "is_auto_rerun", False) or getattr(first, "fragment_id_queue", None))
            _runs.put((0 if refresh else 1, next(_order), self))

        start.visionsdag = True
        for i in range(wanted):
            thread = threading.Thread(target=_run_scripts, name=f"ScriptRunner.pool-{i}", daemon=True)
            thread.start()
            _pool.append(thread)
        runner.start = start


FULL_COLLECTION_EVERY = 60.0      # seconds between full collections, at a quiet moment
FULL_COLLECTION_AT_LATEST = 600.0 # seconds, whatever the load
QUIET = 1.0                       # seconds without a script run waiting for a thread

_janitor: list[threading.Thread] = []


def collect_garbage_when_quiet(every: float = FULL_COLLECTION_EVERY, at_latest: float = FULL_COLLECTION_AT_LATEST,
                               quiet: float = QUIET, look_every: float = 0.1) -> None:
    """Switch off automatic full collections and run them from a janitor thread: when
    none has run for ``every`` seconds and no script run has waited in the pool's queue
    for ``quiet`` seconds, or when none has run for ``at_latest`` seconds."""
    with _pool_lock:
        if _janitor:
            return
        young, middle, _ = gc.get_threshold()
        gc.set_threshold(young, middle, 1_000_000_000)   # the oldest generation: only the janitor

        def janitor() -> None:
            last = quiet_since = time.monotonic()
            while True:
                time.sleep(look_every)
                now = time.monotonic()
                if _runs.qsize():
                    quiet_since = now
                due = now - last >= every and now - quiet_since >= quiet
                if due or now - last >= at_latest:
                    gc.collect()
                    last = time.monotonic()

        thread = threading.Thread(target=janitor, name="visionsdag-gc", daemon=True)
        thread.start()
        _janitor.append(thread)


_theme_sections: dict[str, object] = {}


def build_the_theme_once() -> None:
    """Make Streamlit's new-session message copy each theme section built on first use,
    instead of reading the configuration for it on every script run."""
    from streamlit import config
    from streamlit.runtime import app_session
    original = app_session._populate_theme_msg
    if getattr(original, "visionsdag", False):
        return

    def populate(msg, section: str = "theme") -> None:
        built = _theme_sections.get(section)
        if built is None:
            built = type(msg)()
            original(built, section)
            _theme_sections[section] = built
        if built.ListFields():      # a section left empty stays unset, as Streamlit leaves it
            msg.MergeFrom(built)

    populate.visionsdag = True
    populate.original = original
    app_session._populate_theme_msg = populate
    config.on_config_parsed(_theme_sections.clear, force_connect=True)


def rerun_the_page_for_a_reconnected_fragment() -> bool:
    """After a restart, let a screen's first fragment run draw the whole page.

    A browser that loses its server reconnects by itself, to a new session, without
    running the page again; its fragments (the projector's screen, the control page's
    room, the write alarm) then ask the new session for fragment runs, which Streamlit
    ignores ("The fragment with id … does not exist anymore"): the screen stays as it was.
    A session's very first request is normally a run of the whole page, so when it is a
    run of a fragment the session does not hold, it is run as the whole page instead.
    False (and nothing changed) when Streamlit's ``AppSession`` is not as expected."""
    from streamlit.runtime import app_session
    session = app_session.AppSession
    original = getattr(session, "request_rerun", None)
    if original is None or not hasattr(session, "has_fragment"):
        log.warning("AppSession.request_rerun/has_fragment not found: a screen open across a restart "
                    "stays as it was until it is reloaded")
        return False
    if getattr(original, "visionsdag", False):
        return True

    def request_rerun(self, client_state) -> None:
        if (client_state is not None and not getattr(self, "_visionsdag_has_run", False)
                and client_state.fragment_id and not self.has_fragment(client_state.fragment_id)):
            client_state.fragment_id = ""
            client_state.is_auto_rerun = False
        self._visionsdag_has_run = True
        original(self, client_state)

    request_rerun.visionsdag = True
    request_rerun.original = original
    session.request_rerun = request_rerun
    return True


ALLOCATOR_ARENAS = 2
MMAP_THRESHOLD = 128 * 1024
_M_MMAP_THRESHOLD, _M_ARENA_MAX = -3, -8         # glibc's <malloc.h>


def tune_the_allocator(arenas: int = ALLOCATOR_ARENAS, mmap_threshold: int = MMAP_THRESHOLD) -> bool:
    """Set glibc's allocator for a long-running process of many threads: at most
    ``arenas`` heap arenas, and large blocks always in mappings of their own. False where
    the C library is not glibc, or ``VISIONSDAG_ALLOCATOR=glibc`` asks for its defaults."""
    if os.environ.get("VISIONSDAG_ALLOCATOR", "").strip().lower() == "glibc":
        return False
    try:
        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):
        return False
    return mallopt(_M_ARENA_MAX, arenas) == 1 and mallopt(_M_MMAP_THRESHOLD, mmap_threshold) == 1


def main(argv: list[str] | None = None, script: str | Path = APP) -> int:
    tune_the_allocator()             # before any thread allocates
    send_small_messages_at_once()
    run_scripts_on_a_pool()
    collect_garbage_when_quiet()
    build_the_theme_once()
    rerun_the_page_for_a_reconnected_fragment()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(script), *(sys.argv[1:] if argv is None else argv)]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
