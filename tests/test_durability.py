"""Nothing confirmed is lost, nothing half-written survives, and backups restore.

* A real server (``python -m vision.serve``) serves a real DuckDB file; voters open the
  page over the Streamlit protocol and save the way its form does (``POST /api/ballot``);
  the server is killed with SIGKILL in the middle of the burst.
  After the kill every save a voter was told about (the receipt) is in the file,
  and every ballot is whole (one save's values, never a mix of two).
* ``Store.backup_to`` writes a consistent copy while threads are saving, and
  ``import_backup`` restores it into a new file that works like the original.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest

from testkit.server import ROOT, StreamlitServer
from testkit.stproto import Session, save_form
from tests.support.voters import ballot, open_scoring_day, prepare_file
from vision import ballots, participants
from vision.store import Store, import_backup
from vision.store import queries as q

TABLES = ("events", "rounds", "drafts", "criteria", "participants", "participant_tokens", "scores",
          "comments", "paradox_positions", "focus_priorities", "audit_log", "schema_version")


def ballot_of(con, round_id: int, token: str, draft_id: int) -> tuple[dict, set]:
    """A voter's saved scores for one draft, and the distinct save times of those rows."""
    found = q.participant_by_token(con, token)
    assert found is not None
    rows = con.execute("SELECT criterion_key, score, saved_at FROM scores WHERE round_id = ? AND "
                       "participant_id = ? AND draft_id = ?", [round_id, found[0].id, draft_id]).fetchall()
    return {k: s for k, s, _ in rows}, {t for _, _, t in rows}


# -- SIGKILL during a burst of saves -----------------------------------------------------------
class Voter(threading.Thread):
    """One phone that saves new values for the first draft again and again."""

    def __init__(self, url: str, day, token: str, confirmed_counter, stop: threading.Event):
        super().__init__(daemon=True)
        self.url, self.day, self.token = url, day, token
        self.counter = confirmed_counter
        self.stop_flag = stop
        self.confirmed: list[int] = []     # save numbers the voter was told were saved
        self.in_flight: int | None = None  # the save that was sent when the connection died
        self.errors: list[str] = []

    def run(self) -> None:
        d, r = self.day.draft_ids[0], self.day.round_id
        try:
            with Session(self.url, f"e={self.day.event_code}&t={self.token}", timeout=30) as s:
                form = s.rerun().forms()[(r, d)]
                i = 0
                while not self.stop_flag.is_set():
                    values = ballot(i, self.day.criteria)
                    self.in_flight = i
                    status, answer = save_form(self.url, form, values)
                    # Told: the answer to this save is the receipt.
                    if status == 200 and answer.get("count") == len(values):
                        self.confirmed.append(i)
                        self.in_flight = None
                        self.counter.release()
                    else:
                        self.errors.append(f"{status}: {answer}")
                        return
                    i += 1
        except Exception:  # noqa: BLE001 - the server was killed under us
            return


def test_sigkill_during_burst_keeps_every_confirmed_save(tmp_path):
    server = StreamlitServer(tmp_path)
    server.prepare()
    day = prepare_file(server.db, n_voters=6)
    server.start()
    confirmed = threading.Semaphore(0)
    stop = threading.Event()
    voters = [Voter(server.url, day, tok, confirmed, stop) for tok in day.tokens]
    try:
        for v in voters:
            v.start()
        # Let the burst run until 40 saves are confirmed, then kill the server mid-burst.
        for _ in range(40):
            assert confirmed.acquire(timeout=120), [v.errors for v in voters]
        assert all(v.is_alive() for v in voters), "the burst must still be running when the server dies"
        server.stop(signal.SIGKILL)
    finally:
        stop.set()
        server.stop(signal.SIGKILL)
        for v in voters:
            v.join(timeout=60)
    assert not any(v.errors for v in voters), [v.errors for v in voters]
    assert sum(len(v.confirmed) for v in voters) >= 40

    # The killed server left its WAL behind; opening the file replays it.
    store = Store(server.db)
    try:
        def check(con):
            for v in voters:
                saved, times = ballot_of(con, day.round_id, v.token, day.draft_ids[0])
                last = v.confirmed[-1] if v.confirmed else None
                allowed = [ballot(last, day.criteria)] if last is not None else [{}]
                if v.in_flight is not None:  # sent, but the answer never came back: may or may not be in
                    allowed.append(ballot(v.in_flight, day.criteria))
                assert saved in allowed, f"voter {v.token[:6]}: {saved} is not one whole save of {allowed}"
                assert len(times) <= 1, "a ballot is written by one save, with one time"
            dangling = con.execute(
                "SELECT count(*) FROM scores s LEFT JOIN participants p ON p.id = s.participant_id "
                "WHERE p.id IS NULL").fetchone()[0]
            assert dangling == 0

        store.read(check)
    finally:
        store.close()

    # And the server starts again on the same file and shows the voter their saved ballot.
    server.start()
    try:
        v = next(x for x in voters if x.confirmed)
        with Session(server.url, f"e={day.event_code}&t={v.token}") as s:
            run = s.rerun()
        assert not run.exceptions()
        shown = run.forms()[(day.round_id, day.draft_ids[0])]["saved"]
        allowed = [ballot(i, day.criteria) for i in (v.confirmed[-1], v.in_flight) if i is not None]
        assert shown["time"] and shown["scores"] in allowed
    finally:
        server.stop()


def test_store_uses_durable_commits(store):
    """Documented in docs/security.md: the WAL is fsynced on every commit."""
    mode = store.query_one("SELECT current_setting('fsync_mode')")[0]
    assert str(mode).upper() in ("STANDARD", "FULL")


# -- online backup while saves run ----------------------------------------------------------
def _table(con, name: str) -> list[tuple]:
    return sorted(con.execute(f"SELECT * FROM {name}").fetchall(), key=repr)


def test_backup_while_saving_is_consistent_and_restores(store, tmp_path):
    day = open_scoring_day(store, n_voters=8)
    people = [participants.resolve(store, day.event_code, t)[1] for t in day.tokens]
    backup_taken = threading.Event()
    stop = threading.Event()
    progress = threading.Semaphore(0)
    failures: list[BaseException] = []
    last_saved = {t: -1 for t in day.tokens}

    def voter(person, token):
        i = 0
        try:
            while not stop.is_set():
                for d in day.draft_ids:
                    ballots.save_scores(store, person, token, day.round_id, d, ballot(i, day.criteria),
                                        comment=f"kommentar {i}")
                last_saved[token] = i
                progress.release()
                i += 1
                if backup_taken.is_set() and i > 200:
                    return
        except BaseException as exc:  # noqa: BLE001
            failures.append(exc)

    threads = [threading.Thread(target=voter, args=(p, t)) for p, t in zip(people, day.tokens)]
    for t in threads:
        t.start()
    for _ in range(30):  # saves are under way
        assert progress.acquire(timeout=60)
    backup_dir = store.backup_to(tmp_path / "backup-live")
    backup_taken.set()
    for _ in range(30):  # and continue after the copy
        assert progress.acquire(timeout=60)
    stop.set()
    for t in threads:
        t.join(timeout=60)
    assert not failures, failures

    restored_file = tmp_path / "restored.duckdb"
    import_backup(backup_dir, restored_file)
    restored = Store(restored_file)
    try:
        def check(con):
            total = 0
            for token in day.tokens:
                for d in day.draft_ids:
                    saved, times = ballot_of(con, day.round_id, token, d)
                    if saved:
                        total += 1
                        assert any(saved == ballot(i, day.criteria) for i in range(last_saved[token] + 1)), \
                            "a ballot in the backup is a mix of two saves"
                        assert len(times) == 1
            assert total > 0
            for child, parent in (("scores", "participants"), ("comments", "participants")):
                assert con.execute(f"SELECT count(*) FROM {child} c LEFT JOIN {parent} p ON p.id = "
                                   f"c.participant_id WHERE p.id IS NULL").fetchone()[0] == 0

        restored.read(check)
    finally:
        restored.close()

    # A copy taken when nothing is being written equals the live database, table by table.
    quiet = store.backup_to(tmp_path / "backup-quiet")
    again = tmp_path / "restored-quiet.duckdb"
    import_backup(quiet, again)
    copy = Store(again)
    try:
        for table in TABLES:
            assert store.read(lambda c: _table(c, table)) == copy.read(lambda c: _table(c, table)), table
        # The restored file works: new ids do not collide, rules still hold.
        event = next(e for e in copy.read(q.list_events) if e.code == day.event_code)
        new_token = participants.join_open(copy, event, "embedsmand", copy.read(lambda c: q.units(c, event.id))[0])
        person = participants.resolve(copy, day.event_code, new_token)[1]
        ballots.save_scores(copy, person, new_token, day.round_id, day.draft_ids[0], ballot(3, day.criteria))
        with pytest.raises(duckdb.ConstraintException):
            copy.write(lambda c: c.execute("UPDATE scores SET score = 7 WHERE participant_id = ?", [person.id]))
    finally:
        copy.close()


def test_backup_refuses_a_non_empty_directory_and_restore_refuses_an_existing_file(store, tmp_path):
    target = tmp_path / "b"
    target.mkdir()
    (target / "something").write_text("x")
    with pytest.raises(FileExistsError):
        store.backup_to(target)
    good = store.backup_to(tmp_path / "good")
    existing = tmp_path / "existing.duckdb"
    existing.write_bytes(b"")
    with pytest.raises(FileExistsError):
        import_backup(good, existing)


# -- make backup: for a stopped server only, and it says so --------------------------------
def _manage_backup(env: dict, target: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", "-o", ".venv/.installed", "backup",
                           f"BACKUP_DIR={target}", f"PY={sys.executable}"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_backup_works_on_a_stopped_server_and_refuses_a_running_one(tmp_path):
    server = StreamlitServer(tmp_path)
    server.prepare()
    env = dict(server.env)

    done = _manage_backup(env, tmp_path / "copy1")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "copy1" / "schema.sql").exists()
    restored = tmp_path / "restored.duckdb"
    import_backup(tmp_path / "copy1", restored)
    con = duckdb.connect(str(restored))
    try:
        assert con.execute("SELECT count(*) FROM events").fetchone()[0] >= 2
    finally:
        con.close()

    server.start()
    try:
        with Session(server.url, "e=TEMA17") as s:  # the server opens the file on its first page
            assert not s.rerun().exceptions()
        refused = _manage_backup(env, tmp_path / "copy2")
        before = os.path.getsize(server.db)
    finally:
        server.stop()
    assert refused.returncode != 0
    message = refused.stdout + refused.stderr
    assert "Traceback" not in message
    assert "kørende server" in message, message
    assert not (tmp_path / "copy2").exists() or not any((tmp_path / "copy2").iterdir())
    assert os.path.getsize(server.db) == before
