"""Every server change can be left out by the bench (``bench/server_changes.py`` measures
each against all on): a change without its switch stopped the whole comparison midway."""

from __future__ import annotations

import runpy

from bench.server_changes import LAYERS, switches
from vision.server import main


def test_every_server_change_has_a_switch_that_leaves_it_out():
    left_out = {name: path for name, path in switches() if path is not None}
    assert sorted(left_out) == sorted(f"without {c.name}" for c in main.CHANGES)
    try:
        for change in main.CHANGES:
            main.LEAVE_OUT.clear()
            path = left_out[f"without {change.name}"]
            assert path.parent == LAYERS and path.exists(), path
            runpy.run_path(str(path))
            assert main.LEAVE_OUT == {change.name}
    finally:
        main.LEAVE_OUT.clear()          # this process's servers, if any, apply every change
