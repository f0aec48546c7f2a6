"""Process-wide objects for pages: the store and the shared results cache."""

from __future__ import annotations

import hashlib

import streamlit as st

from vision import config
from vision.results import ResultsCache
from vision.store import Store


@st.cache_resource(show_spinner=False)
def get_store() -> Store:
    """The one Store of this server process (one DuckDB connection, one writer)."""
    return Store(config.load().db_path)


@st.cache_resource(show_spinner=False)
def get_results_cache() -> ResultsCache:
    return ResultsCache(min_interval=1.0)


def client_id() -> str:
    """A coarse, non-identifying key for rate limiting (hash of IP address)."""
    ip = st.context.ip_address
    ip = ip if isinstance(ip, str) and ip else "?"
    return hashlib.sha256(ip.encode()).hexdigest()[:16]


def show_error(err) -> None:
    from vision.ui.i18n import _

    msgid = getattr(err, "msgid", None)
    params = getattr(err, "params", {}) or {}
    st.error(_(msgid).format(**params) if msgid else str(err), icon="⚠️")


@st.cache_resource(show_spinner=False)
def _projector_choices() -> dict:
    return {}


def projector_choice(event_id: int):
    """What the big screen shows: 'auto', 'join', or a round id (set on the control page)."""
    return _projector_choices().get(event_id, "auto")


def set_projector_choice(event_id: int, choice) -> None:
    _projector_choices()[event_id] = choice
