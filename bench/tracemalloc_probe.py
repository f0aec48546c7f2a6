"""A ``BENCH_PROBE``: what Python allocated that is still held, and where, over a day.

    BENCH_PROBE=bench/tracemalloc_probe.py BENCH_TRACEMALLOC_FILE=/tmp/traces.txt \
        python bench/load.py --live-day 30 --day-n 150 ...

Traces every allocation of the server's Python (``tracemalloc``, ``BENCH_TRACEMALLOC_FRAMES``
frames deep, 8) and every ``BENCH_TRACEMALLOC_EVERY`` seconds (240) appends to the file the
total held and the tracebacks whose held memory grew most since the first snapshot.
Memory that C code allocates itself (DuckDB, protobuf's messages) is not traced, so a
growth of the process that these totals do not show is outside Python. Tracing makes
the server several times slower: its latencies are not figures.
"""

import os
import threading
import time
import tracemalloc

tracemalloc.start(int(os.environ.get("BENCH_TRACEMALLOC_FRAMES", "8")))
OUT = os.environ.get("BENCH_TRACEMALLOC_FILE", "/tmp/visionsdag-traces.txt")
EVERY = float(os.environ.get("BENCH_TRACEMALLOC_EVERY", "240"))


def _dump() -> None:
    first = None
    started = time.monotonic()
    while True:
        time.sleep(EVERY)
        snap = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(False, tracemalloc.__file__)])
        held = sum(s.size for s in snap.statistics("filename"))
        lines = [f"== minute {(time.monotonic() - started) / 60:.1f}: {held / 2**20:.1f} MB held by Python"]
        if first is None:
            first = snap
        else:
            for stat in snap.compare_to(first, "traceback")[:12]:
                lines.append(f"-- {stat.size_diff / 2**20:+.2f} MB ({stat.count_diff:+d} blocks), now {stat.size / 2**20:.2f} MB")
                lines.extend("   " + line for line in stat.traceback.format(limit=8))
        with open(OUT, "a") as fh:
            fh.write("\n".join(lines) + "\n")


threading.Thread(target=_dump, name="bench-tracemalloc", daemon=True).start()
