"""Many voters at once against a real DuckDB file: nothing lost, nothing doubled.

Real threads call the one save path (``vision.ballots``) the way many Streamlit
sessions do; the store's single writer commits them in groups. Afterwards the file
holds exactly each voter's last confirmed answer. Transaction conflicts are retried
inside the store, and a second process cannot open a file that a server holds.
"""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap
import threading
from concurrent.futures import ThreadPoolExecutor

import duckdb
import pytest

from testkit.server import ROOT, StreamlitServer
from testkit.fresh_process import in_a_fresh_process
from testkit.stproto import Session, save_form
from tests.support.voters import ballot, open_scoring_day, prepare_file
from vision import ballots, events, participants
from vision.errors import RuleError
from vision.store import Store


def _start(threads):
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
        assert not t.is_alive()


def test_many_sessions_saving_and_changing_at_once(store):
    """Each voter has two "phones" (sessions) scoring different drafts, a third placing
    themselves on the paradoxes and a fourth prioritising focus areas, all at once."""
    day = open_scoring_day(store, n_voters=12)
    event = events.get_event(store, day.event_code)
    for r in events.rounds(store, event.id):
        if r.kind in ("paradox", "focus"):
            events.open_round(store, "test", event.id, r.id)
    content = events.event_content(store, event.id)
    paradox_round = next(r.id for r in content["rounds"] if r.kind == "paradox")
    focus_round = next(r.id for r in content["rounds"] if r.kind == "focus")
    paradox_ids = [p.id for p in content["paradoxes"]]
    area_ids = [f.id for f in content["focus_areas"]]
    points = content["event"].focus_points
    people = {t: participants.resolve(store, day.event_code, t)[1] for t in day.tokens}
    last: dict[tuple, object] = {}      # (token, what) -> last confirmed value
    failures: list[BaseException] = []
    lock = threading.Lock()

    def scorer(token, draft_id, seed):
        rng = random.Random(seed)
        try:
            for _ in range(12):
                i = rng.randrange(1000)
                values = ballot(i, day.criteria)
                if rng.random() < 0.3:  # sometimes fewer criteria, or "Ved ikke"
                    values = {k: (None if rng.random() < 0.3 else v) for k, v in values.items()
                              if rng.random() < 0.7} or {day.criteria[0]: None}
                comment = rng.choice([None, "", f"kommentar {i}"])
                ballots.save_scores(store, people[token], token, day.round_id, draft_id, values, comment)
                with lock:
                    last[(token, "scores", draft_id)] = (values, comment or None)
        except BaseException as exc:  # noqa: BLE001
            failures.append(exc)

    def placer(token, seed):
        rng = random.Random(seed)
        try:
            for _ in range(12):
                pos = {pid: rng.randrange(-100, 101) for pid in paradox_ids}
                ballots.save_paradoxes(store, people[token], token, paradox_round, pos)
                with lock:
                    last[(token, "paradox")] = pos
        except BaseException as exc:  # noqa: BLE001
            failures.append(exc)

    def prioritiser(token, seed):
        rng = random.Random(seed)
        try:
            for _ in range(12):
                cuts = sorted(rng.randrange(points + 1) for _ in range(len(area_ids) - 1))
                shares = [b - a for a, b in zip([0, *cuts], [*cuts, points])]
                values = dict(zip(area_ids, shares))
                ballots.save_focus(store, people[token], token, focus_round, values)
                with lock:
                    last[(token, "focus")] = values
        except BaseException as exc:  # noqa: BLE001
            failures.append(exc)

    threads = []
    for n, token in enumerate(day.tokens):
        threads += [threading.Thread(target=scorer, args=(token, day.draft_ids[0], n * 10 + 1)),
                    threading.Thread(target=scorer, args=(token, day.draft_ids[1], n * 10 + 2)),
                    threading.Thread(target=placer, args=(token, n * 10 + 3)),
                    threading.Thread(target=prioritiser, args=(token, n * 10 + 4))]
    _start(threads)
    assert not failures, failures[:3]
    assert store.commits < store.jobs_committed, "saves were committed in groups"

    for token, person in people.items():
        mine = ballots.my_answers(store, person, day.round_id)["ballots"]
        for d in day.draft_ids[:2]:
            values, comment = last[(token, "scores", d)]
            assert mine[d]["scores"] == values
            assert mine[d]["comment"] == comment
        assert ballots.my_answers(store, person, paradox_round)["paradoxes"] == last[(token, "paradox")]
        focus = ballots.my_answers(store, person, focus_round)["focus"]
        assert focus == {k: v for k, v in last[(token, "focus")].items()}

    # No duplicate rows: one row per key, and exactly as many as the last saves hold.
    expected_scores = sum(len(last[(t, "scores", d)][0]) for t in day.tokens for d in day.draft_ids[:2])
    assert store.query_one("SELECT count(*) FROM scores")[0] == expected_scores
    assert store.query_one("SELECT count(*) FROM (SELECT DISTINCT round_id, participant_id, draft_id, "
                           "criterion_key FROM scores)")[0] == expected_scores
    assert store.query_one("SELECT count(*) FROM paradox_positions")[0] == len(day.tokens) * len(paradox_ids)


def test_good_saves_survive_bad_ones_in_the_same_group_commit(store):
    """Saves that break a rule fail alone; the ones committed with them are kept."""
    day = open_scoring_day(store, n_voters=10)
    people = {t: participants.resolve(store, day.event_code, t)[1] for t in day.tokens}
    other_round = next(r.id for r in events.rounds(store, day.event_id) if r.kind == "paradox")
    start = threading.Barrier(len(day.tokens) * 2)
    results: dict[tuple, object] = {}

    def good(token):
        start.wait()
        results[(token, "good")] = ballots.save_scores(store, people[token], token, day.round_id,
                                                       day.draft_ids[0], ballot(1, day.criteria))

    def bad(token):
        start.wait()
        try:
            ballots.save_paradoxes(store, people[token], token, other_round, {1: 10})
        except RuleError as err:
            results[(token, "bad")] = err

    _start([threading.Thread(target=f, args=(t,)) for t in day.tokens for f in (good, bad)])
    for t in day.tokens:
        assert results[(t, "good")].count == len(day.criteria)
        assert isinstance(results[(t, "bad")], RuleError)
    assert store.query_one("SELECT count(*) FROM scores")[0] == len(day.tokens) * len(day.criteria)
    assert store.query_one("SELECT count(*) FROM paradox_positions")[0] == 0


def test_ballots_waiting_together_are_judged_one_by_one_and_written_in_order(store):
    """Saves that wait for the same commit are checked and written together, yet each
    gets its own answer: a foreign token, an unapproved draft or an unknown criterion
    refuses that save alone; the same voter's later save of a draft wins; and a save
    queued after the organiser closed the round is refused, one queued before is kept."""
    from tests.support.writer import Queued, writer_held

    day = open_scoring_day(store, n_voters=4)
    people = [participants.resolve(store, day.event_code, t)[1] for t in day.tokens]
    hidden = store.write(lambda cur: __import__("vision.store.queries", fromlist=["q"]).insert_draft(
        cur, day.event_id, "Et forslag, der ikke er godkendt", None, "organiser", "pending"))
    d0, d1 = day.draft_ids[:2]

    def save(i, draft, values, token=None, comment=None):
        return lambda: ballots.save_scores(store, people[i], token or day.tokens[i], day.round_id, draft, values,
                                           comment)

    commits = store.commits
    with writer_held(store):
        queued = Queued(store)
        queued.add("first", save(0, d0, ballot(1, day.criteria), comment="Første udgave"))
        queued.add("foreign token", save(1, d0, ballot(2, day.criteria), token=day.tokens[2]))
        queued.add("unapproved", save(1, hidden, ballot(2, day.criteria)))
        queued.add("unknown criterion", save(1, d0, {"ikke_et_kriterium": 3}))
        queued.add("second", save(0, d0, {day.criteria[0]: 5, day.criteria[1]: None}))
        queued.add("before close", save(2, d1, ballot(3, day.criteria), comment="Nået i tide"))
        queued.add("close", lambda: events.close_round(store, "test", day.event_id, day.round_id))
        queued.add("after close", save(3, d1, ballot(4, day.criteria)))
    out = queued.results()

    assert out["first"].count == len(day.criteria) and out["second"].count == 2
    assert out["before close"].count == len(day.criteria)
    assert str(out["foreign token"]) == "Deltagerkoden er ikke længere gyldig."
    assert str(out["unapproved"]) == "Forslaget er ikke godkendt til afstemning."
    assert str(out["unknown criterion"]) == "Ukendt kriterium."
    assert str(out["after close"]) == "Runden er lukket. Dit svar blev ikke gemt."
    rows = {(p, d, k): (s, dk) for p, d, k, s, dk in store.query(
        "SELECT participant_id, draft_id, criterion_key, score, dont_know FROM scores")}
    assert rows == {(people[0].id, d0, day.criteria[0]): (5, False), (people[0].id, d0, day.criteria[1]): (None, True),
                    **{(people[2].id, d1, k): ((v, False) if v is not None else (None, True))
                       for k, v in ballot(3, day.criteria).items()}}
    # The later save of the same draft replaced the comment too (it had none).
    assert store.query("SELECT participant_id, text FROM comments") == [(people[2].id, "Nået i tide")]
    assert store.commits - commits == 2   # the holding job, then everything that waited


def test_a_transaction_conflict_is_retried_inside_the_store(store):
    """A real DuckDB write-write conflict on the first attempt; the caller sees success."""
    day = open_scoring_day(store, n_voters=1)
    person = participants.resolve(store, day.event_code, day.tokens[0])[1]
    ballots.save_scores(store, person, day.tokens[0], day.round_id, day.draft_ids[0], ballot(0, day.criteria))
    attempts = []

    def job(cur):
        attempts.append(1)
        cur.execute("SELECT count(*) FROM scores").fetchall()  # our snapshot starts here
        if len(attempts) == 1:
            # Someone else changes the same row and commits while our transaction is open.
            with store.cursor() as other:
                other.execute("UPDATE scores SET score = 1 WHERE participant_id = ?", [person.id])
        cur.execute("UPDATE scores SET score = 5 WHERE participant_id = ?", [person.id])
        return "ok"

    assert store.write(job) == "ok"
    assert len(attempts) == 2, "the first attempt conflicted and was run again"
    assert {s for (s,) in store.query("SELECT score FROM scores WHERE participant_id = ?", [person.id])} == {5}


def test_a_conflict_among_grouped_saves_does_not_reach_any_voter(store):
    day = open_scoring_day(store, n_voters=6)
    people = {t: participants.resolve(store, day.event_code, t)[1] for t in day.tokens}
    flaky_calls = []

    def flaky(cur):
        flaky_calls.append(1)
        if len(flaky_calls) <= 2:
            raise duckdb.TransactionException("TransactionContext Error: Conflict on update")
        return "done"

    start = threading.Barrier(len(day.tokens) + 1)
    out = {}

    def save(token):
        start.wait()
        out[token] = ballots.save_scores(store, people[token], token, day.round_id, day.draft_ids[0],
                                         ballot(2, day.criteria))

    def conflict():
        start.wait()
        out["flaky"] = store.write(flaky)

    _start([threading.Thread(target=save, args=(t,)) for t in day.tokens] + [threading.Thread(target=conflict)])
    assert out["flaky"] == "done"
    assert all(out[t].count == len(day.criteria) for t in day.tokens)
    assert store.query_one("SELECT count(*) FROM scores")[0] == len(day.tokens) * len(day.criteria)


# -- several processes -------------------------------------------------------------------------
HOLDER = textwrap.dedent("""
    import sys
    from vision.store import Store
    s = Store(sys.argv[1])
    print("holding", flush=True)
    sys.stdin.readline()
    s.close()
""")


def test_only_one_process_can_hold_the_file(tmp_path):
    db = tmp_path / "one.duckdb"
    first = Store(db)
    events.seed_demo_events(first)
    first.close()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], cwd=ROOT, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(duckdb.IOException, match="lock"):
            Store(db)
        with pytest.raises(duckdb.IOException, match="lock"):
            duckdb.connect(str(db), read_only=True)
    finally:
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=30)
    again = Store(db)
    try:
        assert len(events.list_events(again)) >= 2, "the file is intact after the refused opens"
    finally:
        again.close()


def test_a_second_server_on_the_same_file_says_so_and_corrupts_nothing(tmp_path):
    first = StreamlitServer(tmp_path)
    first.prepare()
    day_store = Store(first.db)
    day = open_scoring_day(day_store, n_voters=1)
    day_store.close()
    second = StreamlitServer(tmp_path)  # same workdir, so the same database file
    first.start()
    second.start()
    try:
        with Session(first.url, f"e={day.event_code}&t={day.tokens[0]}") as s:
            run = s.rerun()
            assert not run.exceptions()
            form = run.forms()[(day.round_id, day.draft_ids[0])]
        assert save_form(first.url, form, ballot(4, day.criteria))[0] == 200
        with Session(second.url, f"e={day.event_code}&t={day.tokens[0]}") as s:
            run = s.rerun()
        assert not run.exceptions(), run.exceptions()
        assert any("optaget af en anden proces" in a for a in run.alerts()), run.alerts()
        # A save sent to the second server is refused with the same sentence, and not stored.
        status, answer = save_form(second.url, form, ballot(1, day.criteria))
        assert status == 503 and "optaget af en anden proces" in answer["error"], (status, answer)
    finally:
        second.stop()
        first.stop()
    check = Store(first.db)
    try:
        assert check.query_one("SELECT count(*) FROM scores")[0] == len(day.criteria)
    finally:
        check.close()


def test_saves_and_reads_go_on_while_the_store_reopens_its_database(db_path):
    """After a number of commits the writer closes the database at a quiet moment and
    opens it again (DuckDB keeps memory for every transaction until its instance
    closes). Voters saving in bursts with pauses between and four readers reading all
    the while see no error, every confirmed save is in the file, and the reopening happened."""
    day = prepare_file(db_path, n_voters=8)
    store = Store(db_path, refresh_after=10, quiet=0.05)
    people = {t: participants.resolve(store, day.event_code, t)[1] for t in day.tokens}
    last: dict[str, dict] = {}
    failures: list[BaseException] = []
    stop = threading.Event()
    reads = [0]
    # The hall pauses together after each burst (on a busy machine, voters that each paused
    # on their own left the writer no quiet moment, and the test saw one reopening, not three).
    hall = threading.Barrier(len(day.tokens), timeout=120)

    def voter(token, seed):
        rng = random.Random(seed)
        try:
            for burst in range(8):
                for _ in range(4):
                    values = ballot(rng.randrange(1000), day.criteria)
                    ballots.save_scores(store, people[token], token, day.round_id, day.draft_ids[0], values)
                    last[token] = values
                hall.wait()
                stop.wait(0.2)          # the hall pauses: the writer may reopen the file now
        except BaseException as exc:  # noqa: BLE001
            hall.abort()
            failures.append(exc)

    def reader():
        try:
            while not stop.is_set():
                assert store.query_one("SELECT count(*) FROM participants")[0] >= len(day.tokens)
                store.read(lambda cur: cur.execute("SELECT count(*) FROM scores").fetchall())
                reads[0] += 1
        except BaseException as exc:  # noqa: BLE001
            failures.append(exc)

    readers = [threading.Thread(target=reader) for _ in range(4)]
    for t in readers:
        t.start()
    try:
        _start([threading.Thread(target=voter, args=(t, n)) for n, t in enumerate(day.tokens)])
    finally:
        stop.set()
        for t in readers:
            t.join(timeout=60)
    try:
        assert not failures, failures[:3]
        assert store.refreshes >= 3, f"{store.refreshes} refreshes after {store.commits} commits"
        assert reads[0] > 0
        for token, person in people.items():
            assert ballots.my_answers(store, person, day.round_id)["ballots"][day.draft_ids[0]]["scores"] == last[token]
    finally:
        store.close()
    # And from the file, as the next server start sees it.
    with duckdb.connect(str(db_path), read_only=True) as con:
        assert con.execute("SELECT count(DISTINCT participant_id) FROM scores").fetchone()[0] == len(day.tokens)


_MEMORY_SCRIPT = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    from testkit.memory_probe import mallinfo
    from tests.support.voters import prepare_file, ballot
    from vision import ballots, participants
    from vision.store import Store

    db, refresh = Path(sys.argv[1]), sys.argv[2] == "on"
    day = prepare_file(db, n_voters=30)
    store = Store(db, refresh_after=100 if refresh else None, quiet=0.01)
    people = [participants.resolve(store, day.event_code, t)[1] for t in day.tokens]
    def saves(n):
        for i in range(n):
            p, t = people[i % 30], day.tokens[i % 30]
            ballots.save_scores(store, p, t, day.round_id, day.draft_ids[i % len(day.draft_ids)], ballot(i, day.criteria))
    saves(100)                     # warm: every cache of the process is full
    time.sleep(0.2)
    before = mallinfo().uordblks
    for _ in range(2):             # DuckDB's keep grows by about 4.5 kB a save until 600 or so
        saves(100)
        time.sleep(0.2)            # a pause in the hall
    print(json.dumps({"grown": mallinfo().uordblks - before, "refreshes": store.refreshes}))
    store.close()
""")


def test_a_long_day_of_saves_does_not_keep_duckdbs_memory(tmp_path):
    """200 saves after 100 to warm up, each its own transaction, with pauses: without the
    store's reopening DuckDB keeps what they used in the C heap for good (0.9 MB when
    measured; 1.3 MB after 300 saves, 2.7 MB after 600, and 1 200 kept no more); with it,
    what it keeps is released at the pauses (0.02 MB). Measured as the C heap in use (glibc's
    ``mallinfo2``) in a fresh process for each case, the two side by side."""
    modes = ("off", "on")
    with ThreadPoolExecutor(2) as pool:
        out = dict(zip(modes, pool.map(lambda m: in_a_fresh_process(_MEMORY_SCRIPT, str(tmp_path / f"{m}.duckdb"), m),
                                       modes)))
    assert out["off"]["refreshes"] == 0 and out["on"]["refreshes"] > 0
    grown = {m: out[m]["grown"] for m in modes}
    assert grown["off"] > 0.5 * 2**20, f"without reopening DuckDB kept only {grown['off'] / 2**20:.1f} MB"
    assert grown["on"] < grown["off"] / 3, grown
