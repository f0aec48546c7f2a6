"""The memory probe (``testkit/memory_probe.py``) that the bench's server samples tells
where a process's memory is."""

from __future__ import annotations

MAPPINGS_CHECK = """
import ctypes, json
from testkit.memory_probe import mappings
from testkit.fresh_process import threads_holding

libc = ctypes.CDLL("libc.so.6")
libc.malloc.restype = ctypes.c_void_p

def twenty_mb():                     # in 50 kB blocks, from the thread's own arena
    blocks = [libc.malloc(50_000) for _ in range(400)]
    for block in blocks:
        ctypes.memset(block, 1, 50_000)
    return blocks

before = mappings()
with threads_holding(4, twenty_mb):
    large = bytearray(b"x" * 30_000_000)     # a block mapped on its own
    after = mappings()
    rss = int(open("/proc/self/status").read().split("VmRSS:")[1].split()[0]) / 1024
print(json.dumps({"before": before, "after": after, "rss_mb": rss}))
"""


def test_the_memory_probe_tells_the_kinds_of_memory_apart():
    """Blocks of other threads' arenas and a block mapped on its own land in their own kinds,
    and the kinds add up to the process's RSS."""
    from testkit.fresh_process import in_a_fresh_process

    out = in_a_fresh_process(MAPPINGS_CHECK)
    before, after = out["before"], out["after"]
    grew = {k: after.get(k, 0) - before.get(k, 0) for k in after}
    assert grew["rss_glibc_arenas_mb"] > 0.6 * 80      # four threads × 20 MB; some may share an arena
    assert 28 < grew["rss_anon_other_mb"] < 40            # the 30 MB block
    assert abs(sum(after.values()) - out["rss_mb"]) < 0.05 * out["rss_mb"]


def test_the_memory_probe_reads_duckdbs_own_allocator():
    """What DuckDB's bundled jemalloc holds rises while a query holds a large result and is
    counted apart from glibc's heap."""
    from testkit.fresh_process import in_a_fresh_process

    out = in_a_fresh_process(r"""
import json, duckdb
from testkit.memory_probe import _jemalloc
con = duckdb.connect()
before = _jemalloc()
con.execute("CREATE TABLE t AS SELECT range AS i, md5(range::VARCHAR) AS s FROM range(1000000)")
during = _jemalloc()
print(json.dumps({"before": before, "during": during}))
""")
    before, during = out["before"], out["during"]
    assert set(during) >= {"je_allocated_mb", "je_active_mb", "je_resident_mb", "je_arenas"}
    assert during["je_allocated_mb"] - before["je_allocated_mb"] > 20      # a million 32-byte strings and more
    assert during["je_resident_mb"] >= during["je_active_mb"] >= during["je_allocated_mb"]
