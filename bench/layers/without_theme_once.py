"""Layer switch: serve without the server change ``theme-once`` (``vision/server/theme_once.py``), to
measure it against all changes on (``bench/server_changes.py``). Run in the server
process before it starts (``BENCH_PROBE=bench/layers/without_theme_once.py``)."""

from vision.server import main

main.LEAVE_OUT.add("theme-once")
