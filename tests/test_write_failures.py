"""A save the disk refuses is never confirmed, the participant is told to try again in
a moment and keeps their choices, the organiser sees an alarm until writes succeed again,
and ``make run`` refuses to start without room on the disk.

The disk is a real one that fills: a small tmpfs (root only; skipped with the reason
otherwise), under the store and under a real server in the middle of a burst of saves.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import duckdb
import pytest
import requests

from tests.apptest import run, texts
from testkit.server import StreamlitServer
from tests.support.tmpfs import fill, small_disk
from tests.support.voters import ballot, open_scoring_day, prepare_file
from vision import ballots, events, health, participants
from vision.errors import WRITE_FAILED, SaveFailedError
from vision.store import Store, StoreWriteError


def _person(store, day, i):
    return participants.resolve(store, day.event_code, day.tokens[i])[1]


def test_a_full_disk_refuses_saves_clearly_and_they_succeed_once_there_is_room(tmp_path):
    with small_disk(tmp_path / "disk", 24) as disk:
        store = Store(disk / "day.duckdb")
        try:
            events.seed_demo_events(store)
            n = 40
            day = open_scoring_day(store, n_voters=n)
            people = [_person(store, day, i) for i in range(n)]
            d = day.draft_ids[0]
            paradox = next(r for r in events.rounds(store, day.event_id) if r.kind == "paradox")
            events.open_round(store, "test", day.event_id, paradox.id)
            first_paradox = events.event_content(store, day.event_id)["paradoxes"][0].id
            ballots.save_scores(store, people[0], day.tokens[0], day.round_id, d, ballot(0, day.criteria))
            confirmed, refused = {0: ballot(0, day.criteria)}, []
            filler = fill(disk)
            for i in range(1, n):      # the last pages of the log may still take a small save or two
                try:
                    ballots.save_scores(store, people[i], day.tokens[i], day.round_id, d, ballot(i, day.criteria))
                except SaveFailedError as err:
                    assert err.text() == WRITE_FAILED
                    refused.append(i)
                else:
                    confirmed[i] = ballot(i, day.criteria)
            assert len(refused) >= n // 2
            # A save through a page run is refused the same way (the log's last pages may
            # still take one or two small saves first).
            page_refused = []
            for i in range(1, 9):
                try:
                    ballots.save_paradoxes(store, people[i], day.tokens[i], paradox.id, {first_paradox: 10 * i})
                except SaveFailedError as err:
                    page_refused.append(err.text())
            assert page_refused and set(page_refused) == {WRITE_FAILED}
            state = store.health.state()
            assert state.failing_since is not None and state.failures >= 2 and "space" in state.reason.lower()
            alarm = health.write_alarm(store)
            assert alarm is not None and alarm.msgid == health.WRITES_FAIL

            filler.unlink()
            for i in refused:          # every retry succeeds once there is room
                receipt = ballots.save_scores(store, people[i], day.tokens[i], day.round_id, d,
                                              ballot(i, day.criteria))
                assert receipt.count == len(day.criteria)
                confirmed[i] = ballot(i, day.criteria)
            assert not store.health.failing and health.write_alarm(store) is None
            for i, person in enumerate(people):
                assert ballots.my_answers(store, person, day.round_id)["ballots"][d]["scores"] == confirmed[i]
            assert ballots.my_answers(store, people[0], paradox.id)["paradoxes"] == {}
        finally:
            store.close()
        reopened = Store(disk / "day.duckdb")      # the file opens cleanly afterwards
        try:
            assert reopened.query_one("SELECT count(DISTINCT participant_id) FROM scores")[0] == n
        finally:
            reopened.close()


def test_a_database_invalidated_by_a_failed_checkpoint_is_opened_again(store):
    """DuckDB refuses every statement after a checkpoint the disk refused (measured on a
    full tmpfs); the writer opens the database again and later saves succeed."""
    day = open_scoring_day(store, n_voters=2)
    person = _person(store, day, 0)

    def checkpoint_refused(cur):
        raise duckdb.FatalException("FATAL Error: Failed to create checkpoint because of error: Could not write "
                                    "file: No space left on device")

    with pytest.raises(StoreWriteError):
        store.write(checkpoint_refused)
    assert store.health.failing
    receipt = ballots.save_scores(store, person, day.tokens[0], day.round_id, day.draft_ids[0],
                                  ballot(3, day.criteria))
    assert receipt.count == len(day.criteria)
    assert not store.health.failing
    assert ballots.my_answers(store, person, day.round_id)["ballots"][day.draft_ids[0]]["scores"] == \
        ballot(3, day.criteria)


def test_the_control_page_shows_an_alarm_while_writes_fail_and_not_after(app_db):
    at = run("pages/control.py", role="organiser")
    assert "kan ikke gemme" not in texts(at)
    app_db.health.failed(StoreWriteError("Could not write file \"x.wal\": No space left on device"), 3)
    at.run()
    shown = [e.value for e in at.error]
    assert any("kan ikke gemme lige nu" in t and "No space left on device" in t and "3 svar" in t
               for t in shown), shown
    app_db.health.succeeded()
    at.run()
    assert not any("kan ikke gemme" in e.value for e in at.error)


def test_make_run_refuses_to_start_without_room_and_says_why(tmp_path):
    import subprocess
    import sys

    from testkit.server import ROOT
    env = {"VISIONSDAG_DB": str(tmp_path / "x.duckdb"), "VISIONSDAG_MIN_FREE_MB": str(10**9), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "vision.manage", "space"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 4
    assert "Visionsdag starter ikke" in done.stderr and "VISIONSDAG_MIN_FREE_MB" in done.stderr
    assert "Traceback" not in done.stderr
    env["VISIONSDAG_MIN_FREE_MB"] = "1"
    assert subprocess.run([sys.executable, "-m", "vision.manage", "space"], cwd=ROOT, env=env,
                          capture_output=True, timeout=60).returncode == 0
    # What `make run` would do, in order (make -n prints the commands and runs none): the space
    # check comes before anything that writes to the disk (the database, the compressed static
    # files) and before the server starts, so a full disk is met with the message above.
    alone = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}  # not `make test`'s -j
    planned = subprocess.run(["make", "-n", "run"], cwd=ROOT, env=alone, capture_output=True, text=True,
                             timeout=60).stdout
    steps = {"space": "vision.manage space", "init": "vision.manage init", "static": "door.prepare_static()",
             "serve": "vision.door --port"}
    at = {name: planned.find(command) for name, command in steps.items()}
    assert all(i >= 0 for i in at.values()), (at, planned)
    assert at["space"] < min(at["init"], at["static"], at["serve"]), planned


# -- a real server whose disk fills in the middle of a burst -----------------------------------
class Phone(threading.Thread):
    """Saves a ballot for each draft in turn, and tries again after a refusal, as the page does."""

    def __init__(self, url, day, i, deadline):
        super().__init__(daemon=True)
        self.url, self.day, self.i, self.deadline = url, day, i, deadline
        self.confirmed: dict[int, dict] = {}
        self.refusals: list[tuple[int, str]] = []
        self.unexpected: list[str] = []

    def values(self, d):
        return ballot(self.i + d, self.day.criteria)

    def run(self):
        for d in self.day.draft_ids:
            while time.monotonic() < self.deadline:
                body = {"e": self.day.event_code, "t": self.day.tokens[self.i], "round": self.day.round_id,
                        "draft": d, "scores": self.values(d), "comment": None, "lang": "da"}
                try:
                    answer = requests.post(self.url + "/api/ballot", json=body, timeout=30)
                except requests.RequestException as exc:
                    self.unexpected.append(repr(exc))
                    return
                data = answer.json() if answer.headers.get("content-type", "").startswith("application/json") else {}
                if answer.status_code == 200 and data.get("count") == len(self.day.criteria):
                    self.confirmed[d] = self.values(d)
                    break
                if answer.status_code == 503:
                    self.refusals.append((answer.status_code, data.get("error", "")))
                    time.sleep(0.3)
                    continue
                self.unexpected.append(f"{answer.status_code}: {answer.text[:200]}")
                return


def test_a_disk_that_fills_during_a_burst_confirms_nothing_false_and_every_retry_succeeds(tmp_path):
    with small_disk(tmp_path / "disk", 48) as disk:
        server = StreamlitServer(tmp_path, extra_env={"VISIONSDAG_BACKUP_MINUTES": "0"})
        server.db = disk / "day.duckdb"
        server.env["VISIONSDAG_DB"] = str(server.db)
        server.prepare()
        n = 60
        day = prepare_file(server.db, n_voters=n)
        server.start()
        try:
            deadline = time.monotonic() + 150
            phones = [Phone(server.url, day, i, deadline) for i in range(n)]
            for p in phones:
                p.start()
            total = n * len(day.draft_ids)
            while sum(len(p.confirmed) for p in phones) < total // 4 and time.monotonic() < deadline:
                time.sleep(0.02)
            filler = fill(disk)
            while sum(len(p.refusals) for p in phones) < n and time.monotonic() < deadline:
                time.sleep(0.05)
            during = sum(len(p.confirmed) for p in phones)
            time.sleep(1.0)
            assert sum(len(p.confirmed) for p in phones) - during <= n, "saves kept being confirmed on a full disk"
            filler.unlink()
            for p in phones:
                p.join(timeout=max(1, deadline - time.monotonic()))
        finally:
            server.stop(signal.SIGTERM)
        assert not [p.unexpected for p in phones if p.unexpected], [p.unexpected for p in phones if p.unexpected]
        refusals = [r for p in phones for r in p.refusals]
        assert len(refusals) >= n
        assert {text for _status, text in refusals} == {WRITE_FAILED}
        assert all(len(p.confirmed) == len(day.draft_ids) for p in phones), "every retry succeeds once there is room"
        log = server.log.read_text(errors="replace")
        assert "Traceback" not in log, log[-3000:]
        assert log.count("saves are refused until they succeed again") >= 1
        assert "succeed again" in log

        store = Store(server.db)          # the file opens cleanly, and holds exactly what was confirmed
        try:
            for p in phones:
                person = participants.resolve(store, day.event_code, day.tokens[p.i])[1]
                mine = ballots.my_answers(store, person, day.round_id)["ballots"]
                assert {d: mine[d]["scores"] for d in mine} == p.confirmed
        finally:
            store.close()
