"""Moved to ``testkit.server`` (shared with the bench); kept so older imports work."""

from testkit.server import *  # noqa: F401,F403
