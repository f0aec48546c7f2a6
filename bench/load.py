"""Load generator: a hall of phones and a few projector screens against a real server.

Every simulated phone opens ``/?e=CODE`` (the plain join form) and joins through it (group,
municipality, "Deltag": ``POST /join``), then opens its own page as one websocket session
that speaks Streamlit's protocol (see ``bench/stclient.py``), and saves a full ballot for every open
draft the way the page's scoring form does: nine scores and sometimes a comment in one
request (``POST /api/ballot``), confirmed by its answer, the receipt. Projector screens
are sessions of the real
projector page (``/storskaerm?event=CODE``) that carry an organiser login cookie
(signed with the server's cookie key, as the login would set it); like the page's
watch in a browser (``vision/ui/watch.py``), each asks ``POST /api/screen`` twice a
second and runs the page's fragment when the answer says there is something new. A
phone on the waiting screen asks ``POST /api/rounds`` every few seconds the same way.

For each scenario the server is started fresh (``bench/serve.py`` wraps ``streamlit
run`` to read the writer's counters), and afterwards stopped; then the database file
is read to check that every save confirmed to a phone is in it (lost saves).

    python bench/load.py                       # the standard set (see --help)
    python bench/load.py --n 300 --modes burst --k 3
    python bench/load.py --day 30              # a compressed day: memory over time
    python bench/load.py --n 500 --modes "" --no-floor --door 3   # bursts through Caddy between direct ones

Figures are printed and written as JSON to bench/results/ (not committed).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import weakref
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402
import psutil  # noqa: E402

from bench.stclient import ProtocolError, Session  # noqa: E402
from testkit.join_form import GROUP_KEYS, join_body, token_from, units_in  # noqa: E402
from testkit.server import ORGANISER, ProxiedServer, StreamlitServer  # noqa: E402
from testkit.stproto import form_body  # noqa: E402

EVENT = "VISION20"
FORM_COMPONENT = "visionsdag_scoring"   # a draft's scoring form (vision/ui/scoring.py)
WATCH_COMPONENT = "visionsdag_watch"     # a page's question to the server (vision/ui/watch.py)
WAITING_TEXT = "Ingen runde er åben lige nu"
CONFIRM_TEXT = "Gemt kl."
CLOSED_TEXT = "Runden er lukket."   # the refusal of a save pressed after the round closed
PROJECTOR_PAGES = ("projector", "storskaerm")
ASSETS = ROOT / "bench" / "phone_assets.txt"
RESULTS = ROOT / "bench" / "results"


# -- the server -------------------------------------------------------------------------------------
class BenchServer(StreamlitServer):
    """A fresh server (database, demo events, logins) running ``script`` through bench/serve.py."""

    def __init__(self, workdir: Path, script: str = "vision/server/entry/asgi.py", post_script_gc: bool | None = None):
        workdir.mkdir(parents=True, exist_ok=True)
        super().__init__(workdir, extra_env={"BENCH_STATS_FILE": str(workdir / "stats.json")})
        self.script = script
        self.post_script_gc = post_script_gc
        self.stats_file = workdir / "stats.json"

    @property
    def app_listens_on(self) -> int:
        return self.port

    def command(self) -> list[str]:
        extra = [] if self.post_script_gc is None else ["--runner.postScriptGC", str(self.post_script_gc).lower()]
        return [sys.executable, str(ROOT / "bench" / "serve.py"), self.script, "--server.port",
                str(self.app_listens_on), "--server.address", "127.0.0.1", "--server.headless", "true", *extra]

    def stats(self) -> dict:
        try:
            return json.loads(self.stats_file.read_text())
        except (OSError, ValueError):
            return {}


class ProxiedBenchServer(BenchServer, ProxiedServer):
    """The same server behind the door, as ``make run`` serves it (``testkit.server.ProxiedServer``:
    Caddy on ``port`` with the Caddyfile ``vision.door`` renders, the app on a loopback port of
    its own). The phones' pages, websockets and saves then all go through Caddy."""

    @property
    def app_listens_on(self) -> int:
        return self.app_port


def prepare_app_db(server: BenchServer) -> dict:
    """Demo events and logins; open the scoring round of the bench event (before the server starts)."""
    from vision import events
    from vision.store import Store

    server.prepare()
    store = Store(server.db)
    try:
        event = events.get_event(store, EVENT)
        scoring = next(r for r in events.rounds(store, event.id) if r.kind == "scoring")
        events.open_round(store, "bench", event.id, scoring.id)
        drafts = [d.id for d in events.drafts(store, event.id)]
        return {"event_id": event.id, "round_id": scoring.id, "drafts": drafts}
    finally:
        store.close()


def organiser_cookie(server: BenchServer) -> dict[str, str]:
    """The login cookie the authenticator sets after a successful organiser login."""
    import jwt

    key = server.env["VISIONSDAG_COOKIE_KEY"]
    name = server.env.get("VISIONSDAG_COOKIE_NAME", "visionsdag_login")
    token = jwt.encode({"username": ORGANISER[0], "exp_date": (datetime.now() + timedelta(days=1)).timestamp()},
                       key, algorithm="HS256")
    return {name: token}


class Monitor:
    """Samples the server process: CPU seconds (user+system) and RSS, every 0.2 s."""

    def __init__(self, pid: int, interval: float = 0.2):
        self.proc = psutil.Process(pid)
        self.interval = interval
        self.samples: list[tuple[float, float, int, float]] = []   # (t, user+system CPU, RSS, system CPU)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self):
        try:
            with self.proc.oneshot():
                c = self.proc.cpu_times()
                self.samples.append((time.perf_counter(), c.user + c.system, self.proc.memory_info().rss, c.system))
        except psutil.Error:
            pass

    def _run(self):
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    def start(self) -> "Monitor":
        self._thread.start()
        return self

    def stop(self):
        self._stop.set()
        self._thread.join(timeout=2)
        self._sample()

    def cpu_between(self, t0: float, t1: float, field: int = 1) -> float:
        """CPU seconds between two moments: user + system, or (field=3) system only."""
        before = [s for s in self.samples if s[0] <= t0] or self.samples[:1]
        after = [s for s in self.samples if s[0] >= t1] or self.samples[-1:]
        return after[0][field] - before[-1][field]

    def peak_rss(self, t0: float = 0.0, t1: float = float("inf")) -> int:
        return max((s[2] for s in self.samples if t0 <= s[0] <= t1), default=0)

    def rss_now(self) -> int:
        return self.samples[-1][2] if self.samples else 0


# -- statistics -------------------------------------------------------------------------------------
def pct(values: list[float], p: float) -> float | None:
    if not values:
        return None
    v = sorted(values)
    k = (len(v) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def summary(values: list[float]) -> dict:
    return {"n": len(values), "p50": pct(values, 0.5), "p95": pct(values, 0.95),
            "max": max(values) if values else None}


def load_avg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


# -- phones -----------------------------------------------------------------------------------------
@dataclass
class Phone:
    index: int
    session: Session
    token: str = ""
    ballot: dict = field(default_factory=dict)        # (round_id, draft_id) -> {"save": id, "scores": {crit: id}, "comment": id}
    confirmed: dict = field(default_factory=dict)     # (round_id, draft_id) -> ({crit: int|None}, comment|None)
    first_confirmed_at: float | None = None


@dataclass
class Tally:
    save_latency: list[float] = field(default_factory=list)
    first_wave_latency: list[float] = field(default_factory=list)
    join_latency: list[float] = field(default_factory=list)
    open_latency: list[float] = field(default_factory=list)
    saves_attempted: int = 0
    saves_confirmed: int = 0
    round_may_close: bool = False  # the organiser closes the round while phones may still press save
    refused_closed: int = 0        # pressed after that: refused, as it should be (otherwise an error)
    errors: list[str] = field(default_factory=list)

    def error(self, what: str) -> None:
        self.errors.append(what)


def read_ballot(phone: Phone, run) -> None:
    """The drafts' scoring forms on the voting page: what each form's browser code knows
    (its request's address, the round, the draft, the criteria)."""
    phone.ballot.clear()
    for el in run.elements:
        if el.kind == "bidi_component" and el.proto.component_name == FORM_COMPONENT:
            form = json.loads(el.proto.json)
            phone.ballot[(form["round"], form["draft"])] = form


async def open_link(url: str, i: int, tally: Tally, timeout: float, token: str = "") -> Phone:
    """A phone opens the QR link; with ``token``, its own link again (a participant who
    joined earlier in the day comes back to the page)."""
    s = Session(url, f"e={EVENT}" + (f"&t={token}" if token else ""), timeout=timeout)
    t0 = time.perf_counter()
    await s.connect()
    run = await s.rerun()
    tally.open_latency.append(time.perf_counter() - t0)
    return Phone(i, s, token=token), run


async def come_back(phone: Phone, run) -> None:
    """A participant who joined earlier opens their own link: the voting page, no form."""
    read_ballot(phone, run)
    if not phone.ballot:
        raise RuntimeError("no open draft on the voting page: " + "; ".join(a.text for a in run.alerts()))


async def join(url: str, i: int, tally: Tally, timeout: float) -> tuple[Phone, object]:
    """Open the QR link's form (a plain page), fill it in like a person would and press
    "Deltag"; then the phone's own page opens (its websocket, its voting page)."""
    async with asyncio.timeout(timeout):
        async with http().get(f"{url}/?e={EVENT}") as form:
            units = units_in(await form.text())
        if form.status != 200 or not units:
            raise RuntimeError(f"join form not found ({form.status})")
        t0 = time.perf_counter()
        async with http().post(f"{url}/join?e={EVENT}", allow_redirects=False,
                               data=join_body(GROUP_KEYS[i % len(GROUP_KEYS)], units[(i * 7) % len(units)]),
                               headers={"Content-Type": "application/x-www-form-urlencoded"}) as sent:
            token = token_from(sent.headers.get("Location"))
            if sent.status != 303 or not token:
                raise RuntimeError(f"no token after joining ({sent.status}): {(await sent.text())[:200]}")
        tally.join_latency.append(time.perf_counter() - t0)
    phone, run = await open_link(url, i, tally, timeout, token)
    read_ballot(phone, run)
    if not phone.ballot:
        raise RuntimeError("no open draft on the voting page")
    return phone, run


_http: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, aiohttp.ClientSession]" = weakref.WeakKeyDictionary()


def http() -> "aiohttp.ClientSession":
    """One HTTP client for all phones of this event loop, with a connection of its own for
    every request in flight (a hall of phones is as many connections as phones). An idle
    connection is dropped before the server's keep-alive of 5 s would close it under a
    request."""
    loop = asyncio.get_running_loop()
    if loop not in _http:
        import aiohttp

        _http[loop] = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=0, keepalive_timeout=4.0),
            timeout=aiohttp.ClientTimeout(total=120.0))
    return _http[loop]


async def close_http() -> None:
    client = _http.pop(asyncio.get_running_loop(), None)
    if client is not None:
        await client.close()


async def save(phone: Phone, key: tuple[int, int], rng: random.Random, tally: Tally, wave: int) -> None:
    """Choose all nine scores (and sometimes a comment) for one draft and press save: the
    form sends one request (``POST /api/ballot``) and shows the receipt it answers with."""
    form = phone.ballot[key]
    expected: dict[str, int | None] = {}
    for crit in form["criteria"]:
        value, _label = rng.choice(form["options"])
        expected[crit["key"]] = value
    comment = f"Kommentar {phone.index}-{key[1]}-{rng.randrange(10**6)}" if rng.random() < 0.2 else None
    body = form_body(form, expected, comment or "")
    tally.saves_attempted += 1
    t0 = time.perf_counter()
    try:
        async with http().post(phone.session.base_url + form["url"], json=body) as answer:
            status, reply = answer.status, await answer.json(content_type=None)
        confirmed_at = time.perf_counter()
    except Exception as exc:  # noqa: BLE001 - every failure is counted, none stops the hall
        tally.error(f"save {type(exc).__name__}: {exc}")
        return
    if isinstance(reply, dict) and "shown" in reply and reply["shown"] != form["shown"]:
        # The organiser has changed what the page shows: the form runs the page again, as in the browser.
        try:
            read_ballot(phone, await phone.session.rerun())
        except Exception as exc:  # noqa: BLE001
            tally.error(f"page after save {type(exc).__name__}: {exc}")
    if status != 200 or "time" not in reply:
        problem = reply.get("error") if isinstance(reply, dict) else None
        if tally.round_may_close and problem and problem.startswith(CLOSED_TEXT):
            tally.refused_closed += 1
        else:
            tally.error(f"save not confirmed: {status} {problem or 'no receipt'}")
        return
    latency = confirmed_at - t0
    tally.save_latency.append(latency)
    if wave == 0:
        tally.first_wave_latency.append(latency)
    tally.saves_confirmed += 1
    phone.confirmed[key] = (expected, comment)
    if phone.first_confirmed_at is None:
        phone.first_confirmed_at = confirmed_at


async def vote(phone: Phone, start_at: float, rng: random.Random, tally: Tally, think: tuple[float, float]):
    await asyncio.sleep(max(0.0, start_at - time.perf_counter()))
    for wave, key in enumerate(sorted(phone.ballot)):
        if wave:
            await asyncio.sleep(rng.uniform(*think))
        if key in phone.ballot:
            await save(phone, key, rng, tally, wave)


# -- projectors -------------------------------------------------------------------------------------
def find_watch(run):
    """The page's watch (``vision.ui.watch``): its element and what its browser code knows
    (the question's address and body, the state drawn, the interval), or None."""
    for el in run.elements:
        if el.kind == "bidi_component" and el.proto.component_name == WATCH_COMPONENT:
            return el, json.loads(el.proto.json)
    return None


async def watch_until_changed(session, watch, stop: asyncio.Event, asked: list | None = None):
    """Do what the watch's browser code does: ask its question every interval, and when the
    answer differs from what the page drew, send the component's event, which runs the page
    (or its fragment) again. Returns that run, or None once ``stop`` is set."""
    el, data = watch
    next_tick = time.perf_counter() + data["every"]
    while not stop.is_set():
        await asyncio.sleep(max(0.0, next_tick - time.perf_counter()))
        next_tick = max(next_tick + data["every"], time.perf_counter())
        async with http().post(session.base_url + data["url"], json=data["body"]) as answer:
            status, reply = answer.status, await answer.json(content_type=None)
        if asked is not None:
            asked.append(1)
        if (status == 200 and reply.get("state") != data["state"]) or status in (404, 409):
            return await session.rerun(triggers=[session.component_event(el.id, "changed", time.time())],
                                       fragment_id=el.fragment_id or None)
        if status != 200:
            raise RuntimeError(f"{data['url']} answered {status}")
    return None


async def projector(url: str, cookies: dict, stop: asyncio.Event, updates: list, errors: list, timeout: float,
                    asked: list | None = None):
    """A projector screen: the real page, then its watch: a question twice a second, and a
    run of its fragment when there is something new to draw."""
    try:
        for page in PROJECTOR_PAGES:       # the page's URL path (it has had two names)
            s = Session(url, f"event={EVENT}", page_name=page, cookies=cookies, timeout=timeout)
            await s.connect()
            try:
                run = await s.rerun()
                break
            except ProtocolError:
                await s.close()
        else:
            errors.append("projector: page not found")
            return
        watch = find_watch(run)
        if watch is None:
            errors.append("projector: no watch (login cookie refused?)")
            return
        while not stop.is_set():
            run = await watch_until_changed(s, watch, stop, asked)
            if run is None:
                break
            metric = next((e for e in run.elements if e.kind == "metric" and e.proto.label == "Har svaret"), None)
            if metric is not None:
                updates.append((metric.at, respondents(metric.proto.body)))
            watch = find_watch(run) or watch
    except Exception as exc:  # noqa: BLE001
        errors.append(f"projector {type(exc).__name__}: {exc}")
    finally:
        await s.close()


async def organiser_sets_round(url: str, cookies: dict, round_id: int, action: str, timeout: float = 60.0) -> None:
    """The organiser presses "Åbn" (``action="open"``) or "Luk" (``"close"``) for a round on
    the control page, as in the browser, and the page then shows the opposite button."""
    s = Session(url, f"event={EVENT}", page_name="control", cookies=cookies, timeout=timeout)
    await s.connect()
    try:
        run = await s.rerun()
        button = run.by_key(f"{action}{round_id}")
        if button is None:
            raise RuntimeError(f"control page: no '{action}' button for round {round_id}")
        # Name the page by its URL path again, as a browser on /control does: the hash this
        # client keeps from new_session is the app's main script (st.navigation), and a rerun
        # with it alone would run the main page.
        s.page_script_hash = ""
        run = await s.rerun([s.trigger(button.id)])
        other = "close" if action == "open" else "open"
        if run.by_key(f"{other}{round_id}") is None:
            raise RuntimeError(f"control page: round {round_id} did not {action}: "
                               + "; ".join(a.text for a in run.alerts()))
    finally:
        await s.close()


def respondents(body: str) -> int:
    """The count a "Har svaret" metric shows: "123", "1.234" or "123 / 500"."""
    first = body.split("/")[0]
    return int("".join(ch for ch in first if ch.isdigit()) or 0)


def staleness(confirmations: list[float], updates: list[tuple[float, int]], end: float) -> list[float]:
    """For the i-th participant whose first save was confirmed at c_i: time until the
    projector first showed at least i respondents, 0 if it did before c_i (the screen
    draws only when something changed, and may draw a commit before its answer has
    reached the phone). The count only grows within a round."""
    out = []
    ups = sorted(updates)
    for i, c in enumerate(sorted(confirmations), start=1):
        seen = next((t for t, n in ups if n >= i), None)
        out.append(max(0.0, (seen if seen is not None else end) - c))
    return out


# -- static files (the join wave) --------------------------------------------------------------------
def fetch_assets(url: str, paths: list[str]) -> tuple[int, int, float]:
    """One phone's first visit: every file the browser loads, over a keep-alive connection."""
    import requests

    t0 = time.perf_counter()
    n = size = 0
    with requests.Session() as http:
        http.headers["Accept-Encoding"] = "gzip, deflate, br"
        for p in paths:
            r = http.get(url + p, timeout=60)
            n += 1
            size += len(r.content)
    return n, size, time.perf_counter() - t0


def asset_paths() -> list[str]:
    lines = [ln.strip() for ln in ASSETS.read_text().splitlines() if ln.strip() and not ln.startswith("#")]
    return [f"/?e={EVENT}" if ln.startswith("/?") else ln for ln in lines]


# -- scenarios --------------------------------------------------------------------------------------
def check_saved(db: Path, round_id: int, phones: list[Phone]) -> dict:
    """Read the file after the server stopped: every confirmed save must be in it, as confirmed."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "SELECT t.token, s.draft_id, s.criterion_key, s.score, s.dont_know FROM scores s "
            "JOIN participant_tokens t ON t.participant_id = s.participant_id WHERE s.round_id = ?",
            [round_id]).fetchall()
        comments = dict(((tok, d), text) for tok, d, text in con.execute(
            "SELECT t.token, c.draft_id, c.text FROM comments c "
            "JOIN participant_tokens t ON t.participant_id = c.participant_id WHERE c.round_id = ?",
            [round_id]).fetchall())
        joined = con.execute("SELECT count(*) FROM participant_tokens").fetchone()[0]
    finally:
        con.close()
    stored: dict = {}
    for tok, d, crit, score, dk in rows:
        stored.setdefault((tok, d), {})[crit] = None if dk else int(score)
    lost = mismatched = 0
    for ph in phones:
        for (r, d), (scores, comment) in ph.confirmed.items():
            have = stored.get((ph.token, d))
            if have is None:
                lost += 1
            elif have != scores or comments.get((ph.token, d)) != comment:
                mismatched += 1
    confirmed_keys = {(ph.token, d) for ph in phones for (_, d) in ph.confirmed}
    return {"lost": lost, "mismatched": mismatched, "ballots_in_db": len(stored),
            "ballots_in_db_unconfirmed": len(set(stored) - confirmed_keys), "participants_in_db": joined}


async def _hall(url: str, n: int, k: int, mode: str, window: float, cookies: dict, seed: int,
                monitor: Monitor, with_assets: bool, timeout: float, server_stats=dict,
                tokens: list[str] | None = None, door: Monitor | None = None) -> dict:
    """One hall: ``n`` phones join (or, with ``tokens``, those participants come back),
    ``k`` projector screens follow, and the phones save their ballots. ``door``: the proxy
    in front (Caddy), whose CPU is counted beside the server's."""
    rng = random.Random(seed)
    tally = Tally()
    phones: list[Phone] = []
    out: dict = {}

    # 1. The join wave: phones open the link and join (a few at a time, or all with their static files).
    t_join = time.perf_counter()
    asset_stats: list[tuple[int, int, float]] = []
    sem = asyncio.Semaphore(50)
    loop = asyncio.get_running_loop()
    pool = ThreadPoolExecutor(max_workers=24) if with_assets else None
    paths = asset_paths() if with_assets else []

    async def arrive(i: int):
        await asyncio.sleep(rng.uniform(0, 20.0) if with_assets else 0)
        async with sem:
            try:
                if with_assets:
                    asset_stats.append(await loop.run_in_executor(pool, fetch_assets, url, paths))
                if tokens:
                    phone, run = await open_link(url, i, tally, timeout, tokens[i])
                    await come_back(phone, run)
                else:
                    phone, run = await join(url, i, tally, timeout)
                phones.append(phone)
            except Exception as exc:  # noqa: BLE001
                tally.error(f"join {type(exc).__name__}: {exc}")

    await asyncio.gather(*(arrive(i) for i in range(n)))
    if pool:
        pool.shutdown()
    t_joined = time.perf_counter()
    out["join"] = {"seconds": t_joined - t_join, "cpu_s": monitor.cpu_between(t_join, t_joined),
                   "door_cpu_s": door.cpu_between(t_join, t_joined) if door else None,
                   "joined": len(phones), "open": summary(tally.open_latency), "join": summary(tally.join_latency)}
    if with_assets and asset_stats:
        out["join"]["assets"] = {"requests_per_phone": asset_stats[0][0],
                                 "bytes_per_phone": statistics.median(a[1] for a in asset_stats),
                                 "fetch": summary([a[2] for a in asset_stats])}

    # 2. Projectors start, then the hall votes.
    stop = asyncio.Event()
    updates: list[list] = [[] for _ in range(k)]
    proj_errors: list[str] = []
    proj_tasks = [asyncio.create_task(projector(url, cookies, stop, updates[j], proj_errors, timeout))
                  for j in range(k)]
    await asyncio.sleep(2.0)
    stats0 = out.setdefault("_stats0", None)
    spy = None
    if os.environ.get("BENCH_PYSPY"):      # profile the server while the hall votes
        spy = subprocess.Popen([str(Path(sys.executable).parent / "py-spy"), "record", "-p", str(monitor.proc.pid),
                                "-o", os.environ["BENCH_PYSPY"], "-f", os.environ.get("BENCH_PYSPY_FORMAT", "speedscope"),
                                "-r", os.environ.get("BENCH_PYSPY_RATE", "50"), "--nonblocking", *os.environ.get("BENCH_PYSPY_ARGS", "").split()],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        await asyncio.sleep(1.0)
    t_vote = time.perf_counter()
    client_cpu0 = time.process_time()
    w0 = server_stats()
    think = (0.5, 3.0)
    await asyncio.gather(*(vote(ph, t_vote + rng.uniform(0, window), rng, tally, think) for ph in phones))
    t_voted = time.perf_counter()
    client_cpu = time.process_time() - client_cpu0
    await asyncio.sleep(0.5)            # the server writes its counters five times a second
    w1 = server_stats()
    if spy is not None:
        spy.send_signal(signal.SIGINT)
        spy.wait(timeout=60)
    await asyncio.sleep(3.0)            # let the projectors catch up
    stop.set()
    await asyncio.gather(*proj_tasks)
    t_end = time.perf_counter()
    await asyncio.gather(*(ph.session.close() for ph in phones))

    firsts = [ph.first_confirmed_at for ph in phones if ph.first_confirmed_at is not None]
    stale = [x for ups in updates if ups for x in staleness(firsts, ups, t_end)]
    out.update({
        "phones": phones, "stats0": stats0,
        "vote": {"seconds": t_voted - t_vote, "cpu_s": monitor.cpu_between(t_vote, t_voted),
                 "sys_cpu_s": monitor.cpu_between(t_vote, t_voted, field=3), "client_cpu_s": client_cpu,
                 "door_cpu_s": door.cpu_between(t_vote, t_voted) if door else None,
                 "writer_busy_s": w1.get("writer_busy_s", 0) - w0.get("writer_busy_s", 0),
                 "commits": w1.get("commits", 0) - w0.get("commits", 0),
                 "saves_attempted": tally.saves_attempted, "saves_confirmed": tally.saves_confirmed,
                 "latency": summary(tally.save_latency), "first_wave": summary(tally.first_wave_latency)},
        "projector": {"screens": k, "updates": [len(u) for u in updates], "staleness": summary(stale),
                      "shown": [[(round(t - t_vote, 3), n) for t, n in u] for u in updates],
                      "confirmed": [round(c - t_vote, 3) for c in sorted(firsts)],
                      "errors": proj_errors},
        "errors": tally.errors,
    })
    await close_http()
    return out


def run_app_scenario(n: int, k: int, mode: str, workdir: Path, seed: int = 1, with_assets: bool = False,
                     post_script_gc: bool | None = None, timeout: float = 120.0, probe: Path | None = None,
                     proxy: bool = False) -> dict:
    """One hall against a fresh server. ``probe``: a file the server runs before it starts,
    to take a layer out (``bench/layers/``); the lost-save check then does not apply.
    ``proxy``: the server behind the door (Caddy), as ``make run`` serves it; the phones,
    projectors and organiser then reach the app only through Caddy."""
    window = {"burst": 1.0, "spread": 30.0}[mode]
    cls = ProxiedBenchServer if proxy else BenchServer
    server = cls(workdir / f"app-{mode}-{n}{'-' + probe.stem if probe else ''}{'-door' if proxy else ''}",
                 post_script_gc=post_script_gc)
    if probe:
        server.env["BENCH_PROBE"] = str(probe)
    setup = prepare_app_db(server)
    la0 = load_avg()
    server.start()
    monitor = Monitor(server.proc.pid).start()
    door = Monitor(server.caddy.pid).start() if proxy else None
    t0 = time.perf_counter()
    try:
        time.sleep(1.0)
        s_before = server.stats()
        res = asyncio.run(_hall(server.url, n, k, mode, window, organiser_cookie(server), seed, monitor,
                                with_assets, timeout, server.stats, door=door))
        time.sleep(1.0)
        s_after = server.stats()
    finally:
        monitor.stop()
        if door:
            door.stop()
        server.stop()
    check = check_saved(server.db, setup["round_id"], res.pop("phones"))
    res.pop("stats0", None)
    res.pop("_stats0", None)
    commits = s_after.get("commits", 0) - s_before.get("commits", 0)
    jobs = s_after.get("jobs_committed", 0) - s_before.get("jobs_committed", 0)
    res.update({
        "kind": "app" if probe is None else f"app-{probe.stem}", "mode": mode, "n": n, "k": k, "window_s": window,
        "way": "proxy" if proxy else "direct", "load_avg_before": la0,
        "load_avg_after": load_avg(), "peak_rss_mb": monitor.peak_rss() / 2**20, "cpu_total_s":
        monitor.cpu_between(t0, time.perf_counter()), "check": check,
        "door_cpu_total_s": door.cpu_between(t0, time.perf_counter()) if door else None,
        "writer": {"commits": commits, "jobs": jobs, "jobs_per_commit": (jobs / commits) if commits else None,
                   "results_computations": s_after.get("results_computations")},
        "error_count": len(res["errors"]), "error_kinds": sorted(set(e[:80] for e in res["errors"]))[:5],
    })
    res.pop("errors")
    return res


async def _floor(url: str, n: int, window: float, seed: int, timeout: float) -> dict:
    rng = random.Random(seed)
    sessions = []
    sem = asyncio.Semaphore(50)
    lat: list[float] = []
    errors: list[str] = []

    async def connect():
        async with sem:
            s = Session(url, "", timeout=timeout)
            await s.connect()
            run = await s.rerun()
            sessions.append((s, run.by_key("save").id))

    await asyncio.gather(*(connect() for _ in range(n)))
    t0 = time.perf_counter()

    async def press(s, wid, at):
        await asyncio.sleep(max(0.0, at - time.perf_counter()))
        t = time.perf_counter()
        try:
            run = await s.rerun([s.trigger(wid)])
        except Exception as exc:  # noqa: BLE001
            errors.append(f"{type(exc).__name__}: {exc}")
            return
        ok = next((e for e in run.alerts() if e.text == "Gemt"), None)
        if ok is None:
            errors.append("no confirmation")
        else:
            lat.append(ok.at - t)

    await asyncio.gather(*(press(s, wid, t0 + rng.uniform(0, window)) for s, wid in sessions))
    t1 = time.perf_counter()
    await asyncio.gather(*(s.close() for s, _ in sessions))
    return {"seconds": t1 - t0, "latency": summary(lat), "errors": len(errors), "t0": t0, "t1": t1}


def run_floor(n: int, workdir: Path, mode: str = "burst", seed: int = 2, timeout: float = 120.0,
              post_script_gc: bool | None = None, stock: bool = True) -> dict:
    """The one-button app under the same burst. ``stock``: served by ``streamlit run`` as
    shipped (the floor the targets name); otherwise through ``vision.serve``, as the app is."""
    window = {"burst": 1.0, "spread": 30.0}[mode]
    server = BenchServer(workdir / f"floor-{mode}-{n}{'' if stock else '-vision-serve'}", script="bench/floor_app.py",
                         post_script_gc=post_script_gc)
    if stock:
        server.env["BENCH_STOCK"] = "1"
    la0 = load_avg()
    server.start()
    monitor = Monitor(server.proc.pid).start()
    try:
        res = asyncio.run(_floor(server.url, n, window, seed, timeout))
    finally:
        monitor.stop()
        server.stop()
    res.update({"kind": "floor" if stock else "floor-vision-serve", "mode": mode, "n": n,
                "load_avg_before": la0, "load_avg_after": load_avg(),
                "cpu_s": monitor.cpu_between(res.pop("t0"), res.pop("t1")), "peak_rss_mb": monitor.peak_rss() / 2**20})
    return res


def machine_speed() -> float:
    """Seconds for a fixed piece of pure-Python work (median of three) on this machine now.
    The shared two-core machine's speed changes by up to two times within minutes, so
    every scenario records it: a ratio between runs at different speeds says little."""
    def once() -> float:
        t = time.perf_counter()
        sum(i * i for i in range(1_000_000))
        return time.perf_counter() - t
    return statistics.median(once() for _ in range(3))


def measured(scenario, *args, **kw) -> dict:
    """Run a scenario and record the machine's speed just before it."""
    speed = machine_speed()
    result = scenario(*args, **kw)
    result["machine_speed_s"] = round(speed, 4)
    return result


def paired_ratios(results: list[dict], n: int) -> list[dict]:
    """For each app burst at ``n`` that has a stock-floor burst right before and right
    after it (``--repeat``), its p95s over the mean of those two floors' p95: the floor is
    measured on both sides, so a change of the machine's speed during the pair shows
    in both."""
    seq = [r for r in results if r["n"] == n and r["mode"] == "burst" and r["kind"] in ("floor", "app")]
    out = []
    for before, app, after in zip(seq, seq[1:], seq[2:]):
        if (before["kind"], app["kind"], after["kind"]) != ("floor", "app", "floor"):
            continue
        floors = [before["latency"]["p95"], after["latency"]["p95"]]
        if not all(floors):
            continue
        floor = statistics.mean(floors)
        out.append({"floor_p95": floors, "first_wave_p95": app["vote"]["first_wave"]["p95"],
                    "all_saves_p95": app["vote"]["latency"]["p95"],
                    "ratio_first_wave": app["vote"]["first_wave"]["p95"] / floor,
                    "ratio_all_saves": app["vote"]["latency"]["p95"] / floor,
                    "machine_speed_s": [before.get("machine_speed_s"), app.get("machine_speed_s"),
                                        after.get("machine_speed_s")]})
    return out


def door_ratios(results: list[dict], n: int) -> list[dict]:
    """For each app burst at ``n`` through the door (``--door``) that has a direct burst right
    before and right after it: its latencies over the mean of those two direct bursts', and
    the CPU of the app and of Caddy beside the direct app's."""
    seq = [r for r in results if r["kind"] == "app" and r["n"] == n and r["mode"] == "burst"]
    out = []
    for before, proxied, after in zip(seq, seq[1:], seq[2:]):
        if (before.get("way"), proxied.get("way"), after.get("way")) != ("direct", "proxy", "direct"):
            continue

        def direct(get) -> float:
            return statistics.mean((get(before["vote"]), get(after["vote"])))

        row = {"machine_speed_s": [before.get("machine_speed_s"), proxied.get("machine_speed_s"),
                                   after.get("machine_speed_s")],
               "load": [before["load_avg_before"][0], proxied["load_avg_before"][0], after["load_avg_before"][0]],
               "server_cpu_s": {"direct": direct(lambda v: v["cpu_s"]), "proxy": proxied["vote"]["cpu_s"]},
               "door_cpu_s": proxied["vote"]["door_cpu_s"],
               "join_cpu_s": {"direct": statistics.mean((before["join"]["cpu_s"], after["join"]["cpu_s"])),
                              "proxy": proxied["join"]["cpu_s"], "door": proxied["join"]["door_cpu_s"]}}
        for name, part, q in (("first_wave_p50", "first_wave", "p50"), ("first_wave_p95", "first_wave", "p95"),
                              ("all_saves_p50", "latency", "p50"), ("all_saves_p95", "latency", "p95")):
            base = direct(lambda v: v[part][q] or 0.0)
            row[name] = {"direct": [before["vote"][part][q], after["vote"][part][q]], "proxy": proxied["vote"][part][q],
                         "ratio": (proxied["vote"][part][q] / base) if base and proxied["vote"][part][q] else None}
        out.append(row)
    return out


def print_door_ratios(pairs: list[dict]) -> None:
    for i, pr in enumerate(pairs, 1):
        fw, al = pr["first_wave_p95"], pr["all_saves_p95"]
        print(f"door {i}: first wave p95 direct {ms(fw['direct'][0])} / {ms(fw['direct'][1])} ms, through Caddy "
              f"{ms(fw['proxy'])} ms -> ratio {fw['ratio']:.2f}; all saves p95 direct {ms(al['direct'][0])} / "
              f"{ms(al['direct'][1])} ms, through Caddy {ms(al['proxy'])} ms -> ratio {al['ratio']:.2f}; "
              f"p50 ratio first wave {pr['first_wave_p50']['ratio']:.2f}, all {pr['all_saves_p50']['ratio']:.2f}; "
              f"vote CPU app {pr['server_cpu_s']['direct']:.1f} s direct, {pr['server_cpu_s']['proxy']:.1f} s "
              f"+ Caddy {pr['door_cpu_s']:.1f} s; join CPU app {pr['join_cpu_s']['direct']:.1f} / "
              f"{pr['join_cpu_s']['proxy']:.1f} s + Caddy {pr['join_cpu_s']['door']:.1f} s; "
              f"load {pr['load']}; machine speed s {pr['machine_speed_s']}")
    if pairs:
        print(f"median ratio through Caddy / direct over {len(pairs)} bursts: first wave p95 "
              f"{statistics.median(p['first_wave_p95']['ratio'] for p in pairs):.2f}, all saves p95 "
              f"{statistics.median(p['all_saves_p95']['ratio'] for p in pairs):.2f}, all saves p50 "
              f"{statistics.median(p['all_saves_p50']['ratio'] for p in pairs):.2f}")


# -- reporting --------------------------------------------------------------------------------------
def ms(x) -> str:
    return "–" if x is None else f"{x * 1000:.0f}"


def print_row(r: dict) -> None:
    if r["kind"].startswith("floor"):
        lat = r["latency"]
        print(f"{'floor' if r['kind'] == 'floor' else 'floor through vision.serve'}  {r['mode']:6} N={r['n']:<4} presses={lat['n']:<4} p50={ms(lat['p50'])} ms "
              f"p95={ms(lat['p95'])} ms max={ms(lat['max'])} ms errors={r['errors']} cpu={r['cpu_s']:.1f}s "
              f"rss={r['peak_rss_mb']:.0f}MB load={r['load_avg_before']}")
        return
    v, p, c, w = r["vote"], r["projector"], r["check"], r["writer"]
    if r["kind"] != "app":
        print(f"({r['kind']}: the lost-save check does not apply)")
    door = ""
    if r.get("way") == "proxy":
        door = f" Caddy cpu vote={r['vote']['door_cpu_s']:.1f}s join={r['join']['door_cpu_s']:.1f}s"
    print(f"app    {r['mode']:6} N={r['n']:<4} K={r['k']} {'through Caddy ' if r.get('way') == 'proxy' else ''}"
          f"joined={r['join']['joined']} "
          f"saves {v['saves_confirmed']}/{v['saves_attempted']} lost={c['lost']} mismatched={c['mismatched']} "
          f"errors={r['error_count']}\n"
          f"       save p50={ms(v['latency']['p50'])} p95={ms(v['latency']['p95'])} max={ms(v['latency']['max'])} ms;"
          f" first wave p50={ms(v['first_wave']['p50'])} p95={ms(v['first_wave']['p95'])} ms;"
          f" staleness p50={ms(p['staleness']['p50'])} p95={ms(p['staleness']['p95'])} max={ms(p['staleness']['max'])} ms\n"
          f"       vote {v['seconds']:.1f}s cpu={v['cpu_s']:.1f}s (system {v.get('sys_cpu_s', 0):.1f}s; "
          f"load client {v.get('client_cpu_s', 0):.1f}s; writer busy {v.get('writer_busy_s', 0):.1f}s "
          f"in {v.get('commits', 0)} commits) total cpu={r['cpu_total_s']:.1f}s peak rss={r['peak_rss_mb']:.0f}MB "
          f"commits={w['commits']} jobs={w['jobs']} ({w['jobs_per_commit'] and round(w['jobs_per_commit'], 1)}/commit) "
          f"join p95={ms(r['join']['join']['p95'])} ms (cpu {r['join']['cpu_s']:.1f}s){door} "
          f"load={r['load_avg_before']}->{r['load_avg_after']}")
    if r["error_kinds"]:
        print("       errors:", r["error_kinds"])


def wait_for_quiet(limit: float, max_wait: float) -> None:
    deadline = time.monotonic() + max_wait
    while os.getloadavg()[0] > limit and time.monotonic() < deadline:
        time.sleep(10)


# -- the compressed day -----------------------------------------------------------------------------
def run_day(minutes: float, workdir: Path, n: int, post_script_gc: bool | None = None, seed: int = 3,
            max_cycles: int = 500, hall: str = "same") -> dict:
    """Cycles of: the organiser opens the round on the control page, the hall's phones open
    the page and vote, the organiser closes the round, the phones leave. With
    ``hall="same"`` the first cycle's ``n`` participants come back with their own links
    every cycle, as on a real day; with ``hall="new"`` a new hall of ``n`` joins every
    cycle, so the database grows by ``n`` participants a cycle. Records the server's RSS
    after each cycle to show whether memory keeps growing, and at the end checks that
    every participant's last confirmed save is in the file."""
    if hall not in ("same", "new"):
        raise ValueError("hall must be 'same' or 'new'")
    server = BenchServer(workdir / f"day-{hall}", post_script_gc=post_script_gc)
    setup = prepare_app_db(server)
    server.start()
    monitor = Monitor(server.proc.pid, interval=1.0).start()
    cycles = []
    t_start = time.perf_counter()
    cookies = organiser_cookie(server)
    latest: dict[str, Phone] = {}          # token -> the phone's last visit
    try:
        i = 0
        while time.perf_counter() - t_start < minutes * 60 and i < max_cycles:
            t0 = time.perf_counter()
            if i:        # the round was opened before the server started; later cycles open it on the control page
                asyncio.run(organiser_sets_round(server.url, cookies, setup["round_id"], "open"))
            tokens = sorted(latest) if hall == "same" and latest else None
            res = asyncio.run(_hall(server.url, n, 1, "burst", 5.0, cookies, seed + i, monitor, False, 120.0,
                                    tokens=tokens))
            asyncio.run(organiser_sets_round(server.url, cookies, setup["round_id"], "close"))
            phones = res.pop("phones")
            # Sessions end when phones leave; the server keeps them a while, as after a real round.
            cycles.append({"cycle": i, "minute": round((time.perf_counter() - t_start) / 60, 2),
                           "rss_mb": round(monitor.rss_now() / 2**20, 1), "phones": len(phones),
                           "saves": res["vote"]["saves_confirmed"], "errors": len(res["errors"]),
                           "error_kinds": sorted(set(e[:120] for e in res["errors"]))[:5],
                           "p95_ms": round((res["vote"]["latency"]["p95"] or 0) * 1000),
                           "seconds": round(time.perf_counter() - t0, 1), "load": load_avg()})
            print("day", cycles[-1], flush=True)
            for ph in phones:          # a later visit's saves replace the earlier ones
                if ph.confirmed or ph.token not in latest:
                    latest[ph.token] = ph
            del phones
            i += 1
    finally:
        monitor.stop()
        server.stop()
    check = check_saved(server.db, setup["round_id"], list(latest.values()))
    return {"kind": "day", "hall": hall, "n": n, "cycles": cycles, "peak_rss_mb": monitor.peak_rss() / 2**20,
            "minutes": minutes, "check": check}


# -- a day in real time ------------------------------------------------------------------------------
async def _live_phone(url: str, i: int, phone_box: list, tallies: list, closed: list, stop: asyncio.Event,
                      rng: random.Random, vote_s: float, break_s: float, timeout: float, polls: list) -> None:
    """One participant for the whole day: joins in the first round, votes, and after each
    round closes reloads the page some time later; while no round is open the page asks
    for one every few seconds (the waiting screen's own refresh), and when one opens the
    participant votes again."""
    vote_window = vote_s / 2              # when in the round a participant starts
    think = (vote_s / 36, vote_s / 6)     # reading the next draft: 5-30 s in a three-minute round
    try:
        phone, run = await join(url, i, tallies[0], timeout)
        phone_box[i] = phone
        await vote(phone, time.perf_counter() + rng.uniform(0, vote_window), rng, tallies[0], think)
        for c in range(1, len(closed)):
            await closed[c - 1].wait()
            await asyncio.sleep(rng.uniform(0, break_s / 2))        # the participant reloads the page
            await phone.session.close()
            if stop.is_set():
                return
            fresh, run = await open_link(url, i, tallies[c], timeout, phone.token)
            phone.session = fresh.session
            # The waiting screen says so (the round that just closed stays on screen below
            # it); its watch asks which rounds are open until one opens, then the page runs.
            while any(a.text.startswith(WAITING_TEXT) for a in run.alerts()):
                watch = find_watch(run)
                if watch is None:
                    raise RuntimeError("waiting screen without its watch")
                asked: list = []
                run = await watch_until_changed(phone.session, watch, stop, asked)
                polls[c] += len(asked)
                if run is None:
                    return
            read_ballot(phone, run)
            await vote(phone, time.perf_counter() + rng.uniform(0, vote_window), rng, tallies[c], think)
    except Exception as exc:  # noqa: BLE001 - counted, the day goes on
        tallies[min(len(tallies) - 1, sum(e.is_set() for e in closed))].error(f"phone {type(exc).__name__}: {exc}")


def run_live_day(minutes: float, workdir: Path, n: int, k: int = 3, vote_s: float = 180.0, break_s: float = 120.0,
                 seed: int = 5, timeout: float = 120.0) -> dict:
    """A day in real time: ``n`` phones stay in the hall all day and ``k`` projector screens
    follow it (a question twice a second, a run when there is something new). Each round is open for ``vote_s`` seconds (the phones vote at a
    time of their choosing within its first minute and a half, and read between drafts),
    then a break of ``break_s`` seconds in which the phones reload and wait on the
    waiting screen. RSS every minute; every participant's last confirmed ballot is
    checked in the file at the end."""
    cycles = max(1, int(minutes * 60 // (vote_s + break_s)))
    server = BenchServer(workdir / "live-day")
    setup = prepare_app_db(server)
    server.start()
    monitor = Monitor(server.proc.pid, interval=1.0).start()
    cookies = organiser_cookie(server)
    out: dict = {"kind": "live-day", "n": n, "k": k, "vote_s": vote_s, "break_s": break_s, "cycles": []}

    async def day() -> list:
        rng = random.Random(seed)
        stop = asyncio.Event()
        closed = [asyncio.Event() for _ in range(cycles)]
        tallies = [Tally(round_may_close=True) for _ in range(cycles)]
        polls = [0] * cycles
        phones: list = [None] * n
        updates: list[list] = [[] for _ in range(k)]
        proj_errors: list[str] = []
        t0 = time.perf_counter()
        rss: list = []

        async def sample_rss():
            while not stop.is_set():
                rss.append((round((time.perf_counter() - t0) / 60, 2), round(monitor.rss_now() / 2**20, 1)))
                try:
                    await asyncio.wait_for(stop.wait(), 60)
                except asyncio.TimeoutError:
                    pass

        tasks = [asyncio.create_task(sample_rss())]
        proj_asked: list = []
        tasks += [asyncio.create_task(projector(server.url, cookies, stop, updates[j], proj_errors, timeout,
                                                proj_asked)) for j in range(k)]

        async def phone_task(i):
            await asyncio.sleep(rng.uniform(0, min(30.0, vote_s / 6)))     # people arrive over half a minute
            await _live_phone(server.url, i, phones, tallies, closed, stop, random.Random(seed * 1000 + i),
                              vote_s, break_s, timeout, polls)

        tasks += [asyncio.create_task(phone_task(i)) for i in range(n)]
        for c in range(cycles):
            started = time.perf_counter()
            if c:
                await organiser_sets_round(server.url, cookies, setup["round_id"], "open")
            await asyncio.sleep(max(0.0, vote_s - (time.perf_counter() - started)))
            await organiser_sets_round(server.url, cookies, setup["round_id"], "close")
            closed[c].set()
            t = tallies[c]
            counters = server.stats()
            out["cycles"].append({"cycle": c, "minute": round((time.perf_counter() - t0) / 60, 2),
                                  "rss_mb": round(monitor.rss_now() / 2**20, 1),
                                  "saves": t.saves_confirmed, "attempted": t.saves_attempted,
                                  "refused_closed": t.refused_closed, "errors": len(t.errors),
                                  "error_kinds": sorted(set(e[:80] for e in t.errors))[:5],
                                  "p50_ms": round((pct(t.save_latency, 0.5) or 0) * 1000),
                                  "p95_ms": round((pct(t.save_latency, 0.95) or 0) * 1000),
                                  "waiting_polls": polls[c], "commits": counters.get("commits"),
                                  "refreshes": counters.get("refreshes"), "load": load_avg()})
            print("live day", out["cycles"][-1], flush=True)
            if c < cycles - 1:
                await asyncio.sleep(break_s)
        stop.set()
        await asyncio.sleep(1.0)
        for task in tasks:
            if not task.done():
                task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await asyncio.gather(*(ph.session.close() for ph in phones if ph is not None), return_exceptions=True)
        out["rss_by_minute"] = rss
        out["projector_errors"] = proj_errors[:10]
        out["projector_updates"] = [len(u) for u in updates]
        out["projector_questions"] = len(proj_asked)
        await close_http()
        return [ph for ph in phones if ph is not None]

    try:
        phones = asyncio.run(day())
    finally:
        monitor.stop()
        server.stop()
    out["phones"] = len(phones)
    out["peak_rss_mb"] = monitor.peak_rss() / 2**20
    out["check"] = check_saved(server.db, setup["round_id"], phones)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", default="100,300,500", help="participants per scenario (comma list)")
    ap.add_argument("--k", type=int, default=3, help="projector screens")
    ap.add_argument("--modes", default="burst,spread", help="burst (1 s) and/or spread (30 s)")
    ap.add_argument("--no-floor", action="store_true", help="skip the one-button floor")
    ap.add_argument("--repeat", type=int, default=0,
                    help="then R more app bursts at the largest N, each followed by a stock floor "
                         "(floor, app, floor, app, ...): each app burst is compared with the floors on both sides")
    ap.add_argument("--proxy", action="store_true",
                    help="serve the app's scenarios behind the door (Caddy in front, as make run does)")
    ap.add_argument("--door", type=int, default=0,
                    help="then R app bursts through Caddy at the largest N, each between two direct ones "
                         "(direct, Caddy, direct, Caddy, direct, ...): each is compared with the direct bursts on both sides")
    ap.add_argument("--assets", action="store_true",
                    help="join wave with every static file a phone loads (at the largest N only)")
    ap.add_argument("--layers", action="store_true",
                    help="also the burst without the database (bench/layers/no_database.py), at the largest N")
    ap.add_argument("--gc", choices=["config", "true", "false"], default="config", help="runner.postScriptGC")
    ap.add_argument("--day", type=float, default=0, help="run a compressed day of this many minutes instead")
    ap.add_argument("--day-n", type=int, default=150, help="phones per cycle of the day")
    ap.add_argument("--day-hall", choices=["same", "new"], default="same",
                    help="the same participants come back every cycle (a real day), or a new hall joins")
    ap.add_argument("--live-day", type=float, default=0,
                    help="run a day of this many minutes in real time: the hall stays, rounds open and close")
    ap.add_argument("--live-vote", type=float, default=180.0, help="seconds each round of the live day is open")
    ap.add_argument("--live-break", type=float, default=120.0, help="seconds of break between its rounds")
    ap.add_argument("--quiet-load", type=float, default=1.5, help="wait (up to 5 min) for load below this")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    gc = None if args.gc == "config" else args.gc == "true"
    RESULTS.mkdir(parents=True, exist_ok=True)
    workdir = Path(os.environ.get("BENCH_WORKDIR", "/tmp")) / f"visionsdag-bench-{os.getpid()}"
    info = {"started": datetime.now().isoformat(timespec="seconds"), "cpus": os.cpu_count(),
            "mem_gb": round(psutil.virtual_memory().total / 2**30, 1), "python": sys.version.split()[0],
            "postScriptGC": args.gc}
    import streamlit

    info.update({"streamlit": streamlit.__version__, "duckdb": duckdb.__version__})
    print("bench", info, "load", load_avg(), flush=True)
    results: list[dict] = []
    if args.live_day:
        results.append(run_live_day(args.live_day, workdir, args.day_n, args.k,
                                    vote_s=args.live_vote, break_s=args.live_break))
        print("live day: every participant's last confirmed save checked in the file:", results[-1]["check"])
    elif args.day:
        results.append(run_day(args.day, workdir, args.day_n, gc, hall=args.day_hall))
        print("day: saves confirmed and then checked in the file:", results[-1]["check"])
    else:
        for n in [int(x) for x in args.n.split(",") if x]:
            wait_for_quiet(args.quiet_load, 300)
            if not args.no_floor:
                for stock in (True, False):
                    results.append(measured(run_floor, n, workdir, "burst", post_script_gc=gc, stock=stock))
                    print_row(results[-1])
            for mode in [m for m in args.modes.split(",") if m]:
                results.append(measured(run_app_scenario, n, args.k, mode, workdir, with_assets=False,
                                        post_script_gc=gc, proxy=args.proxy))
                print_row(results[-1])
                if mode == "burst" and not args.no_floor:
                    floor = next(r for r in results if r["kind"] == "floor" and r["n"] == n)
                    app = results[-1]["vote"]["first_wave"]["p95"]
                    ours = next(r for r in results if r["kind"] == "floor-vision-serve" and r["n"] == n)
                    if app and floor["latency"]["p95"]:
                        print(f"       ratio first-wave p95 / floor p95 = {app / floor['latency']['p95']:.2f}; "
                              f"all saves p95 / floor p95 = {results[-1]['vote']['latency']['p95'] / floor['latency']['p95']:.2f}"
                              f" (/ floor through vision.serve: "
                              f"{results[-1]['vote']['latency']['p95'] / ours['latency']['p95']:.2f})")
        if args.repeat:
            n = max(int(x) for x in args.n.split(","))
            if not any(r["kind"] == "floor" and r["n"] == n for r in results[-1:]):
                results.append(measured(run_floor, n, workdir, "burst", post_script_gc=gc))
                print_row(results[-1])
            for _ in range(args.repeat):
                results.append(measured(run_app_scenario, n, args.k, "burst", workdir, post_script_gc=gc))
                print_row(results[-1])
                results.append(measured(run_floor, n, workdir, "burst", post_script_gc=gc))
                print_row(results[-1])
            pairs = paired_ratios(results, n)
            for i, pr in enumerate(pairs, 1):
                print(f"pair {i}: floor p95 {ms(pr['floor_p95'][0])} / {ms(pr['floor_p95'][1])} ms, "
                      f"app first wave p95 {ms(pr['first_wave_p95'])} ms, all saves {ms(pr['all_saves_p95'])} ms "
                      f"-> ratio {pr['ratio_first_wave']:.2f} (all saves {pr['ratio_all_saves']:.2f}); "
                      f"machine speed s {pr['machine_speed_s']}")
            if pairs:
                print(f"median ratio over {len(pairs)} pairs: first wave "
                      f"{statistics.median(p['ratio_first_wave'] for p in pairs):.2f}, all saves "
                      f"{statistics.median(p['ratio_all_saves'] for p in pairs):.2f}; "
                      f"max first wave {max(p['ratio_first_wave'] for p in pairs):.2f}")
        if args.door:
            n = max(int(x) for x in args.n.split(","))
            if shutil.which("caddy") is None:
                print("caddy is missing (make run installs it as root): no bursts through the door")
            else:
                direct = [r for r in results if r["kind"] == "app" and r["n"] == n and r["mode"] == "burst"]
                if not direct or direct[-1] is not results[-1] or direct[-1]["way"] != "direct":
                    results.append(measured(run_app_scenario, n, args.k, "burst", workdir, post_script_gc=gc))
                    print_row(results[-1])
                for i in range(args.door):      # each burst on a fresh database of its own
                    for proxy in (True, False):
                        results.append(measured(run_app_scenario, n, args.k, "burst", workdir / f"door-{i}",
                                                post_script_gc=gc, proxy=proxy))
                        print_row(results[-1])
                print_door_ratios(door_ratios(results, n))
        if args.layers:
            n = max(int(x) for x in args.n.split(","))
            results.append(run_app_scenario(n, args.k, "burst", workdir, post_script_gc=gc,
                                            probe=ROOT / "bench" / "layers" / "no_database.py"))
            print_row(results[-1])
        if args.assets:
            n = max(int(x) for x in args.n.split(","))
            results.append(run_app_scenario(n, args.k, "spread", workdir, with_assets=True, post_script_gc=gc))
            print("join wave with static files:", json.dumps(results[-1]["join"]))
            print_row(results[-1])
    out = args.out or RESULTS / f"load-{datetime.now():%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps({"info": info, "results": results}, indent=1, default=str))
    print("written", out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
