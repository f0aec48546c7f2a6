"""Backups as an operation: the server copies the day by itself every few minutes while
it is written and keeps the newest few, the admin page lists them, and a restore goes
into a new file and never over one. The drill: serve, save, back up, break the file,
restore, serve, and every ballot of the backup is there."""

from __future__ import annotations

import dataclasses
import shutil
import signal
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from streamlit.testing.v1 import AppTest

from testkit.server import ROOT, StreamlitServer
from testkit.stproto import Session
from tests.support.voters import ballot, open_scoring_day, prepare_file
from vision import backups, ballots, config, events, participants
from vision.store import Store


def _wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def test_a_backup_by_hand_is_in_the_audit_log_with_its_folder(store, tmp_path):
    target = backups.backup_by_hand(store, "boss", tmp_path / "backups")
    assert [b.path for b in backups.list_backups(tmp_path / "backups")] == [target]
    _at, who, action, _eid, detail = events.audit_log(store)[0]
    assert (who, action, detail) == ("boss", "backup", str(target))


def test_the_schedule_copies_only_what_was_written_and_keeps_the_newest(store, tmp_path):
    root = tmp_path / "backups"
    cfg = dataclasses.replace(config.load(), backup_dir=root, backup_minutes=0.6 / 60, backup_keep=2)
    manual = backups.make_backup(store, root)
    schedule = backups.start_schedule(store, cfg)
    assert backups.start_schedule(store, cfg) is schedule          # one per store
    day = open_scoring_day(store, n_voters=3)
    person = participants.resolve(store, day.event_code, day.tokens[0])[1]
    for i in range(3):
        ballots.save_scores(store, person, day.tokens[0], day.round_id, day.draft_ids[0], ballot(i, day.criteria))
        made = schedule.made
        _wait_for(lambda: schedule.made > made, 20, "an automatic backup after a save")
    quiet = schedule.made
    time.sleep(2.0)                                                 # three intervals without a write
    assert schedule.made == quiet, "an idle server writes no copies"
    listed = backups.list_backups(root)
    assert [b.automatic for b in listed].count(True) == 2           # the newest two automatic ones
    assert manual in [b.path for b in listed], "a copy made by hand is never removed by the schedule"
    newest = listed[0]
    assert newest.automatic and newest.path.name.startswith("auto-") and newest.size > 0
    restored = tmp_path / "restored.duckdb"
    assert subprocess.run([sys.executable, "-m", "vision.manage", "restore", str(newest.path), str(restored)],
                          cwd=ROOT, capture_output=True, timeout=120).returncode == 0
    copy = Store(restored)
    try:
        again = participants.resolve(copy, day.event_code, day.tokens[0])[1]
        assert ballots.my_answers(copy, again, day.round_id)["ballots"][day.draft_ids[0]]["scores"] == \
            ballot(2, day.criteria)
    finally:
        copy.close()
    schedule.stopped.set()


def test_the_admin_page_lists_the_backups(tmp_path, monkeypatch):
    import streamlit as st
    monkeypatch.setenv("VISIONSDAG_DB", str(tmp_path / "admin.duckdb"))
    monkeypatch.setenv("VISIONSDAG_ENV", "development")
    monkeypatch.setenv("VISIONSDAG_BACKUP_DIR", str(tmp_path / "backups"))
    monkeypatch.setenv("VISIONSDAG_BACKUP_MINUTES", "5")
    monkeypatch.setenv("VISIONSDAG_CREDENTIALS", str(tmp_path / "credentials.yaml"))
    st.cache_resource.clear()
    from vision.ui.runtime import get_store
    store = get_store()
    try:
        events.seed_demo_events(store)
        auto = backups.make_backup(store, tmp_path / "backups", automatic=True)
        by_hand = backups.make_backup(store, tmp_path / "backups")
        (tmp_path / "backups" / ".partial-20990101-000000").mkdir()   # one being written: not listed
        at = AppTest.from_file(str(ROOT / "pages" / "admin.py"), default_timeout=60)
        at.session_state["role"] = "admin"
        at.session_state["username"] = "boss"
        at.run()
        assert not at.exception
        table = next(f.value for f in at.dataframe if "Mappe" in f.value.columns)
        assert set(table["Mappe"]) == {str(auto), str(by_hand)}
        assert set(table["Slags"]) == {"automatisk", "manuel"}
        assert any("hvert 5. minut" in c.value for c in at.caption)
        assert any("make restore BACKUP=" in c.value for c in at.caption)
    finally:
        store.close()
        st.cache_resource.clear()


def _restore(backup: Path, db: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", "-o", ".venv/.installed", "restore", f"BACKUP={backup}",
                           f"DB={db}", f"PY={sys.executable}"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_restore_drill_serve_save_back_up_break_restore_serve(tmp_path):
    backup_dir = tmp_path / "backups"
    server = StreamlitServer(tmp_path, extra_env={"VISIONSDAG_BACKUP_DIR": str(backup_dir),
                                                  "VISIONSDAG_BACKUP_MINUTES": str(1.0 / 60)})
    server.prepare()
    day = prepare_file(server.db, n_voters=6)
    server.start()
    saved: dict[tuple[str, int], dict] = {}
    try:
        for i, token in enumerate(day.tokens):
            for d in day.draft_ids:
                body = {"e": day.event_code, "t": token, "round": day.round_id, "draft": d,
                        "scores": ballot(i + d, day.criteria), "comment": f"kommentar {i}"}
                answer = requests.post(server.url + "/api/ballot", json=body, timeout=30)
                assert answer.status_code == 200, answer.text
                saved[(token, d)] = ballot(i + d, day.criteria)
        after = time.time()
        backup = _wait_for(lambda: next((b for b in backups.list_backups(backup_dir)
                                         if b.automatic and b.path.stat().st_mtime > after + 0.01), None),
                           60, "the server's own backup after the saves").path
    finally:
        server.stop(signal.SIGKILL)

    server.db.write_bytes(b"this is not a database any more" * 1000)   # the file breaks
    Path(str(server.db) + ".wal").unlink(missing_ok=True)

    refused = _restore(backup, server.db)                  # never over an existing file
    assert refused.returncode != 0 and "findes allerede" in refused.stderr, refused.stderr
    assert "Traceback" not in refused.stderr
    restored = tmp_path / "restored.duckdb"
    done = _restore(backup, restored)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"VISIONSDAG_DB={restored}" in done.stdout

    server.db = restored
    server.env["VISIONSDAG_DB"] = str(restored)
    server.start()
    try:
        for token in day.tokens:
            with Session(server.url, f"e={day.event_code}&t={token}") as s:
                run = s.rerun()
            assert not run.exceptions()
            forms = run.forms()
            for d in day.draft_ids:
                assert forms[(day.round_id, d)]["saved"]["scores"] == saved[(token, d)]
        # and the restored day goes on: a new save is confirmed
        body = {"e": day.event_code, "t": day.tokens[0], "round": day.round_id, "draft": day.draft_ids[0],
                "scores": ballot(4, day.criteria)}
        assert requests.post(server.url + "/api/ballot", json=body, timeout=30).status_code == 200
    finally:
        server.stop()


def test_a_restore_without_a_target_lands_beside_the_database_in_use(store, tmp_path):
    """In a container only the state volume is writable: a restore goes beside the database
    in use (``VISIONSDAG_DB``), never into the image's own folders."""
    backup = backups.make_backup(store, tmp_path / "backups")
    live = tmp_path / "state" / "visionsdag.duckdb"
    live.parent.mkdir()
    env = dict(os.environ, VISIONSDAG_DB=str(live))
    done = subprocess.run([sys.executable, "-m", "vision.manage", "restore", str(backup)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    restored = list(live.parent.glob("restored-*.duckdb"))
    assert len(restored) == 1 and str(restored[0]) in done.stdout
