"""Shared fixtures: each test gets its own DuckDB file, seeded with the demo events."""

from __future__ import annotations

from pathlib import Path

import pytest

from vision import events
from vision.store import Store

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "test.duckdb"


@pytest.fixture
def store(db_path):
    s = Store(db_path)
    events.seed_demo_events(s)
    yield s
    s.close()


@pytest.fixture
def empty_store(db_path):
    s = Store(db_path)
    yield s
    s.close()


from tests.apptest import app_db  # noqa: E402,F401 - the AppTest database fixture, for every test module
