"""A small file system of its own (tmpfs) that a test can fill, mounted for the test."""

from __future__ import annotations

import os
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def small_disk(where: Path, mb: int):
    """Mount a tmpfs of ``mb`` MB at ``where``; skip the test when this process may not mount."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system (tmpfs) needs root")
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={mb}m", "tmpfs", str(where)], capture_output=True,
                          text=True)
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def fill(disk: Path, name: str = "filler") -> Path:
    """Write zeros into ``disk/name`` until the file system is full."""
    path = disk / name
    with open(path, "ab", buffering=0) as fh:
        for size in (1 << 20, 65536, 4096, 512):
            try:
                while True:
                    fh.write(b"\0" * size)
            except OSError:
                pass
    return path
