"""Script runs share a fixed set of threads (``VISIONSDAG_SCRIPT_THREADS``, 32 by default).

Streamlit starts a new thread for every run, and every thread that can run takes its
turn with the interpreter lock. When 500 phones press at once, 500 threads start
(``Thread.start()`` waits until the new thread has run, so the event loop, which
receives every press and sends every answer, waited with it) and then share the lock
with the event loop and the database writer. Runs now queue for one of a fixed set of
threads, so at most that many share the lock; the event loop only hands the run over.
A fragment's run or an automatic rerun (the projector drawing what is new, the control
page's own refresh) goes before queued page runs, so the big screen keeps following
while a hall arrives.

Replaces ``ScriptRunner.start``; the pool's threads call ``ScriptRunner._run_script_thread``
with ``_script_thread`` set to themselves (Streamlit checks a runner's calls come from
"its" thread), and read the first queued request (``ScriptRequests._rerun_data``).
"""

from __future__ import annotations

import contextvars
import dataclasses
import inspect
import itertools
import logging
import queue
import threading

from vision import config
from vision.server.fence import Change

log = logging.getLogger(__name__)

SCRIPT_THREADS = config.DEFAULT_SCRIPT_THREADS
"""Threads for script runs. Enough that saves waiting for the database writer keep its
batches full, few enough that the event loop gets its turn (measured at 500 phones when
saves were script runs: 8 threads 2.4 s p95, 16 1.4-1.6 s, 32 0.8-1.0 s, 64 1.4-1.6 s)."""

_runs: queue.PriorityQueue = queue.PriorityQueue()
_NOT_RUNNING = threading.Thread(name="ScriptRunner.not-running")
"""The "thread" of a runner that is queued or finished: it never runs, so Streamlit's
check that a call comes from the runner's own thread is false everywhere."""
_order = itertools.count()
_pool: list[threading.Thread] = []
_pool_lock = threading.Lock()
_context_attr: list[str] = []       # Streamlit's name for a thread's run context, once known


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
            me.__dict__.pop(_context_attr[0], None)      # let go of the finished session


def run_scripts_on_a_pool(threads: int | None = None) -> None:
    """Make ``ScriptRunner.start`` queue the run for a pool of ``threads`` threads instead
    of starting a thread of its own; a fragment's run goes first."""
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.runtime.scriptrunner_utils.script_run_context_attr import SCRIPT_RUN_CONTEXT_ATTR_NAME

    runner = script_runner.ScriptRunner
    with _pool_lock:
        if getattr(runner.start, "visionsdag", False):
            return
        wanted = threads or config.script_threads()
        _context_attr[:] = [SCRIPT_RUN_CONTEXT_ATTR_NAME]

        def start(self) -> None:
            if self._script_thread is not None:
                raise RuntimeError("ScriptRunner was already started")
            self._script_thread = _NOT_RUNNING
            first = self._requests._rerun_data
            refresh = bool(first.is_auto_rerun or first.fragment_id_queue)
            _runs.put((0 if refresh else 1, next(_order), self))

        start.visionsdag = True
        start.original = runner.start
        for i in range(wanted):
            thread = threading.Thread(target=_run_scripts, name=f"ScriptRunner.pool-{i}", daemon=True)
            thread.start()
            _pool.append(thread)
        runner.start = start


def waiting() -> int:
    """Script runs waiting for a thread of the pool."""
    return _runs.qsize()


def _check() -> list[str]:
    """What ``start`` and the pool's threads use beyond the names themselves."""
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner
    from streamlit.runtime.scriptrunner_utils.script_requests import RerunData, ScriptRequests

    out = []
    if not isinstance(ScriptRequests().__dict__.get("_rerun_data"), RerunData):
        out.append("ScriptRequests() has no RerunData in _rerun_data")
    fields = {f.name for f in dataclasses.fields(RerunData)}
    out += [f"RerunData.{f} is missing" for f in ("is_auto_rerun", "fragment_id_queue") if f not in fields]
    source = inspect.getsource(ScriptRunner.__init__)
    out += [f"ScriptRunner.__init__ sets no self.{a}" for a in ("_script_thread", "_requests")
            if f"self.{a}" not in source]
    if "self._script_thread" not in inspect.getsource(ScriptRunner._is_in_script_thread):
        out.append("ScriptRunner._is_in_script_thread no longer compares _script_thread")
    return out


CHANGE = Change(
    name="script-pool",
    what="script runs queue for a fixed pool of threads, a screen's refresh first",
    apply=run_scripts_on_a_pool,
    needs=("streamlit.runtime.scriptrunner.script_runner:ScriptRunner.start",
           "streamlit.runtime.scriptrunner.script_runner:ScriptRunner._run_script_thread",
           "streamlit.runtime.scriptrunner.script_runner:ScriptRunner._is_in_script_thread",
           "streamlit.runtime.scriptrunner_utils.script_requests:ScriptRequests",
           "streamlit.runtime.scriptrunner_utils.script_requests:RerunData",
           "streamlit.runtime.scriptrunner_utils.script_run_context_attr:SCRIPT_RUN_CONTEXT_ATTR_NAME"),
    check=_check,
)
