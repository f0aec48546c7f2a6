"""Start the server: apply the changes (each fenced), then ``streamlit run`` the entry."""

from __future__ import annotations

import sys
from pathlib import Path

from vision import local_time
from vision.server import allocator, nodelay, quiet_gc, reconnect
from vision.server.fence import install

APP = Path(__file__).resolve().parent / "entry" / "asgi.py"   # app.py with the routes of vision.api

CHANGES = (allocator.CHANGE,       # first: before any other thread allocates
           nodelay.CHANGE, quiet_gc.CHANGE, reconnect.CHANGE)

LEAVE_OUT: set[str] = set()
"""Names of changes not to apply: for the bench, which measures each against all on
(``bench/layers/without_*.py``)."""


def apply_changes() -> list[str]:
    """Apply every change whose needs are met; the names of those applied."""
    return [change.name for change in CHANGES if install(change, LEAVE_OUT)]


def main(argv: list[str] | None = None, script: str | Path = APP) -> int:
    if not local_time.start_command():  # the day's time zone, before anything reads the clock
        return 2
    apply_changes()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(script), *(sys.argv[1:] if argv is None else argv)]
    return cli.main()
