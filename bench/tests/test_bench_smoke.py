"""The load generator works: five phones join through the real form and save their
ballots against a real server, one projector follows, and the lost-save check reads
the database file afterwards. Figures are not asserted (the benchmark prints them)."""

from __future__ import annotations

import json
import shutil

import pytest

from bench import load


@pytest.fixture(scope="module")
def smoke(tmp_path_factory):
    # In a thread of its own: the browser tests' Playwright keeps an event loop running in
    # the main thread for the whole session, and the load client needs asyncio.run().
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(load.run_app_scenario, 5, 1, "burst", tmp_path_factory.mktemp("bench"),
                           seed=7, timeout=60.0).result()


def test_every_phone_joins_and_every_save_is_confirmed(smoke):
    assert smoke["join"]["joined"] == 5
    assert smoke["error_count"] == 0, smoke["error_kinds"]
    assert smoke["vote"]["saves_attempted"] == smoke["vote"]["saves_confirmed"] > 0


def test_confirmed_saves_are_all_in_the_file(smoke):
    check = smoke["check"]
    assert check["lost"] == 0 and check["mismatched"] == 0
    assert check["ballots_in_db"] == smoke["vote"]["saves_confirmed"]
    assert check["participants_in_db"] >= 5


def test_the_projector_follows_and_the_writer_committed(smoke):
    assert smoke["projector"]["errors"] == []
    assert smoke["projector"]["staleness"]["n"] == 5
    assert smoke["writer"]["jobs"] >= smoke["vote"]["saves_confirmed"]
    assert smoke["writer"]["commits"] >= 1


def test_the_check_finds_a_save_that_is_missing(tmp_path):
    """A save confirmed to a phone but absent from the file is counted as lost."""
    from vision import events
    from vision.store import Store

    db = tmp_path / "lost.duckdb"
    store = Store(db)
    events.seed_demo_events(store)
    store.close()
    phone = load.Phone(0, session=None, token="x" * 30)
    phone.confirmed[(1, 2)] = ({"k": 3}, None)
    assert load.check_saved(db, 1, [phone])["lost"] == 1


@pytest.mark.parametrize("stock", [True, False], ids=["streamlit-run", "vision-serve"])
def test_the_floor_answers_every_press(tmp_path, stock):
    """The one-button floor runs as shipped (``streamlit run``) and through vision.serve."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        res = pool.submit(load.run_floor, 5, tmp_path, stock=stock, timeout=60.0).result()
    assert res["kind"] == ("floor" if stock else "floor-vision-serve")
    assert res["errors"] == 0 and res["latency"]["n"] == 5


@pytest.mark.parametrize("hall", ["same", "new"])
def test_a_short_day_opens_and_closes_the_round_and_keeps_every_save(tmp_path, hall, monkeypatch):
    """Two cycles of the compressed day: the organiser closes the round on the control page
    after the first hall and opens it again for the second (the same participants coming
    back with their own links, or a new hall); every participant's last confirmed save is in the
    file afterwards."""
    from concurrent.futures import ThreadPoolExecutor

    memory = tmp_path / "memory.jsonl"          # the server samples where its memory is
    monkeypatch.setenv("BENCH_MEMORY_FILE", str(memory))
    monkeypatch.setenv("BENCH_MEMORY_EVERY", "1")
    with ThreadPoolExecutor(max_workers=1) as pool:
        day = pool.submit(load.run_day, 5, tmp_path, 3, max_cycles=2, hall=hall).result()
    samples = [json.loads(line) for line in memory.read_text().splitlines()]
    last = samples[-1]
    assert last["duckdb_mb"] and last["py_arenas"] > 0 and last["rss_files_mb"] > 0 and last["rss_heap_mb"] > 0
    # the last sample may come after the phones have gone; during the day some held a session
    assert max(s.get("sessions", 0) for s in samples) >= 1
    assert [c["cycle"] for c in day["cycles"]] == [0, 1]
    assert all(c["errors"] == 0 and c["saves"] > 0 and c["phones"] == 3 for c in day["cycles"])
    assert day["check"]["lost"] == 0 and day["check"]["mismatched"] == 0
    if hall == "new":
        assert day["check"]["ballots_in_db"] == sum(c["saves"] for c in day["cycles"])
    else:      # the same three came back and replaced their ballots
        assert day["check"]["ballots_in_db"] == day["cycles"][1]["saves"]
        assert day["check"]["ballots_in_db_unconfirmed"] == 0


def test_each_app_burst_is_compared_with_the_floors_on_both_sides():
    """``--repeat``: floor, app, floor, app, floor gives two pairs, each app burst over the
    mean of its neighbouring stock floors; other scenarios in between are not floors."""
    def floor(p95, kind="floor"):
        return {"kind": kind, "n": 500, "mode": "burst", "latency": {"p95": p95}, "machine_speed_s": 0.1}

    def app(first, everything, mode="burst"):
        return {"kind": "app", "n": 500, "mode": mode, "machine_speed_s": 0.2,
                "vote": {"first_wave": {"p95": first}, "latency": {"p95": everything}}}

    seq = [floor(1.0), floor(0.1, "floor-vision-serve"), app(3.0, 3.3), app(9.0, 9.0, "spread"), floor(2.0),
           app(2.0, 2.5), floor(0.5)]
    pairs = load.paired_ratios(seq, 500)
    assert [round(p["ratio_first_wave"], 3) for p in pairs] == [2.0, 1.6]
    assert [round(p["ratio_all_saves"], 3) for p in pairs] == [2.2, 2.0]
    assert pairs[0]["floor_p95"] == [1.0, 2.0] and pairs[0]["machine_speed_s"] == [0.1, 0.2, 0.1]
    assert load.paired_ratios(seq[:3], 500) == []       # no floor after the app burst yet
    assert 0 < load.machine_speed() < 5


@pytest.mark.skipif(shutil.which("caddy") is None, reason="caddy is not installed (make run installs it as root)")
def test_the_burst_goes_through_the_door(tmp_path):
    """``--proxy`` / ``--door``: the same burst with Caddy in front; every save is confirmed
    and in the file, and Caddy's CPU is counted beside the app's."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        res = pool.submit(load.run_app_scenario, 5, 1, "burst", tmp_path, seed=7, timeout=60.0, proxy=True).result()
    assert res["way"] == "proxy" and res["error_count"] == 0, res["error_kinds"]
    assert res["vote"]["saves_attempted"] == res["vote"]["saves_confirmed"] == res["check"]["ballots_in_db"] > 0
    assert res["check"]["lost"] == 0 and res["check"]["mismatched"] == 0
    assert res["door_cpu_total_s"] > 0 and res["vote"]["door_cpu_s"] is not None


def test_each_burst_through_the_door_is_compared_with_the_direct_ones_on_both_sides():
    def app(way, p95, cpu=6.0):
        vote = {"first_wave": {"p50": p95 / 2, "p95": p95}, "latency": {"p50": p95 / 2, "p95": p95 * 2},
                "cpu_s": cpu, "door_cpu_s": 1.0 if way == "proxy" else None}
        return {"kind": "app", "n": 500, "mode": "burst", "way": way, "load_avg_before": [1.0], "vote": vote,
                "join": {"cpu_s": 40.0, "door_cpu_s": 2.0 if way == "proxy" else None}}

    seq = [app("direct", 0.1), app("proxy", 0.3, cpu=5.0), app("direct", 0.2), app("proxy", 0.2), app("direct", 0.2)]
    pairs = load.door_ratios(seq, 500)
    assert [round(p["first_wave_p95"]["ratio"], 3) for p in pairs] == [2.0, 1.0]
    assert pairs[0]["server_cpu_s"] == {"direct": 6.0, "proxy": 5.0} and pairs[0]["door_cpu_s"] == 1.0
    assert load.door_ratios(seq[:2], 500) == []


def test_a_short_live_day_waits_reloads_and_keeps_every_save(tmp_path):
    """Two rounds in real time with the hall staying: after the first round closes the
    phones reload, wait on the waiting screen (its watch asks which rounds are open), and
    vote again when the organiser opens it; every last confirmed save is in the file. The
    projector asks twice a second and draws only when there is something new."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        day = pool.submit(load.run_live_day, 1, tmp_path, 3, k=1, vote_s=20.0, break_s=10.0, timeout=60.0).result()
    first, second = day["cycles"]
    assert first["errors"] == second["errors"] == 0, (first["error_kinds"], second["error_kinds"])
    assert first["saves"] == first["attempted"] == 9 and second["saves"] == second["attempted"] == 9
    assert second["waiting_polls"] > 0 and first["waiting_polls"] == 0
    assert day["projector_errors"] == [] and day["projector_updates"][0] >= 3
    assert day["projector_questions"] > 2 * day["projector_updates"][0]
    assert day["check"]["lost"] == 0 and day["check"]["mismatched"] == 0 and day["phones"] == 3
    assert day["rss_by_minute"]


def test_the_writer_probe_times_each_phase_of_a_real_save(tmp_path):
    """``bench/writer_phases.py`` in a process of its own (it replaces the store's
    transaction): a real save through the writer is counted in every phase."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    out = tmp_path / "writer.json"
    script = f"""
import runpy, time
runpy.run_path("bench/writer_phases.py")
from vision import ballots, events, participants
from vision.store import Store
store = Store({str(tmp_path / 'w.duckdb')!r})
events.seed_demo_events(store)
ev = events.get_event(store, "TEMA17")
rnd = next(r for r in events.rounds(store, ev.id) if r.kind == "scoring")
events.open_round(store, "t", ev.id, rnd.id)
token = participants.join_open(store, ev, "politiker", "Aalborg")
_, p = participants.resolve(store, "TEMA17", token)
ballots.save_scores(store, p, token, rnd.id, events.drafts(store, ev.id)[0].id, {{"retning": 4}})
time.sleep(1.5)
"""
    root = Path(__file__).resolve().parents[2]          # the project, from bench/tests/
    subprocess.run([sys.executable, "-c", script], cwd=root, check=True, timeout=60,
                   env={**os.environ, "BENCH_WRITER_FILE": str(out), "PYTHONPATH": str(root)})
    phases = json.loads(out.read_text())
    assert phases["replace_ballots"]["calls"] == 1
    assert phases["begin"]["calls"] == phases["commit"]["calls"] == phases["jobs"]["calls"] >= 4
    # Both clocks are read; they are not compared: the kernel samples a thread's CPU time
    # at its own granularity, so for sub-millisecond calls CPU can exceed wall time.
    assert all(p["wall_s"] > 0 and p["cpu_s"] >= 0 for p in phases.values())


def test_the_day_report_counts_refusals_after_the_close_apart_and_fits_the_memory(capsys):
    """A save pressed after the organiser closed the round is the app working, not an
    error; older runs only list it among the errors' kinds. The report also fits RSS."""
    from bench import report

    closed = "save not confirmed: Runden er lukket. Dit svar blev ikke gemt."
    assert report.refusals({"refused_closed": 3, "errors": 1, "error_kinds": ["x"]}) == (3, 1)
    assert report.refusals({"errors": 2, "error_kinds": [closed]}) == (2, 0)
    assert report.refusals({"errors": 2, "error_kinds": [closed, "save TimeoutError: "]}) == (0, 2)
    rounds = [{"cycle": c, "minute": 2 * c, "rss_mb": 400 + 2 * c, "saves": 900, "attempted": 900,
               "refused_closed": 0, "errors": 0, "error_kinds": [], "p50_ms": 20, "p95_ms": 50,
               "waiting_polls": 100} for c in range(8)]
    report.tables_of_the_rest([{"kind": "live-day", "n": 300, "k": 3, "vote_s": 75, "break_s": 45,
                                "check": {"lost": 0}, "cycles": rounds}])
    out = capsys.readouterr().out
    assert "| 7 | 14 | 414 | 900 / 900 | 0 | 0 | 20 | 50 | 100 |" in out
    assert "RSS over the last 4 rounds: +2.00 MB a round" in out
