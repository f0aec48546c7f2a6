"""Moved to ``testkit.stproto`` (shared with the bench); kept so older imports work."""

from testkit.stproto import *  # noqa: F401,F403
