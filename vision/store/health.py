"""Whether writes reach the disk: the store's write health.

A write that cannot reach the disk (a full file system, a read-only or failing one)
fails inside DuckDB in one of two ways, measured with DuckDB 2.0 on a full tmpfs:

* the commit cannot append to the write-ahead log: a ``TransactionException`` ("Failed
  to commit: Could not write file …: No space left on device"). The transaction is
  gone, nothing of it is on disk, and the next commit may succeed once there is room;
* a checkpoint cannot write the database file: a ``FatalException``, after which the
  database instance refuses every statement, reads too, until it is opened again.

The writer records both here. While writes fail, every save is refused with
:class:`StoreWriteError` (never confirmed), the log gets one line when the failing
starts and one when it ends, and the organiser's page reads :meth:`WriteHealth.state`.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import duckdb

_DISK_WORDS = ("no space left", "disk quota", "could not write", "read-only file system",
               "input/output error", "could not fsync", "could not truncate", "could not open file")


class StoreWriteError(RuntimeError):
    """A write that could not be stored because the disk refused it; nothing of it is kept."""


def is_write_failure(exc: BaseException) -> bool:
    """Whether ``exc`` says the disk refused a write (rather than a rule or a conflict)."""
    if isinstance(exc, (StoreWriteError, duckdb.FatalException, OSError)):
        return True
    if isinstance(exc, (duckdb.IOException, duckdb.TransactionException)):
        text = str(exc).lower()
        return any(word in text for word in _DISK_WORDS)
    return False


def invalidates(exc: BaseException) -> bool:
    """Whether the database instance must be opened again before it can be used."""
    return isinstance(exc, duckdb.FatalException) or "invalidated" in str(exc).lower()


@dataclass(frozen=True)
class HealthState:
    failing_since: float | None     # time.time() of the first failure in a row, None while writes succeed
    failures: int                   # writes refused since then
    reason: str | None              # the first line of the last failure
    last_ok: float | None           # time.time() of the last commit


class WriteHealth:
    """Failures and successes of the writer, read by any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._failing_since: float | None = None
        self._failures = 0
        self._reason: str | None = None
        self._last_ok: float | None = None

    def failed(self, exc: BaseException, jobs: int = 1) -> bool:
        """Record ``jobs`` writes refused by the disk; True when this starts a failing spell."""
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]
        with self._lock:
            first = self._failing_since is None
            if first:
                self._failing_since = time.time()
                self._failures = 0
            self._failures += jobs
            self._reason = reason
            return first

    def succeeded(self) -> int:
        """Record a commit; returns how many writes were refused in the spell it ends (0: none)."""
        with self._lock:
            self._last_ok = time.time()
            if self._failing_since is None:
                return 0
            ended, self._failing_since, self._failures = self._failures, None, 0
            return ended

    @property
    def failing(self) -> bool:
        return self._failing_since is not None

    def state(self) -> HealthState:
        with self._lock:
            return HealthState(self._failing_since, self._failures, self._reason, self._last_ok)
