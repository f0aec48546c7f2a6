"""Run ``streamlit run SCRIPT ...`` in this process, with counters for the benchmark.

The benchmark starts the server through this wrapper so it can read what only the
server process knows: every :class:`vision.store.Store` made in the process and the
shared :class:`vision.results.ResultsCache` are recorded, and a daemon thread writes
their counters (commits, jobs committed, results computations) to the JSON file named
by ``BENCH_STATS_FILE`` five times a second, and the writer's busy time.
``BENCH_RESULTS_MIN_INTERVAL`` overrides the results cache's minimum interval and
``BENCH_SWITCH_INTERVAL`` the interpreter's thread switch interval, to measure other
settings. ``BENCH_MEMORY_FILE`` names a file to which a sample of where the process's
memory is (``testkit/memory_probe.py``) is appended every ``BENCH_MEMORY_EVERY`` seconds
(20). ``BENCH_PROBE`` names a Python file run in the server process before it starts,
to take a layer out (``bench/layers/no_database.py``). ``BENCH_STOCK=1`` serves the script
with ``streamlit run`` as shipped instead of ``vision.serve`` (the floor). The app's code is
not changed.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _install_counters(path: Path) -> None:
    from vision.results import ResultsCache
    from vision.store import core

    stores: list = []
    caches: list = []
    store_init = core.Store.__init__
    cache_init = ResultsCache.__init__

    def init_store(self, *a, **kw):
        store_init(self, *a, **kw)
        stores.append(self)

    interval = os.environ.get("BENCH_RESULTS_MIN_INTERVAL")   # to measure another setting

    def init_cache(self, *a, **kw):
        cache_init(self, *a, **kw)
        if interval:
            self.min_interval = float(interval)
        caches.append(self)

    core.Store.__init__ = init_store
    ResultsCache.__init__ = init_cache

    def dump() -> None:
        while True:
            stats = {
                "time": time.time(),
                "commits": sum(s.commits for s in stores),
                "jobs_committed": sum(s.jobs_committed for s in stores),
                "refreshes": sum(s.refreshes for s in stores),
                "writer_busy_s": sum(s.busy_seconds for s in stores),
                "results_computations": sum(c.computations for c in caches),
                "threads": threading.active_count(),
            }
            tmp = path.with_suffix(".tmp")
            tmp.write_text(json.dumps(stats))
            tmp.replace(path)
            time.sleep(0.2)

    threading.Thread(target=dump, name="bench-stats", daemon=True).start()

    memory_file = os.environ.get("BENCH_MEMORY_FILE")
    if memory_file:
        from testkit.memory_probe import sample

        every = float(os.environ.get("BENCH_MEMORY_EVERY", "20"))

        def sample_memory() -> None:
            while True:
                time.sleep(every)
                with open(memory_file, "a", encoding="utf-8") as fh:
                    fh.write(json.dumps(sample(stores)) + "\n")

        threading.Thread(target=sample_memory, name="bench-memory", daemon=True).start()


if __name__ == "__main__":
    if os.environ.get("BENCH_PROBE"):
        import runpy
        runpy.run_path(os.environ["BENCH_PROBE"])
    if os.environ.get("BENCH_SWITCH_INTERVAL"):
        sys.setswitchinterval(float(os.environ["BENCH_SWITCH_INTERVAL"]))
    stats_file = os.environ.get("BENCH_STATS_FILE")
    if stats_file:
        _install_counters(Path(stats_file))
    if os.environ.get("BENCH_STOCK"):       # Streamlit as shipped: ``streamlit run`` itself
        from streamlit.web import cli

        sys.argv = ["streamlit", "run", sys.argv[1], *sys.argv[2:]]
        sys.exit(cli.main())
    from vision.serve import main

    sys.exit(main(sys.argv[2:], script=sys.argv[1]))
