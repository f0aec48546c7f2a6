"""Shared fixtures (each test gets its own DuckDB file, seeded with the demo events),
and the test tiers.

Every test gets one tier marker (``pytest.ini``), from what it uses rather than from a
mark in its file, so a new test gets one too:

* ``browser``: under ``tests/e2e/`` (Chromium against a real server);
* ``server``: it or one of its fixtures starts a real server (``StreamlitServer``, the
  bench's servers, ``bench/chaos.py``);
* ``apptest``: it or one of its fixtures runs pages in ``AppTest`` (``app_db``);
* ``store``: it uses a database (``store``, ``empty_store``, ``db_path``, ``Store(``);
* ``unit``: the rest.

``make test-fast`` runs ``-m "not server and not browser"``; ``make test`` runs them all on
two workers (pytest-xdist, ``--dist loadgroup``).
"""

from __future__ import annotations

import atexit
import functools
import inspect
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.support.seeded import copy_of, seeded_once
from vision.store import Store

ROOT = Path(__file__).resolve().parent.parent

# The files a run writes (database, uploads, backups, logins) go to a folder of this test
# process, never to data/ or secrets/ of the work tree: `make test` exports VISIONSDAG_DB,
# and two workers (pytest-xdist) must not share a file. A test or a server that needs its
# own sets its own (monkeypatch, StreamlitServer).
_RUN_DIR = Path(tempfile.mkdtemp(prefix=f"visionsdag-tests-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-"))
atexit.register(shutil.rmtree, _RUN_DIR, True)
os.environ.update({
    "VISIONSDAG_DB": str(_RUN_DIR / "visionsdag.duckdb"),
    "VISIONSDAG_UPLOAD_DIR": str(_RUN_DIR / "uploads"),
    "VISIONSDAG_BACKUP_DIR": str(_RUN_DIR / "backups"),
    "VISIONSDAG_CREDENTIALS": str(_RUN_DIR / "credentials.yaml"),
})

import tests.support.examples  # noqa: E402,F401 - the Hypothesis profiles (full, fast)
from vision import local_time  # noqa: E402

# The day's time zone, as every command of the app sets it (vision/local_time.py): the tests'
# own timestamps and those of the servers they start (which inherit TZ) then agree.
local_time.use_day_zone()

# bcrypt's lowest cost for the logins the tests make: a hash, and each login against it, then
# takes milliseconds instead of a quarter of a second (about 7 s of the fast tier's CPU).
# The product's own cost is checked in a fresh process (tests/test_staff.py).
from vision import users  # noqa: E402

users.BCRYPT_ROUNDS = 4


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "test.duckdb"


@pytest.fixture(scope="session")
def seeded_db() -> Path:
    """A database with the demo events, made once for the session; tests copy it."""
    return seeded_once()


@pytest.fixture
def store(db_path, seeded_db):
    s = Store(copy_of(seeded_db, db_path))
    yield s
    s.close()


@pytest.fixture
def empty_store(db_path):
    s = Store(db_path)
    yield s
    s.close()


from tests.apptest import app_db  # noqa: E402,F401 - the AppTest database fixture, for every test module

TIERS = ("browser", "server", "apptest", "store", "unit")          # the first that applies
_SIGNS = {
    "server": re.compile(r"StreamlitServer\(|ProxiedServer\(|BenchServer\(|\bload\.run_|\blive_server\b"
                         r"|bench/chaos\.py"),
    "apptest": re.compile(r"\bAppTest\b|\bapp_db\b"),
    "store": re.compile(r"\bStore\(|\b(store|empty_store|db_path)\b|duckdb\.connect\("),
}


@functools.cache
def _source(func) -> str:
    try:
        return inspect.getsource(func)
    except (OSError, TypeError):
        return ""


@functools.cache
def _helpers(module) -> dict[str, str]:
    """The module's own functions (helpers a test calls), with their sources."""
    return {name: _source(obj) for name, obj in vars(module).items()
            if inspect.isfunction(obj) and obj.__module__ == module.__name__ and not name.startswith("test")}


def tier(item: pytest.Item) -> str:
    """The item's tier: what it, its fixtures and the module's helpers it calls use."""
    if "e2e" in Path(str(item.fspath)).parts:
        return "browser"
    texts = [_source(getattr(item, "function", None))]
    info = getattr(item, "_fixtureinfo", None)
    texts += list(getattr(item, "fixturenames", ()))
    for name in getattr(item, "fixturenames", ()):
        for fixture in (info.name2fixturedefs.get(name, ()) if info else ()):
            if not fixture.func.__module__.startswith("_pytest"):
                texts.append(_source(fixture.func))
    module = getattr(item, "module", None)
    if module is not None:
        helpers = _helpers(module)
        called = "\n".join(texts)
        texts += [src for name, src in helpers.items() if re.search(rf"\b{re.escape(name)}\(", called)]
    text = "\n".join(texts)
    for name in ("server", "apptest", "store"):
        if _SIGNS[name].search(text):
            return name
    return "unit"


_SHARED_FIXTURE = re.compile(r"""scope\s*=\s*["'](module|class|package)["']""")


@functools.cache
def stays_on_one_worker(path: str) -> bool:
    """Whether a test file's tests must run in one worker process: a browser test file (its
    tests share a server and may build on the state the one before left), or a file with a
    fixture that lives longer than a test (a module's server, a module's Chromium)."""
    if path.startswith("tests/e2e/"):
        return True
    try:
        return bool(_SHARED_FIXTURE.search((ROOT / path).read_text(encoding="utf-8")))
    except OSError:
        return False


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """``--dist loadgroup``: every test is a unit of work of its own, except the files that
    must stay on one worker (``stays_on_one_worker``), which are one unit each. (xdist's own
    ``xdist_group`` marks do nothing under pytest 9: the worker renames ``item._nodeid``,
    which pytest 9 no longer reads.) The units go out in collection order, slowest tier
    first (``--no-loadscope-reorder``)."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ByFileWhereShared(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return path if stays_on_one_worker(path) else nodeid

    return ByFileWhereShared(config, log)


def pytest_collection_modifyitems(config, items):
    """Give every test its tier, and run the slowest tiers first, so that on two workers the
    short tests fill the gaps at the end instead of one long file running alone."""
    tiers = {}
    for item in items:
        tiers[item.nodeid] = name = tier(item)
        item.add_marker(getattr(pytest.mark, name))
    items.sort(key=lambda item: TIERS.index(tiers[item.nodeid]))   # stable: file order within a tier
