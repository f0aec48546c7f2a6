"""Run a snippet in a Python process of its own, for settings that hold for a whole
process (the collector's, the C allocator's) or memory that must be measured alone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def in_a_fresh_process(code: str, *args: str, **env: str) -> dict:
    """Run ``code`` with ``args`` from the project's root and return the JSON of its last line."""
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=240, env={**os.environ, **env})   # a ceiling: two busy workers are slow
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@contextmanager
def threads_holding(n: int, allocate: Callable[[], object]):
    """``n`` threads that each keep what ``allocate()`` returned until the block ends:
    for snippets that look at how the C allocator serves threads."""
    held: list = []
    ready, done = threading.Barrier(n + 1), threading.Event()

    def hold() -> None:
        held.append(allocate())
        ready.wait()
        done.wait()

    threads = [threading.Thread(target=hold) for _ in range(n)]
    for t in threads:
        t.start()
    ready.wait()
    try:
        yield held
    finally:
        done.set()
        for t in threads:
            t.join()
