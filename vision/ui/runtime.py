"""Process-wide objects for pages: the store and the shared results cache."""

from __future__ import annotations

import duckdb

import streamlit as st

from vision import backups, clientaddr, config
from vision.errors import STORE_BUSY, UserError
from vision.participants import client_key
from vision.results import ResultsCache
from vision.store import Store, held_by_another_process


@st.cache_resource(show_spinner=False)
def _open_store() -> Store:
    cfg = config.load()
    store = Store(cfg.db_path)
    backups.start_schedule(store, cfg)       # a copy every few minutes while the day is written
    return store


def get_store() -> Store:
    """The one Store of this server process (one DuckDB connection, one writer).

    DuckDB lets one process hold the file. If another process holds it (a second
    server, a command-line backup), the page says so and stops instead of showing
    a traceback; the next run tries again."""
    try:
        return _open_store()
    except duckdb.IOException as exc:
        if not held_by_another_process(exc):
            raise
        from vision.ui.i18n import _

        st.error(_(STORE_BUSY), icon=":material/error:")
        st.stop()


def store_for_requests() -> Store:
    """The same Store, for a request outside any script run (``vision.api``)."""
    return _open_store()


@st.cache_resource(show_spinner=False)
def get_results_cache() -> ResultsCache:
    # Recomputed at most twice a second: with the projector's half-second refresh this keeps
    # a vote's way to the big screen under two seconds (docs/performance.md).
    return ResultsCache(min_interval=0.5)


def client_id() -> str:
    """A coarse, non-identifying key for rate limiting of this tab's client, also behind the
    door (``vision.clientaddr``). Streamlit reports a loopback peer as None."""
    return client_key(clientaddr.client_address(st.context.ip_address or "127.0.0.1",
                                                st.context.headers.get_all("x-forwarded-for")))


def show_error(err) -> None:
    from vision.ui.i18n import current_language

    text = err.text(current_language()) if isinstance(err, UserError) else str(err)
    st.error(text, icon=":material/error:")
