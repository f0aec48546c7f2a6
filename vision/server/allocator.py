"""The C heap is kept compact over a long day.

glibc gives each thread that allocates an arena of its own, up to sixteen on two cores,
and raises the size above which a block gets a mapping of its own each time such a
block is freed; the server's many threads and its large, short-lived messages
(figures, pages) then leave free gaps in many arenas. Two arenas and a fixed 128 KiB
threshold are set before any thread starts (``VISIONSDAG_ALLOCATOR=glibc`` leaves
glibc's defaults).
"""

from __future__ import annotations

import ctypes

from vision import config
from vision.server.fence import Change

ALLOCATOR_ARENAS = 2
MMAP_THRESHOLD = 128 * 1024
_M_MMAP_THRESHOLD, _M_ARENA_MAX = -3, -8         # glibc's <malloc.h>


def _mallopt():
    return ctypes.CDLL("libc.so.6").mallopt


def tune_the_allocator(arenas: int = ALLOCATOR_ARENAS, mmap_threshold: int = MMAP_THRESHOLD) -> bool:
    """Set glibc's allocator for a long-running process of many threads: at most
    ``arenas`` heap arenas, and large blocks always in mappings of their own. False where
    the C library is not glibc, or ``VISIONSDAG_ALLOCATOR=glibc`` asks for its defaults."""
    if not config.allocator_tuned():
        return False
    try:
        mallopt = _mallopt()
    except (OSError, AttributeError):
        return False
    return mallopt(_M_ARENA_MAX, arenas) == 1 and mallopt(_M_MMAP_THRESHOLD, mmap_threshold) == 1


def _check() -> list[str]:
    try:
        _mallopt()
    except (OSError, AttributeError):
        return ["the C library is not glibc (no mallopt in libc.so.6)"]
    return []


CHANGE = Change(
    name="allocator",
    what="glibc's allocator keeps two arenas and maps blocks over 128 KiB",
    apply=tune_the_allocator,
    check=_check,
    streamlit=False,
)
