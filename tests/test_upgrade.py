"""Upgrades: a database file left by an earlier release, full of a day, opens in this
version with its day intact; a migration to a next schema version applies; and a
migration that fails or is killed leaves the old file as it was, usable by the old
version.

The files are real ones: ``tests/fixtures/day-v<N>.duckdb.gz``, made by
``tests/fixtures/make_day_file.py`` with the schema of release N.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.fixtures.make_day_file import HERE, VOTERS, day_values, fixture_path, unpack
from tests.support.examples import spread
from vision import ballots, events, participants
from vision.store import SCHEMA_VERSION, SchemaTooNewError, Store
from vision.store import core

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted(HERE.glob("day-v*.duckdb.gz"))


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _snapshot(path: Path) -> dict[str, tuple[list[str], list[tuple]]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables "
                                            "WHERE table_schema = 'main' ORDER BY 1").fetchall()]
        out = {}
        for t in tables:
            cols = [r[0] for r in con.execute("SELECT column_name FROM information_schema.columns WHERE "
                                              "table_name = ? ORDER BY ordinal_position", [t]).fetchall()]
            out[t] = (cols, sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr))
        return out
    finally:
        con.close()


def _same_day(before: dict, store: Store) -> None:
    """Every row of every table of the old file is in the new one (in the old columns)."""
    for table, (cols, rows) in before.items():
        if table == "schema_version":
            continue
        listed = ", ".join(f'"{c}"' for c in cols)
        after = sorted(store.query(f'SELECT {listed} FROM "{table}"'), key=repr)
        assert after == rows, table


def test_this_release_has_a_day_file_of_its_schema():
    assert fixture_path(SCHEMA_VERSION).exists(), (
        f"no day file of schema version {SCHEMA_VERSION}: run .venv/bin/python -m tests.fixtures.make_day_file "
        "and commit the file, so the next version's upgrade is tested on it")


@pytest.mark.parametrize("packed", FIXTURES, ids=[p.name for p in FIXTURES])
def test_a_file_of_an_earlier_release_opens_with_its_day(packed, tmp_path):
    db = unpack(packed, tmp_path / "day.duckdb")
    before = _snapshot(db)
    store = Store(db)
    try:
        assert core.current_version(store.cursor()) == SCHEMA_VERSION
        _same_day(before, store)
        event = events.get_event(store, "TEMA17")
        scoring = next(r for r in events.rounds(store, event.id) if r.kind == "scoring")
        content = events.event_content(store, event.id)
        criteria = tuple(c.key for c in content["criteria"])
        drafts = [d.id for d in content["drafts"] if d.status == "approved"]
        tokens = [r[0] for r in store.query("SELECT t.token FROM participant_tokens t JOIN participants p ON "
                                            "p.id = t.participant_id WHERE p.event_id = ? ORDER BY p.id", [event.id])]
        assert len(tokens) == VOTERS
        for i, token in enumerate(tokens):
            person = participants.resolve(store, event.code, token)[1]
            mine = ballots.my_answers(store, person, scoring.id)["ballots"]
            assert {d: mine[d]["scores"] for d in mine} == {d: day_values(i, criteria, n) for n, d in enumerate(drafts)}
        # the day goes on in the upgraded file
        events.open_round(store, "test", event.id, scoring.id)
        person = participants.resolve(store, event.code, tokens[0])[1]
        ballots.save_scores(store, person, tokens[0], scoring.id, drafts[0], {criteria[0]: 5})
    finally:
        store.close()


NEXT = "ALTER TABLE scores ADD COLUMN weight INTEGER DEFAULT 1;\nCREATE TABLE notes (id INTEGER PRIMARY KEY, body VARCHAR);\n"


@pytest.fixture
def next_version(monkeypatch, tmp_path):
    """Make this process a version with one more migration, written by the test."""
    def add(sql: str) -> int:
        path = tmp_path / "schema_next.sql"
        path.write_text(sql, encoding="utf-8")
        monkeypatch.setattr(core, "MIGRATIONS", [*core.MIGRATIONS, path])
        monkeypatch.setattr(core, "SCHEMA_VERSION", len(core.MIGRATIONS))
        return core.SCHEMA_VERSION
    yield add
    monkeypatch.undo()


def test_the_next_version_migrates_the_file_and_keeps_the_old_one_beside_it(next_version, tmp_path):
    db = unpack(fixture_path(), tmp_path / "day.duckdb")
    before, old_hash = _snapshot(db), _hash(db)
    target = next_version(NEXT)
    store = Store(db)
    try:
        assert core.current_version(store.cursor()) == target
        _same_day(before, store)
        assert store.query_one("SELECT count(*) FROM scores WHERE weight = 1")[0] == len(before["scores"][1])
    finally:
        store.close()
    kept = db.with_name(f"{db.name}.before-v{target}")
    assert _hash(kept) == old_hash
    assert not list(tmp_path.glob(".upgrading-*"))


def test_a_failed_migration_leaves_the_old_file_usable(next_version, monkeypatch, tmp_path):
    db = unpack(fixture_path(), tmp_path / "day.duckdb")
    before, old_hash = _snapshot(db), _hash(db)
    next_version(NEXT + "INSERT INTO notes SELECT * FROM no_such_table;\n")
    with pytest.raises(duckdb.Error):
        Store(db)
    assert _hash(db) == old_hash
    assert not list(tmp_path.glob(".upgrading-*"))
    monkeypatch.undo()                        # the old version opens its file as before
    store = Store(db)
    try:
        assert core.current_version(store.cursor()) == SCHEMA_VERSION
        _same_day(before, store)
    finally:
        store.close()


UPGRADE = """
import sys
from pathlib import Path
from vision.store import core
core.MIGRATIONS.append(Path(sys.argv[2]))
core.SCHEMA_VERSION = len(core.MIGRATIONS)
from vision.store import Store
Store(sys.argv[1]).close()
"""
HEAVY = ("CREATE TABLE ballast AS SELECT range AS i, md5(range::VARCHAR) AS s FROM range(3000000);\n"
         "ALTER TABLE scores ADD COLUMN weight INTEGER DEFAULT 1;\n")


def test_a_migration_killed_at_any_moment_leaves_a_usable_file(tmp_path):
    sql = tmp_path / "schema_next.sql"
    sql.write_text(HEAVY, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))

    def upgrade(db: Path) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-c", UPGRADE, str(db), str(sql)], cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    whole = unpack(fixture_path(), tmp_path / "whole.duckdb")
    started = time.monotonic()
    proc = upgrade(whole)
    assert proc.wait(timeout=300) == 0, proc.stderr.read().decode()
    duration = time.monotonic() - started
    # Kills at shares of an upgrade's time (early in the copy, and late: the swap may have
    # happened; make test adds two between), and one aimed at the copy itself: as soon as the
    # half-made copy has grown, so at least one kill surely lands mid-migration, however long
    # the upgrade takes on a loaded machine.
    landed: dict[str, str] = {}
    for share in (*spread((0.35, 0.6, 0.8, 0.95), (0.35, 0.95)), "copy"):
        db = unpack(fixture_path(), tmp_path / f"day-{share}.duckdb")
        before, old_hash = _snapshot(db), _hash(db)
        half = db.with_name(f".upgrading-{db.name}")
        proc = upgrade(db)
        if share == "copy":
            deadline = time.monotonic() + 120
            while not (half.exists() and half.stat().st_size > 2**20) and proc.poll() is None:
                assert time.monotonic() < deadline, "the upgrade never began its copy"
                time.sleep(0.005)
        else:
            time.sleep(duration * share)
        proc.send_signal(signal.SIGKILL)
        code = proc.wait(timeout=30)
        if _hash(db) != old_hash:         # the swap had happened: the new file is whole, the old one beside it
            assert _hash(db.with_name(f"{db.name}.before-v{SCHEMA_VERSION + 1}")) == old_hash
            with pytest.raises(SchemaTooNewError):
                Store(db)
            landed[str(share)] = "after the swap" if code == -signal.SIGKILL else "after the upgrade had ended"
            continue
        assert code == -signal.SIGKILL, "an upgrade that ended by itself has swapped its file"
        landed[str(share)] = (f"mid-migration (copy {half.stat().st_size // 2**20} MB)" if half.exists()
                              else "before the copy was begun")
        store = Store(db)                 # the old version opens its file as before
        try:
            assert core.current_version(store.cursor()) == SCHEMA_VERSION
            _same_day(before, store)
        finally:
            store.close()
        assert not list(tmp_path.glob(f".upgrading-day-{share}*")), "the next start removes the half-made copy"
    print(f"upgrade {duration:.1f} s; killed {landed}")
    assert landed["copy"].startswith("mid"), landed
