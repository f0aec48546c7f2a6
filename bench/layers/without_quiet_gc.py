"""Layer switch: serve without the server change ``quiet-gc`` (``vision/server/quiet_gc.py``), to
measure it against all changes on (``bench/server_changes.py``). Run in the server
process before it starts (``BENCH_PROBE=bench/layers/without_quiet_gc.py``)."""

from vision.server import main

main.LEAVE_OUT.add("quiet-gc")
