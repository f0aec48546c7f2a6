"""Reads that a hall makes at the same moment, made once: a value kept for a short time per
store and key, and while one thread reads a key the others asking for it wait for that read
instead of reading too (a hall that scans the QR code at once reads the join form's data
once, not three hundred times).

A value is never older than ``ttl`` seconds, counted from when its read began, so a change
shows at most ``ttl`` later. A read that raises is not kept. Nothing here decides whether
anything may be saved: every save judges its rules inside its own transaction.
"""

from __future__ import annotations

import threading
import time
import weakref
from typing import Callable, Generic, Hashable, TypeVar

from vision.store import Store

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

_GATES = 64   # striped locks: one read at a time per key, without a lock per key ever asked for


class TtlMemo(Generic[K, V]):
    def __init__(self, ttl: float):
        self.ttl = ttl
        self._lock = threading.Lock()
        self._gates = [threading.Lock() for _ in range(_GATES)]
        self._entries: weakref.WeakKeyDictionary[Store, dict[K, tuple[float, V]]] = weakref.WeakKeyDictionary()

    def peek(self, store: Store, key: K) -> V | None:
        """The kept value if its read began less than ``ttl`` ago (no database), else None."""
        with self._lock:
            hit = self._entries.get(store, {}).get(key)
        return hit[1] if hit is not None and time.monotonic() - hit[0] < self.ttl else None

    def get(self, store: Store, key: K, read: Callable[[], V]) -> V:
        """The kept value, or ``read()`` once for everyone asking for ``key`` now."""
        value = self.peek(store, key)
        if value is not None:
            return value
        with self._gates[hash((id(store), key)) % _GATES]:
            value = self.peek(store, key)         # another thread may have read it meanwhile
            if value is not None:
                return value
            began = time.monotonic()
            value = read()
            with self._lock:
                self._entries.setdefault(store, {})[key] = (began, value)
            return value

    def drop(self, key: K | None = None) -> None:
        """Forget ``key`` (every key: None) in every store, so the next ask reads afresh."""
        with self._lock:
            for entries in self._entries.values():
                if key is None:
                    entries.clear()
                else:
                    entries.pop(key, None)
