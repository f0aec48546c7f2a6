"""Run in the server process before it starts (``BENCH_PROBE=bench/layers/no_refresh.py``):
the store never closes and reopens its database (as before the refresh), to measure
what the refresh changes in memory and in the latency of saves."""

from vision.store import core

core.Store.__init__.__kwdefaults__["refresh_after"] = None
