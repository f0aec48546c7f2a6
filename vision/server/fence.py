"""The fence around the server's changes to Streamlit and the Python runtime.

Each change (:class:`Change`) names the private names it relies on and, when it
relies on Streamlit, the Streamlit versions it was measured and tested with. At
start-up :func:`install` looks for them; when one is gone or the version differs, it
logs one warning that says which change stands down and why, and leaves Streamlit
as it is. The server then works as with plain ``streamlit run``, only slower under
load. ``tests/test_server_contract.py`` holds the same checks against the installed
Streamlit, so an upgrade that moves a name fails there before it reaches a server.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger("vision.server")

STREAMLIT_TESTED = ("1.67",)
"""Streamlit versions (major.minor) the changes were measured and tested with."""


@dataclass(frozen=True)
class Change:
    name: str                                   # short, for logs and the bench's switches
    what: str                                   # one line: what it changes
    apply: Callable[[], object]
    needs: tuple[str, ...] = ()                 # "module:attribute.path" that must exist
    check: Callable[[], list[str]] | None = None   # further checks; each string a problem
    streamlit: bool = True                      # tied to Streamlit's version


def _lookup(spec: str) -> object:
    module, _, attrs = spec.partition(":")
    obj = importlib.import_module(module)
    for part in attrs.split(".") if attrs else ():
        obj = getattr(obj, part)
    return obj


def problems(change: Change) -> list[str]:
    """What is missing for ``change``; empty when it can be applied."""
    found: list[str] = []
    if change.streamlit:
        import streamlit
        version = ".".join(streamlit.__version__.split(".")[:2])
        if version not in STREAMLIT_TESTED:
            found.append(f"Streamlit {streamlit.__version__} is not a tested version ({', '.join(STREAMLIT_TESTED)})")
    for spec in change.needs:
        try:
            _lookup(spec)
        except (ImportError, AttributeError):
            found.append(f"{spec} is missing")
    if change.check is not None and not found:
        found.extend(change.check())
    return found


def install(change: Change, leave_out: frozenset[str] | set[str] = frozenset()) -> bool:
    """Apply ``change`` if everything it needs is there; otherwise warn once and leave
    everything as it is. True when applied."""
    if change.name in leave_out:
        log.info("server change %r left out", change.name)
        return False
    missing = problems(change)
    if missing:
        log.warning("Visionsdag leaves %s as it is (server change %r stands down): %s",
                    "Streamlit" if change.streamlit else "Python", change.name, "; ".join(missing))
        return False
    change.apply()
    return True
