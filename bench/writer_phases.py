"""Probe: where the database writer's time goes, phase by phase.

Run in the server process before it starts::

    BENCH_PROBE=bench/writer_phases.py BENCH_WRITER_FILE=/tmp/writer.json \\
        python bench/load.py --n 500 --modes burst --no-floor

It times each transaction's ``BEGIN``, its jobs, its ``COMMIT`` and the ballots' write
inside the jobs, in wall time and in the writer thread's CPU time, and writes the sums
to ``BENCH_WRITER_FILE`` every second. Wall time far above CPU time is the writer
waiting: for the interpreter lock after a call into DuckDB, or for DuckDB itself.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections import defaultdict
from pathlib import Path

from vision.store import core
from vision.store import queries as q

_stats: dict[str, list] = defaultdict(lambda: [0, 0.0, 0.0])    # phase -> [calls, wall s, cpu s]


def _timed(phase: str, fn, *args):
    wall, cpu = time.perf_counter(), time.thread_time()
    try:
        return fn(*args)
    finally:
        s = _stats[phase]
        s[0] += 1
        s[1] += time.perf_counter() - wall
        s[2] += time.thread_time() - cpu


_original_transaction = core.Store._try_transaction


def _try_transaction(self, cur, jobs, raise_errors=False):
    """The store's transaction, timed by phase (a failing batch falls back to the original)."""
    try:
        _timed("begin", cur.execute, "BEGIN TRANSACTION")
        results = _timed("jobs", self._run_jobs, cur, jobs)
        _timed("commit", cur.execute, "COMMIT")
        return results
    except Exception:  # noqa: BLE001 - roll back, then let the original retry and report
        self._rollback(cur)
        return _original_transaction(self, cur, jobs, raise_errors)


_original_replace = q.replace_ballots


def _replace_ballots(con, ballots):
    return _timed("replace_ballots", _original_replace, con, ballots)


def _dump(path: Path) -> None:
    while True:
        time.sleep(1.0)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({k: {"calls": n, "wall_s": w, "cpu_s": c} for k, (n, w, c) in _stats.items()}))
        tmp.replace(path)


core.Store._try_transaction = _try_transaction
q.replace_ballots = _replace_ballots
threading.Thread(target=_dump, args=(Path(os.environ.get("BENCH_WRITER_FILE", "/tmp/writer-phases.json")),),
                 name="bench-writer-phases", daemon=True).start()
