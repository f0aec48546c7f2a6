"""A chaos day: a compressed day of rounds with hundreds of phones that save and retry as
the real page does, while the server is killed (SIGKILL) at random moments and started
again each time. At the end, every save a phone was told about must be in the file, and
every round's results must equal what the phones last had confirmed.

    .venv/bin/python bench/chaos.py [--phones 300] [--rounds 48] [--round-seconds 5] [--kills 10]
    make chaos

The phones speak plain HTTP to ``POST /api/ballot`` (what the scoring form sends), one
save at a time each. In each round a phone saves a ballot for one of the drafts at a
random moment, and one in three changes its mind and saves again. A save that meets no
connection, a timeout (15 s) or a 5xx is sent again after 1, 2, 4 … 15 s (with jitter),
with the phone's latest values, until its receipt comes: the form's rule
(``vision/ui/scoring.py``). All rounds are open from the start; round i is voted in its
own slot of the day.

The organiser closes each round as on the day: when its slot is over and every phone
has its receipts for it (the control page's count), or ``--close-wait`` seconds after
the slot at the latest, they press "Luk" on the control page (a tab of its own speaking
Streamlit's protocol, ``bench/stclient.py``, with an organiser's login cookie). When the
server is down they open the page again and press again; a press whose answer was lost
shows as the round's "Åbn" button. A phone's save that comes after the close is refused
("Runden er lukket", 409) and counted; its last confirmed save is what counts.

The results are then read as the screens read them (``vision.results.compute``, once the
server has stopped): every round must be closed, and every draft's respondents, means per
criterion and overall, "Ved ikke" counts and suppression must equal what the bench works
out from the ballots the phones last had confirmed.

Prints the figures and writes them to ``bench/out/chaos.json``; exit 1 when a confirmed
save is lost, a round is not closed or its results differ. Bounded by ``--deadline`` (600 s).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
import websockets

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import organiser_cookie  # noqa: E402
from bench.stclient import ProtocolError, Session  # noqa: E402
from testkit.server import ORGANISER  # noqa: E402
from vision import events, participants, results, users  # noqa: E402
from vision.store import Store  # noqa: E402

SEND_TIMEOUT = 15.0
RETRY_FIRST, RETRY_MAX = 1.0, 15.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


CLOSED = "Runden er lukket"          # the refusal of a save that comes after the close (vision.ballots)


def prepare(db: Path, phones: int, rounds: int) -> dict:
    """The demo events, ``rounds`` open scoring rounds of TEMA17 and ``phones`` participants."""
    store = Store(db)
    try:
        events.seed_demo_events(store)
        event = events.get_event(store, "TEMA17")
        round_ids = [events.add_round(store, "chaos", event.id, "scoring", f"Runde {i + 1}") for i in range(rounds)]
        for rid in round_ids:
            events.open_round(store, "chaos", event.id, rid)
        content = events.event_content(store, event.id)
        units = events.units(store, event.id)
        groups = ("politiker", "embedsmand", "brugerorganisation")
        tokens = [participants.join_open(store, event, groups[i % 3], units[i % len(units)]) for i in range(phones)]
        return {"code": event.code, "event_id": event.id, "rounds": round_ids, "tokens": tokens,
                "drafts": [d.id for d in content["drafts"] if d.status == "approved"],
                "criteria": [c.key for c in content["criteria"]]}
    finally:
        store.close()


class Server:
    def __init__(self, db: Path, workdir: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(workdir / "server.log", "ab")
        self.env = dict(os.environ, VISIONSDAG_DB=str(db), VISIONSDAG_ENV="production",
                        VISIONSDAG_COOKIE_KEY="chaos-cookie-key-" + "x" * 40, VISIONSDAG_BACKUP_MINUTES="0",
                        VISIONSDAG_CREDENTIALS=str(workdir / "credentials.yaml"), PYTHONPATH=str(ROOT))
        users.add_user(workdir / "credentials.yaml", ORGANISER[0], ORGANISER[1], "organiser")   # who closes the rounds
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "vision.serve", "--server.port", str(self.port),
                                      "--server.address", "127.0.0.1", "--server.headless", "true"], cwd=ROOT,
                                     env=self.env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, sig)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


class Day:
    def __init__(self, args, setup: dict, server: Server):
        self.args, self.setup, self.server = args, setup, server
        self.confirmed: dict[tuple[int, int, int], dict] = {}    # (round, phone, draft) -> last confirmed scores
        self.in_flight: dict[tuple[int, int, int], dict] = {}    # sent, answer not (yet) received
        self.saves = self.retries = 0
        self.refused_closed: list[tuple[int, int, int]] = []     # saves that came after the round was closed
        self.busy: dict[int, int] = {}                           # round -> phones still saving in it
        self.closes: list[dict] = []
        self.unexpected: list[str] = []
        self.kills: list[dict] = []
        self.down = False
        self.first_confirmed_after: float | None = None          # when the current restart began
        self.unfinished = False
        self.until = time.monotonic() + args.deadline

    async def save(self, http, phone: int, rnd: int, draft: int, latest: dict) -> None:
        """Send the phone's latest values until a receipt comes (the form's rule)."""
        attempts = 0
        while True:
            scores = dict(latest)
            body = {"e": self.setup["code"], "t": self.setup["tokens"][phone], "round": rnd, "draft": draft,
                    "scores": scores, "comment": None, "lang": "da"}
            self.in_flight[(rnd, phone, draft)] = scores
            try:
                async with http.post(self.server.url + "/api/ballot", json=body,
                                     timeout=aiohttp.ClientTimeout(total=SEND_TIMEOUT)) as answer:
                    data = await answer.json(content_type=None)
                    status = answer.status
            except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
                status, data = None, None
            if status == 200 and data and data.get("count") == len(scores):
                self.confirmed[(rnd, phone, draft)] = scores
                self.in_flight.pop((rnd, phone, draft), None)
                self.saves += 1
                if self.first_confirmed_after is not None:
                    self.kills[-1]["first_receipt_after_restart"] = time.monotonic() - self.first_confirmed_after
                    self.first_confirmed_after = None
                return
            if status == 409 and data and str(data.get("error", "")).startswith(CLOSED):
                self.refused_closed.append((rnd, phone, draft))
                return
            if status is not None and status < 500:
                self.unexpected.append(f"{status}: {str(data)[:200]}")
                return
            attempts += 1
            self.retries += 1
            delay = min(RETRY_MAX, RETRY_FIRST * 2 ** min(attempts - 1, 5)) * random.uniform(0.75, 1.25)
            await asyncio.sleep(delay)

    async def phone(self, http, phone: int, started: float) -> None:
        rng = random.Random(phone)
        crit, drafts, length = self.setup["criteria"], self.setup["drafts"], self.args.round_seconds
        for i, rnd in enumerate(self.setup["rounds"]):
            slot = started + i * length
            draft = rng.choice(drafts)
            latest: dict = {}
            await asyncio.sleep(max(0.0, slot + rng.uniform(0, 0.6 * length) - time.monotonic()))
            latest.update({k: rng.choice([1, 2, 3, 4, 5, None]) for k in crit})
            try:
                await self.save(http, phone, rnd, draft, latest)
                if rng.random() < 1 / 3:
                    latest[rng.choice(crit)] = rng.randint(1, 5)
                    await self.save(http, phone, rnd, draft, latest)
            finally:
                self.busy[rnd] -= 1

    async def organiser(self, started: float) -> None:
        """Close each round in turn when its slot is over and its phones have their receipts
        (at most ``--close-wait`` s later), by pressing "Luk" on the control page."""
        length, cookie = self.args.round_seconds, organiser_cookie(self.server)
        for i, rnd in enumerate(self.setup["rounds"]):
            slot_end = started + (i + 1) * length
            await asyncio.sleep(max(0.0, slot_end - time.monotonic()))
            while self.busy[rnd] and time.monotonic() < slot_end + self.args.close_wait:
                await asyncio.sleep(0.2)
            waited, presses = time.monotonic() - slot_end, 0
            while True:
                presses += 1
                if await self.press_close(rnd, cookie):
                    break
                await asyncio.sleep(random.uniform(1.0, 2.0))       # the page reconnects, the organiser presses again
            self.closes.append({"round": rnd, "after_slot_s": round(time.monotonic() - slot_end, 1),
                                "waited_for_phones_s": round(waited, 1), "presses": presses,
                                "phones_still_saving": self.busy[rnd]})

    async def press_close(self, rnd: int, cookie: dict) -> bool:
        """One look at the control page and a press of the round's "Luk"; True once it shows closed."""
        tab = Session(self.server.url, f"event={self.setup['code']}", page_name="control", cookies=cookie, timeout=60)
        try:
            await tab.connect()
            run = await tab.rerun()
            if run.by_key(f"open{rnd}") is not None:            # closed by a press whose answer was lost
                return True
            button = run.by_key(f"close{rnd}")
            if button is None:
                return False
            tab.page_script_hash = ""      # name the page by its path, as a browser on /control does
            run = await tab.rerun([tab.trigger(button.id)], fragment_id=button.fragment_id or None)
            return run.by_key(f"open{rnd}") is not None
        except (OSError, asyncio.TimeoutError, ProtocolError, websockets.WebSocketException):
            return False                   # the server went down under the press
        finally:
            await tab.close()

    async def killer(self, started: float, day_seconds: float) -> None:
        rng = random.Random(4711)
        moments = sorted(rng.uniform(0.05, 0.95) * day_seconds for _ in range(self.args.kills))
        for at in moments:
            await asyncio.sleep(max(0.0, started + at - time.monotonic()))
            killed = time.monotonic()
            await asyncio.to_thread(self.server.kill)
            began = time.monotonic()
            self.kills.append({"at": round(killed - started, 1), "confirmed_before": self.saves})
            self.first_confirmed_after = began
            await asyncio.to_thread(self.server.start)
            await asyncio.to_thread(wait_healthy, self.server.url)
            self.kills[-1]["healthy_after_restart"] = time.monotonic() - began

    async def run(self) -> float:
        day_seconds = len(self.setup["rounds"]) * self.args.round_seconds
        connector = aiohttp.TCPConnector(limit=0)
        async with aiohttp.ClientSession(connector=connector) as http:
            started = time.monotonic() + 2.0
            self.busy = {rnd: len(self.setup["tokens"]) for rnd in self.setup["rounds"]}
            tasks = [asyncio.create_task(self.phone(http, p, started)) for p in range(len(self.setup["tokens"]))]
            tasks.append(asyncio.create_task(self.organiser(started)))
            kill_task = asyncio.create_task(self.killer(started, day_seconds))
            try:
                await asyncio.wait_for(asyncio.gather(kill_task, *tasks), timeout=self.until - time.monotonic())
            except asyncio.TimeoutError:
                self.unfinished = True
                for t in [kill_task, *tasks]:
                    t.cancel()
        return time.monotonic() - started


def wait_healthy(url: str, timeout: float = 120) -> None:
    import urllib.request
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("the server did not start")


def expected_results(ballots: dict, round_id: int, draft_ids: list[int], criteria: list[str],
                     minimum: int) -> dict[int, tuple]:
    """What the screens must show for each draft of a round, worked out here from the ballots
    (phone, draft) -> scores: respondents, and, where at least ``minimum`` answered, the mean
    of all scores, each criterion's mean (where ``minimum`` scored it) and its "Ved ikke"
    count (``vision.results``' rule, module doc)."""
    out = {}
    for d in draft_ids:
        mine = [v for (rnd, _p, draft), v in ballots.items() if rnd == round_id and draft == d]
        if len(mine) < minimum:
            out[d] = (len(mine), True, None, {}, {})
            continue
        given = {k: [v[k] for v in mine if v.get(k) is not None] for k in criteria}
        scored = sum(len(g) for g in given.values())
        out[d] = (len(mine), False, sum(sum(g) for g in given.values()) / scored if scored else None,
                  {k: (sum(g) / len(g) if len(g) >= minimum else None) for k, g in given.items()},
                  {k: sum(1 for v in mine if k in v and v[k] is None) for k in criteria})
    return out


def shown_results(dr) -> tuple:
    """A draft's results as ``vision.results`` gives them, in ``expected_results``' shape."""
    if dr.suppressed:
        return (dr.respondents, True, None, {}, {})
    return (dr.respondents, False, dr.mean, dict(dr.criterion_means), dict(dr.dont_know))


def same(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and abs(a - b) < 1e-9
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


def check(db: Path, day: Day) -> dict:
    """Compare the file with what the phones last had confirmed: ballot by ballot, and each
    round's final results as the app computes them for the screens (``vision.results``)."""
    store = Store(db)
    try:
        rows = store.query("SELECT s.round_id, t.token, s.draft_id, s.criterion_key, s.score FROM scores s "
                           "JOIN participant_tokens t ON t.participant_id = s.participant_id")
        shown = results.compute(store, day.setup["event_id"])
    finally:
        store.close()
    index = {tok: i for i, tok in enumerate(day.setup["tokens"])}
    stored: dict[tuple[int, int, int], dict] = {}
    for rnd, tok, draft, key, score in rows:
        stored.setdefault((rnd, index[tok], draft), {})[key] = score
    # A save that was sent when the day ended (or the server died) and never answered may be in.
    lost = [k for k, v in day.confirmed.items() if stored.get(k) != v and stored.get(k) != day.in_flight.get(k)]
    extra = [k for k in stored if k not in day.confirmed]
    final = {k: v for k, v in day.confirmed.items()}
    final.update({k: stored[k] for k in day.in_flight if k in stored and stored[k] == day.in_flight[k]})

    not_closed, differ, details = [], [], []
    for rnd in day.setup["rounds"]:
        rr = shown.round(rnd)
        if rr is None or rr.status != "closed":
            not_closed.append(rnd)
        if rr is None:
            differ.append(rnd)
            continue
        want = expected_results(final, rnd, [d.draft_id for d in rr.drafts], day.setup["criteria"],
                                shown.min_group_size)
        got = {d.draft_id: shown_results(d) for d in rr.drafts}
        if not same(got, want) or {d.draft_id for d in rr.drafts} != set(day.setup["drafts"]):
            differ.append(rnd)
            details.append({"round": rnd, "shown": repr(got)[:300], "confirmed": repr(want)[:300]})
    return {"ballots_confirmed": len(day.confirmed), "ballots_stored": len(stored), "lost": len(lost),
            "stored_but_never_confirmed": len(extra), "sent_when_it_ended": len(day.in_flight),
            "rounds_not_closed": len(not_closed), "rounds_whose_results_differ": len(differ),
            "respondents_shown": sum(d.respondents for rnd in day.setup["rounds"] if shown.round(rnd)
                                     for d in shown.round(rnd).drafts),
            "draft_means_compared": sum(1 for rnd in day.setup["rounds"] if shown.round(rnd)
                                        for d in shown.round(rnd).drafts if d.mean is not None),
            "differences": details[:3]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phones", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=48)
    parser.add_argument("--round-seconds", type=float, default=5.0)
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--close-wait", type=float, default=60.0,
                        help="seconds after a round's slot the organiser waits at most for its phones' receipts")
    parser.add_argument("--deadline", type=float, default=600.0, help="seconds for the whole run; the day stops there")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "chaos.json")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))     # stopped from outside: the server is stopped too
    with tempfile.TemporaryDirectory(prefix="visionsdag-chaos-") as tmp:
        work = Path(tmp)
        db = work / "chaos.duckdb"
        began = time.monotonic()
        setup = prepare(db, args.phones, args.rounds)
        server = Server(db, work)
        server.start()
        wait_healthy(server.url)
        day = Day(args, setup, server)
        day.until = began + args.deadline - 30          # room to stop and check
        try:
            seconds = asyncio.run(day.run())
        finally:
            server.kill(signal.SIGTERM)
        result = check(db, day)
        log = (work / "server.log").read_text(errors="replace")

    def spread(key: str, rows: list[dict] | None = None) -> dict | None:
        values = [k[key] for k in (day.kills if rows is None else rows) if key in k]
        return {"min": round(min(values), 1), "median": round(statistics.median(values), 1),
                "max": round(max(values), 1), "n": len(values)} if values else None

    figures = {
        "phones": args.phones, "rounds": args.rounds, "round_seconds": args.round_seconds,
        "day_seconds": round(seconds, 1), "total_seconds": round(time.monotonic() - began, 1),
        "kills": len(day.kills), "saves_confirmed": day.saves, "retries": day.retries,
        "restart_to_healthy_s": spread("healthy_after_restart"),
        "restart_to_first_receipt_s": spread("first_receipt_after_restart"),
        "load_average_at_end": round(os.getloadavg()[0], 1),
        "tracebacks_in_server_log": log.count("Traceback"),
        "rounds_closed": len(day.closes), "close_after_slot_s": spread("after_slot_s", day.closes),
        "close_presses": sum(c["presses"] for c in day.closes),
        "rounds_closed_with_phones_still_saving": sum(1 for c in day.closes if c["phones_still_saving"]),
        "saves_refused_round_closed": len(day.refused_closed),
        "finished": not day.unfinished, "unexpected": day.unexpected[:10], **result,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    print(json.dumps(figures, indent=2))
    ok = (not result["lost"] and not result["rounds_whose_results_differ"] and not result["rounds_not_closed"]
          and not day.unexpected and len(day.kills) >= args.kills and not day.unfinished)
    print("chaos day: " + ("nothing confirmed was lost" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
