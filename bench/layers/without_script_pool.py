"""Layer switch: serve without the server change ``script-pool`` (``vision/server/script_pool.py``), to
measure it against all changes on (``bench/server_changes.py``). Run in the server
process before it starts (``BENCH_PROBE=bench/layers/without_script_pool.py``)."""

from vision.server import main

main.LEAVE_OUT.add("script-pool")
