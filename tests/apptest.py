"""Helpers for AppTest runs of the real pages on a temporary database."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from testkit.components_once import scan_components_once
from testkit.page_code_once import compile_pages_once
from tests.support.seeded import copy_of
from vision.store import Store

ROOT = Path(__file__).resolve().parent.parent

scan_components_once()          # 0.25 s less for every AppTest (testkit/components_once.py)
compile_pages_once()            # a page is compiled once per process, as a server does (testkit/page_code_once.py)


@pytest.fixture
def app_db(tmp_path, monkeypatch, seeded_db):
    """A seeded database file the pages will open, and a Store on it for the test's own checks.

    The app's cached store and the test share the process, so they share one Store.
    The file is a copy of the session's seeded database (``tests/conftest.py``).
    """
    path = tmp_path / "app.duckdb"
    copy_of(seeded_db, path)
    monkeypatch.setenv("VISIONSDAG_DB", str(path))
    monkeypatch.setenv("VISIONSDAG_ENV", "development")
    monkeypatch.setenv("VISIONSDAG_CREDENTIALS", str(tmp_path / "credentials.yaml"))
    st.cache_resource.clear()
    st.cache_data.clear()
    from vision.ui.runtime import get_store

    store = get_store()
    yield store
    store.close()
    st.cache_resource.clear()
    st.cache_data.clear()


def run(script: str, *, params: dict | None = None, role: str | None = None, timeout: float = 30) -> AppTest:
    at = AppTest.from_file(str(ROOT / script), default_timeout=timeout)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    if role:
        at.session_state["role"] = role
        at.session_state["username"] = f"test-{role}"
    return at.run()


def texts(at: AppTest) -> str:
    """All visible text of a run, for simple assertions."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "text", "info", "success", "error",
                 "warning"):
        parts += [getattr(e, "value", "") or "" for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


__all__ = ["AppTest", "Store", "app_db", "run", "texts"]
