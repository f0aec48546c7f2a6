"""The demo events' database, seeded once and copied for each test that needs it:
seeding reads and checks every data file and takes a second or more, a copy of the
file a few milliseconds."""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from vision import events
from vision.store import Store


def make_seeded(path: Path) -> Path:
    s = Store(path)
    events.seed_demo_events(s)
    s.close()                       # checkpointed: the file alone holds everything
    return path


def copy_of(seeded: Path, target: Path) -> Path:
    """A test's own copy of the seeded database at ``target``."""
    shutil.copyfile(seeded, target)
    return target


@functools.cache
def seeded_once() -> Path:
    """The process's seeded database, made on first use (for tests that cannot take a
    fixture, such as hypothesis state machines)."""
    folder = tempfile.TemporaryDirectory(prefix="visionsdag-seeded-")
    atexit.register(folder.cleanup)
    return make_seeded(Path(folder.name) / "seeded.duckdb")
