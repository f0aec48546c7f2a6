"""Where the bench server's memory is: one sample of what each part of the process holds.

    BENCH_MEMORY_FILE=/tmp/memory.jsonl python bench/load.py --day 5 --day-n 100

``bench/serve.py`` appends ``sample(stores)`` as one JSON line to ``BENCH_MEMORY_FILE``
every ``BENCH_MEMORY_EVERY`` seconds (20), for the stores it already records:

* the C heap as glibc sees it (``mallinfo2``: bytes in its arenas, in use, free, mapped);
* Python's small-object allocator (``sys._debugmallocstats``: arenas and bytes in use);
* the number of Python objects the collector tracks, threads, and Streamlit sessions
  (all, and those with a browser connected);
* DuckDB's own accounting for every store of the process (``duckdb_memory()`` by tag);
* DuckDB's bundled jemalloc, through the ``duckdb_je_mallctl`` it exports: bytes its
  callers hold (``allocated``), in pages it uses (``active``), resident, and the number
  of arenas (one per thread that has called into DuckDB, up to its limit);
* the resident memory of the process's mappings by kind (``/proc/self/smaps``): files,
  the main heap, glibc's other arenas (at 64 MiB boundaries), one-MiB anonymous maps
  (Python's arenas), eight-MiB ones (thread stacks) and all other anonymous
  memory (large blocks mapped on their own, and DuckDB's own allocator, jemalloc, whose
  memory neither glibc's nor DuckDB's accounting counts).

RSS itself is recorded by the benchmark; what none of these explains is outside all
three (DuckDB's allocator beyond its accounting, thread stacks, shared libraries).
Reading all objects and the allocator's statistics takes a few milliseconds of the
interpreter lock every time, so figures of latency from a sampled run are not reported.
"""

from __future__ import annotations

import ctypes
import gc
import io
import os
import re
import sys
import threading
import time


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks",
                 "keepcost")]


def mallinfo() -> _MallInfo2 | None:
    """glibc's statistics of the C heap, in bytes (``uordblks``: in use); None without glibc."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallinfo2.restype = _MallInfo2
        return libc.mallinfo2()
    except (OSError, AttributeError):
        return None


def _glibc() -> dict:
    m = mallinfo()
    if m is None:
        return {}
    mb = 2 ** 20
    return {"c_heap_mb": round(m.arena / mb, 1), "c_in_use_mb": round(m.uordblks / mb, 1),
            "c_free_mb": round(m.fordblks / mb, 1), "c_mapped_mb": round(m.hblkhd / mb, 1)}


def _python_allocator() -> dict:
    """``sys._debugmallocstats`` writes to the C stderr; read it through a pipe."""
    read, write = os.pipe()
    saved = os.dup(2)
    sys.stderr.flush()
    try:
        os.dup2(write, 2)
        sys._debugmallocstats()
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(write)
    with io.open(read, "r", errors="replace") as fh:
        text = fh.read()
    out = {}
    for key, label in (("py_arenas", r"arenas allocated current"), ("py_allocated_bytes", r"bytes in allocated blocks")):
        found = re.search(label + r"\s*=\s*([\d,]+)", text)
        if found:
            out[key] = int(found.group(1).replace(",", ""))
    if "py_allocated_bytes" in out:
        out["py_allocated_mb"] = round(out.pop("py_allocated_bytes") / 2 ** 20, 1)
    return out


def _sessions() -> dict:
    try:
        from streamlit.runtime import Runtime

        manager = Runtime.instance()._session_mgr
        return {"sessions": len(manager.list_sessions()), "connected": len(manager.list_active_sessions())}
    except Exception:  # noqa: BLE001 - before the runtime exists
        return {}


def _duckdb(stores) -> dict:
    tags: dict[str, float] = {}
    for store in stores:
        try:
            for tag, used in store.query("SELECT tag, memory_usage_bytes FROM duckdb_memory() "
                                         "WHERE memory_usage_bytes > 0"):
                tags[tag] = round(tags.get(tag, 0.0) + used / 2 ** 20, 1)
        except Exception:  # noqa: BLE001 - a closed store
            continue
    return {"duckdb_mb": tags}


def _jemalloc() -> dict:
    """DuckDB's jemalloc statistics (refreshed by writing its ``epoch``), or nothing."""
    try:
        import duckdb

        lib = ctypes.CDLL(duckdb.__file__ if duckdb.__file__.endswith(".so") else _duckdb_library())
        ctl = lib.duckdb_je_mallctl
    except (OSError, AttributeError, ImportError):
        return {}
    ctl.argtypes = [ctypes.c_char_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_size_t), ctypes.c_void_p,
                    ctypes.c_size_t]
    epoch = ctypes.c_uint64(1)
    size = ctypes.c_size_t(8)
    ctl(b"epoch", ctypes.byref(epoch), ctypes.byref(size), ctypes.byref(epoch), 8)
    out = {}
    for name in ("allocated", "active", "resident", "retained", "metadata"):
        value, size = ctypes.c_size_t(0), ctypes.c_size_t(ctypes.sizeof(ctypes.c_size_t))
        if ctl(f"stats.{name}".encode(), ctypes.byref(value), ctypes.byref(size), None, 0) == 0:
            out[f"je_{name}_mb"] = round(value.value / 2 ** 20, 1)
    arenas, size = ctypes.c_uint(0), ctypes.c_size_t(ctypes.sizeof(ctypes.c_uint))
    if ctl(b"arenas.narenas", ctypes.byref(arenas), ctypes.byref(size), None, 0) == 0:
        out["je_arenas"] = arenas.value
    return out


def _duckdb_library() -> str:
    import glob

    import duckdb

    here = os.path.dirname(os.path.dirname(duckdb.__file__))
    return next(iter(glob.glob(os.path.join(here, "_duckdb*.so"))), "")


_SMAPS_HEADER = re.compile(r"^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$")
MIB = 2 ** 20


def _mapping_kind(start: int, size: int, path: str) -> str:
    if path == "[heap]":
        return "heap"
    if path.startswith("[stack"):
        return "stacks"
    if path and not path.startswith("["):
        return "files"
    if start % (64 * MIB) == 0:          # glibc places its other arenas at 64 MiB boundaries
        return "glibc_arenas"
    if size == MIB:
        return "anon_1mib"
    if size == 8 * MIB:                   # a thread's stack (its guard page is a mapping apart)
        return "stacks"
    return "anon_other"


def mappings() -> dict:
    """Resident MB of the process's mappings by kind, from ``/proc/self/smaps``."""
    try:
        with open("/proc/self/smaps", encoding="utf-8", errors="replace") as fh:
            smaps = fh.read()
    except OSError:
        return {}
    out: dict[str, float] = {}
    kind = None
    for line in smaps.splitlines():
        header = _SMAPS_HEADER.match(line)
        if header:
            start, end = int(header.group(1), 16), int(header.group(2), 16)
            kind = _mapping_kind(start, end - start, header.group(3).strip())
        elif line.startswith("Rss:") and kind is not None:
            out[kind] = out.get(kind, 0.0) + int(line.split()[1]) * 1024
    return {f"rss_{kind}_mb": round(value / MIB, 1) for kind, value in sorted(out.items())}


def sample(stores) -> dict:
    """One sample of the process's memory, by part; ``stores`` are its open stores."""
    record = {"time": time.time(), "objects": len(gc.get_objects()), "threads": threading.active_count()}
    record.update(_glibc())
    record.update(_python_allocator())
    record.update(_sessions())
    record.update(_duckdb(stores))
    record.update(_jemalloc())
    record.update(mappings())
    return record
