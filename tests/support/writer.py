"""Line up write jobs behind a held writer, so a test knows exactly which jobs share
one commit and in which order the writer takes them."""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from typing import Callable

from vision.store import Store


@contextmanager
def writer_held(store: Store):
    """The writer is busy with a job that waits until the block ends; then everything
    queued meanwhile is taken together."""
    release, started = threading.Event(), threading.Event()

    def hold(cur):
        started.set()
        release.wait(30)

    holder = threading.Thread(target=store.write, args=(hold,))
    holder.start()
    assert started.wait(10), "the writer did not start the holding job"
    try:
        yield
    finally:
        release.set()
        holder.join(30)


class Queued:
    """Calls started one after another, each in its own thread, each queued at the
    writer before the next starts. ``results()`` waits for all of them: the return
    value, or the exception raised, by name."""

    def __init__(self, store: Store):
        self.store = store
        self.threads: list[threading.Thread] = []
        self.out: dict[str, object] = {}

    def add(self, name: str, call: Callable[[], object]) -> None:
        before = self.store.waiting

        def run():
            try:
                self.out[name] = call()
            except Exception as exc:  # noqa: BLE001 - the test looks at it
                self.out[name] = exc

        thread = threading.Thread(target=run)
        thread.start()
        self.threads.append(thread)
        deadline = time.monotonic() + 10
        while self.store.waiting == before:
            assert time.monotonic() < deadline, f"{name} never reached the writer"
            assert thread.is_alive() or name in self.out, f"{name} ended without writing"
            if not thread.is_alive():
                return
            time.sleep(0.001)

    def results(self) -> dict[str, object]:
        for thread in self.threads:
            thread.join(30)
            assert not thread.is_alive()
        return self.out
