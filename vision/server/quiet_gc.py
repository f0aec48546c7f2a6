"""Full garbage collections wait for a quiet moment.

Python's collection of its oldest generation looks at every object of the process; with
500 sessions open it stopped every thread for 150-550 ms, and left to itself it ran
three or four times during one burst of saves. Automatic full collections are off; a
janitor thread runs one when none has run for a minute and for a second no more than two
pages' scripts have run at once (the staff pages' own refreshes every two seconds are not
load; a hall arriving is), and after ten minutes whatever the load. The young generations are collected as
usual. (Streamlit's own ``gc.collect(2)`` after every
script run is off in ``.streamlit/config.toml``: ``runner.postScriptGC``.)
"""

from __future__ import annotations

import gc
import threading
import time

from vision.server.fence import Change

FULL_COLLECTION_EVERY = 60.0      # seconds between full collections, at a quiet moment
FULL_COLLECTION_AT_LATEST = 600.0 # seconds, whatever the load
QUIET = 1.0                       # seconds without more than BUSY_RUNS script runs at once
BUSY_RUNS = 2                     # script runs at once that are not yet load
SCRIPT_THREAD = "ScriptRunner.scriptThread"
"""Streamlit's name for the thread of each script run (``tests/test_server_contract.py``
checks the installed Streamlit still uses it; renamed, collections run each minute whatever
the load, as before this change's quiet check)."""

_janitor: list[threading.Thread] = []
_lock = threading.Lock()


def collect_garbage_when_quiet(every: float = FULL_COLLECTION_EVERY, at_latest: float = FULL_COLLECTION_AT_LATEST,
                               quiet: float = QUIET, look_every: float = 0.1) -> None:
    """Switch off automatic full collections and run them from a janitor thread: when
    none has run for ``every`` seconds and for ``quiet`` seconds no more than ``BUSY_RUNS``
    scripts have run at once, or when none has run for ``at_latest`` seconds."""
    with _lock:
        if _janitor:
            return
        young, middle, _ = gc.get_threshold()
        gc.set_threshold(young, middle, 1_000_000_000)   # the oldest generation: only the janitor

        def janitor() -> None:
            last = quiet_since = time.monotonic()
            while True:
                time.sleep(look_every)
                now = time.monotonic()
                if script_runs() > BUSY_RUNS:
                    quiet_since = now
                due = now - last >= every and now - quiet_since >= quiet
                if due or now - last >= at_latest:
                    gc.collect()
                    last = time.monotonic()

        thread = threading.Thread(target=janitor, name="visionsdag-gc", daemon=True)
        thread.start()
        _janitor.append(thread)


def script_runs() -> int:
    """Script runs going on now (Streamlit starts a thread for each)."""
    return sum(1 for t in threading.enumerate() if t.name == SCRIPT_THREAD)


CHANGE = Change(
    name="quiet-gc",
    what="full garbage collections wait for a moment when few scripts run",
    apply=collect_garbage_when_quiet,
    needs=("gc:set_threshold", "gc:get_threshold"),
    streamlit=False,
)
