"""The store: schema rules in the database itself, migrations, group commit."""

from __future__ import annotations

import threading
from datetime import datetime

import duckdb
import pytest

from vision import events, participants
from vision.store import SCHEMA_VERSION, SchemaTooNewError, Store, migrate
from vision.store import queries as q
from vision.store.core import MIGRATIONS, current_version


def _participant_and_round(store):
    ev = events.get_event(store, "TEMA17")
    token = participants.join_open(store, ev, "politiker", "Aalborg")
    p, _ = store.read(lambda cur: q.participant_by_token(cur, token))
    rnd = next(r for r in events.rounds(store, ev.id) if r.kind == "scoring")
    draft = events.drafts(store, ev.id)[0]
    return ev, p, rnd, draft


def _raw_insert(store, rnd, p, draft, score, key="retning"):
    store.write(lambda cur: cur.execute(
        "INSERT INTO scores VALUES (?,?,?,?,?,?,?)",
        [rnd.id, p.id, draft.id, key, score, score is None, datetime.now()]))


@pytest.mark.parametrize("bad", [0, 6, -1, 7])
def test_database_refuses_score_out_of_range(store, bad):
    ev, p, rnd, draft = _participant_and_round(store)
    with pytest.raises(duckdb.ConstraintException):
        _raw_insert(store, rnd, p, draft, bad)
    assert store.query("SELECT count(*) FROM scores")[0][0] == 0


def test_database_refuses_duplicate_answer(store):
    ev, p, rnd, draft = _participant_and_round(store)
    _raw_insert(store, rnd, p, draft, 3)
    with pytest.raises(duckdb.ConstraintException):
        _raw_insert(store, rnd, p, draft, 4)
    assert store.query("SELECT score FROM scores") == [(3,)]


def test_database_refuses_answer_of_unknown_participant(store):
    ev, p, rnd, draft = _participant_and_round(store)
    with pytest.raises(duckdb.ConstraintException):
        store.write(lambda cur: cur.execute("INSERT INTO scores VALUES (?,?,?,?,?,?,?)",
                                            [rnd.id, 999999, draft.id, "retning", 3, False, datetime.now()]))


def test_dont_know_must_have_no_score(store):
    ev, p, rnd, draft = _participant_and_round(store)
    with pytest.raises(duckdb.ConstraintException):
        store.write(lambda cur: cur.execute("INSERT INTO scores VALUES (?,?,?,?,?,?,?)",
                                            [rnd.id, p.id, draft.id, "retning", 3, True, datetime.now()]))


def test_round_trip_survives_reopening_the_file(db_path):
    s = Store(db_path)
    events.seed_demo_events(s)
    ev = events.get_event(s, "VISION20")
    token = participants.join_open(s, ev, "embedsmand", "Thisted")
    s.close()
    s2 = Store(db_path)
    try:
        ev2, p = participants.resolve(s2, "vision20", token)
        assert ev2.code == "VISION20" and p.grp == "embedsmand" and p.unit == "Thisted"
    finally:
        s2.close()


def test_migration_from_empty_file(tmp_path):
    con = duckdb.connect(str(tmp_path / "x.duckdb"))
    assert current_version(con) == 0
    assert migrate(con) == 0
    assert current_version(con) == SCHEMA_VERSION
    assert migrate(con) == SCHEMA_VERSION  # a second run changes nothing
    con.close()


def test_migration_from_previous_version_keeps_data(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    migrate(con, target=SCHEMA_VERSION - 1)
    con.execute("INSERT INTO events (code, title) VALUES ('OLD1', 'Gammel dag')")
    con.close()
    s = Store(path)
    try:
        assert s.query("SELECT max(version) FROM schema_version")[0][0] == SCHEMA_VERSION
        assert s.query("SELECT title FROM events WHERE code = 'OLD1'") == [("Gammel dag",)]
        tables = {r[0] for r in s.query("SELECT table_name FROM information_schema.tables")}
        assert "hidden_comments" in tables
    finally:
        s.close()


def test_failed_migration_leaves_file_unchanged(tmp_path, monkeypatch):
    path = tmp_path / "m.duckdb"
    con = duckdb.connect(str(path))
    migrate(con, target=1)
    bad = tmp_path / "bad.sql"
    bad.write_text("CREATE TABLE half_done (x INTEGER); SELECT * FROM no_such_table;")
    monkeypatch.setattr("vision.store.core.MIGRATIONS", [MIGRATIONS[0], bad])
    with pytest.raises(duckdb.Error):
        migrate(con, target=2)
    assert current_version(con) == 1
    assert not con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name='half_done'").fetchone()[0]
    con.close()


def test_newer_file_is_refused_with_clear_message(tmp_path):
    path = tmp_path / "new.duckdb"
    con = duckdb.connect(str(path))
    migrate(con)
    con.execute("INSERT INTO schema_version (version) VALUES (?)", [SCHEMA_VERSION + 1])
    con.close()
    with pytest.raises(SchemaTooNewError, match="Opdatér programmet"):
        Store(path)


def test_seeding_twice_gives_the_same_content(store):
    def snapshot():
        tables = ["events", "programme_items", "event_units", "criteria", "paradoxes", "focus_areas", "rounds",
                  "drafts"]
        return {t: store.query(f"SELECT * EXCLUDE (created_at) FROM {t} ORDER BY ALL")
                if t in ("events", "drafts") else store.query(f"SELECT * FROM {t} ORDER BY ALL") for t in tables}

    before = snapshot()
    assert events.seed_demo_events(store) == []
    assert snapshot() == before


def test_concurrent_writes_are_grouped_into_few_commits(store):
    ev = events.get_event(store, "TEMA17")
    commits_before = store.commits
    errors = []

    def worker():
        try:
            participants.join_open(store, ev, "andet", "Aalborg")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(60)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert store.query("SELECT count(*) FROM participants")[0][0] == 60
    assert store.commits - commits_before < 60  # waiting jobs shared commits


def test_a_failing_job_does_not_take_its_batch_down(store):
    ev = events.get_event(store, "TEMA17")
    barrier = threading.Barrier(21)
    results = {"ok": 0, "bad": 0}
    lock = threading.Lock()

    def good():
        barrier.wait()
        participants.join_open(store, ev, "politiker", "Aalborg")
        with lock:
            results["ok"] += 1

    def bad():
        barrier.wait()
        try:
            store.write(lambda cur: cur.execute("INSERT INTO events (code, title) VALUES ('X', 'too short code')"))
        except duckdb.ConstraintException:
            with lock:
                results["bad"] += 1

    threads = [threading.Thread(target=good) for _ in range(20)] + [threading.Thread(target=bad)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == {"ok": 20, "bad": 1}
    assert store.query("SELECT count(*) FROM participants")[0][0] == 20


def test_deleting_an_event_with_answers_removes_everything_of_it_and_nothing_else(store):
    from vision import ballots

    ev, p, rnd, draft = _participant_and_round(store)
    events.open_round(store, "t", ev.id, rnd.id)
    tokens = [participants.join_open(store, ev, "politiker", "Aalborg") for _ in range(2)]
    for tok in tokens:
        _, person = participants.resolve(store, "TEMA17", tok)
        ballots.save_scores(store, person, tok, rnd.id, draft.id, {"retning": 3}, "en kommentar")
    other = events.get_event(store, "VISION20")
    before_other = store.query("SELECT count(*) FROM drafts WHERE event_id = ?", [other.id])
    assert events.delete_event(store, "t", ev.id, "TEMA17") == "TEMA17"
    for table in ("scores", "comments", "participant_tokens"):
        assert store.query(f"SELECT count(*) FROM {table}")[0][0] == 0
    for table in ("participants", "drafts", "rounds", "criteria", "paradoxes", "focus_areas"):
        assert store.query(f"SELECT count(*) FROM {table} WHERE event_id = ?", [ev.id])[0][0] == 0
    assert store.query("SELECT count(*) FROM drafts WHERE event_id = ?", [other.id]) == before_other
    assert events.audit_log(store)[0][2] == "delete_event"


def test_waiting_items_of_one_bulk_kind_run_together_and_keep_their_order(store):
    """The writer hands consecutive waiting bulk items to their handler at once, never
    moves one past another job, commits what the handler accepts and raises what it
    refuses to that caller alone."""
    from tests.support.writer import Queued, writer_held

    groups: list[list[str]] = []

    def handler(cur, items, memo):
        groups.append(list(items))
        out = []
        for item in items:
            if item.startswith("bad"):
                out.append(ValueError(f"refused {item}"))
            else:
                cur.execute("INSERT INTO audit_log (actor, action) VALUES (?, 'bulk')", [item])
                out.append(f"saved {item}")
        return out

    commits = store.commits
    with writer_held(store):
        queued = Queued(store)
        for name in ("a", "bad1", "b"):
            queued.add(name, lambda n=name: store.write_bulk(handler, n))
        queued.add("plain", lambda: store.write(
            lambda cur: cur.execute("INSERT INTO audit_log (actor, action) VALUES ('plain', 'x')") and "plain done"))
        queued.add("c", lambda: store.write_bulk(handler, "c"))
    out = queued.results()
    assert groups == [["a", "bad1", "b"], ["c"]]
    assert out["a"] == "saved a" and out["b"] == "saved b" and out["c"] == "saved c"
    assert isinstance(out["bad1"], ValueError) and str(out["bad1"]) == "refused bad1"
    assert out["plain"] == "plain done"
    actors = [a for (a,) in store.query("SELECT actor FROM audit_log WHERE action IN ('bulk', 'x') ORDER BY id")]
    assert actors == ["a", "b", "plain", "c"]
    assert store.commits - commits == 2   # the holding job, then everything that waited


def test_a_bulk_group_that_fails_in_the_database_is_retried_item_by_item(store):
    """A database error in a group rolls it back; each item then runs alone, so only the
    item that breaks a rule fails."""
    from tests.support.writer import Queued, writer_held

    def handler(cur, items, memo):
        for item in items:
            cur.execute("INSERT INTO events (code, title) VALUES (?, 'bulk')", [item])
        return [f"saved {item}" for item in items]

    with writer_held(store):
        queued = Queued(store)
        for name in ("BULK01", "X", "BULK02"):     # 'X' breaks the events table's code rule
            queued.add(name, lambda n=name: store.write_bulk(handler, n))
    out = queued.results()
    assert out["BULK01"] == "saved BULK01" and out["BULK02"] == "saved BULK02"
    assert isinstance(out["X"], duckdb.ConstraintException)
    assert {c for (c,) in store.query("SELECT code FROM events WHERE title = 'bulk'")} == {"BULK01", "BULK02"}


def test_the_store_leaves_no_transaction_open_so_duckdb_can_checkpoint_and_free_old_rows(db_path):
    """While any transaction stays open, DuckDB keeps the old version of every row updated
    since, in memory, and cannot checkpoint its write-ahead log into the file: a server
    running a day would grow by every round opened and closed."""
    first = Store(db_path)
    events.seed_demo_events(first)
    first.close()
    store = Store(db_path)              # a file that exists already, as when a server starts
    try:
        ev = events.get_event(store, "TEMA17")
        rnd = next(r for r in events.rounds(store, ev.id) if r.kind == "scoring")

        def kept() -> int:
            return store.query("SELECT coalesce(sum(memory_usage_bytes), 0) FROM duckdb_memory() "
                               "WHERE tag = 'TRANSACTION'")[0][0]

        before = kept()
        for _ in range(20):
            events.open_round(store, "test", ev.id, rnd.id)
            events.close_round(store, "test", ev.id, rnd.id)
        assert kept() - before < 100_000, f"{kept() - before} bytes of old row versions kept"
        with store.cursor() as cur:
            cur.execute("CHECKPOINT")     # refused while another transaction is open
    finally:
        store.close()
