"""Moved to ``testkit.fresh_process`` (shared with the bench); kept so older imports work."""

from testkit.fresh_process import *  # noqa: F401,F403
