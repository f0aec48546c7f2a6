"""Layer switch: serve without the server change ``nodelay`` (``vision/server/nodelay.py``), to
measure it against all changes on (``bench/server_changes.py``). Run in the server
process before it starts (``BENCH_PROBE=bench/layers/without_nodelay.py``)."""

from vision.server import main

main.LEAVE_OUT.add("nodelay")
