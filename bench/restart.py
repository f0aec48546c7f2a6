"""A restart in the middle of a round, at the size of a hall: the server is killed (SIGKILL)
while hundreds of phones are in an open scoring round, some with choices they have not
saved, and started again on the same port and file. The phones, the projector and the
control page must come back by themselves and the phones' next saves must get their
receipts without a reload.

    .venv/bin/python bench/restart.py [--phones 300] [--deadline 600]

What happens, as in the hall:

* A real server (``python -m vision.serve``, ``testkit.server``) on a copy of the demo
  database with the scoring round of VISION20 open. ``--phones`` phones join through the
  QR link's plain form (``POST /join``) and open their own page as a websocket session
  speaking Streamlit's protocol (``bench/stclient.py``); the page run completes and shows
  the drafts' scoring forms. The projector (``/projector``) and the control page
  (``/control``) are sessions with an organiser's login cookie (``bench/load.py``).
* A third of the phones save a ballot for the first draft (confirmed) before anything
  happens; a third press "Gem" for it at random moments of a burst of ``--burst`` seconds,
  and the server is killed half-way through that burst; the last third have chosen their
  scores and not saved them (the choices live in the tab, ``vision/ui/scoring.py``).
* The server is started again ``--down`` seconds later on the same port and file.
  Every session does what Streamlit's page does when its socket closes: it asks
  ``/_stcore/health`` and ``/_stcore/host-config`` (after 250-500 ms, then 100 ms, 200 ms …
  up to 4 s apart, with the same jitter) and opens a new websocket. Like the page, it then
  asks for a run only when the page has timed fragments (the control page): a phone or the
  projector keeps what it shows, and its first run in the new server is the one its
  watch asks for (``vision/ui/watch.py``) when the server's answer changes.
* A phone's save that met no server is sent again by the form itself (after 1, 2, 4 … 15 s,
  with jitter) until its receipt comes. Once its page has reconnected, a phone whose
  choices were unsaved presses "Gem"; a phone whose ballot was confirmed before the kill
  scores the second draft and saves that (so the first draft's ballot, confirmed before
  the kill, is never written again and is checked in the file as it was confirmed).
  No phone joins again: the token in its page is the one it had.
* The projector's watch asks ``/api/screen`` as before (its signature outlives the process)
  and, when the count changes, asks for a fragment run that the new server runs as the
  whole page (``vision/server/reconnect.py``). When every phone has its receipt the
  organiser presses "Luk" on the reconnected control page; every phone's watch sees the
  round close and runs its page in the new server, which must be the participant page
  with the closed round's forms showing exactly what the phone had confirmed.
* With ``--chromium K`` (3; 0 without Debian's ``chromium``), K real Chromium phones join
  through the same form, choose scores and leave them unsaved. The first presses "Gem" while
  the server is down (the form says so and sends it again by itself); the others press it
  once the server is back. Each must get its receipt with its choices still chosen and the
  page never reloaded.
* The server is stopped and the file read: every confirmed ballot is in it as confirmed.

The control page's timed fragments (``run_every``) are not run by the client before the
kill; after it, the page's run on reconnecting is what the browser sends.

Prints the figures (JSON) and writes them to ``bench/out/restart.json``; exit 1 when a
confirmed save is lost, a phone has no receipt after the restart, a session did not come
back or a page run failed. Bounded by ``--deadline`` (600 s).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import signal
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402

from bench.load import (EVENT, FORM_COMPONENT, Phone as LoadPhone, Tally, check_saved, close_http,  # noqa: E402
                        find_watch, http, organiser_cookie, prepare_app_db)
from bench.load import join as load_join  # noqa: E402
from bench.stclient import FINISHED_FRAGMENT, FINISHED_OK, Session  # noqa: E402
from testkit.join_form import units_in  # noqa: E402
from testkit.server import CHROMIUM_ARGS, StreamlitServer  # noqa: E402
from testkit.stproto import form_body  # noqa: E402

SEND_TIMEOUT = 15.0                     # the scoring form's (vision/ui/scoring.py)
RETRY_FIRST, RETRY_MAX = 1.0, 15.0
PING_TIMEOUT = 15.0                     # Streamlit's page: a health or host-config request
WATCH_MAX = 15.0                        # the watch asks at most this far apart when it fails
JOIN_TEXT = "Deltag i visionsdagen"     # the title of a page run without a token
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PHONE_UA = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1")
RECEIPT = re.compile(r"^Gemt kl\. \d\d:\d\d:\d\d: ")


def reconnect_delay(attempt: int, rng: random.Random) -> float:
    """Streamlit's page before it asks the server again after the socket closed
    (``nextReconnectDelayMs``): 250-500 ms the first time, then up to 4 s."""
    top = min(4.0, 0.5 * 2 ** (attempt - 1))
    low = 0.25 if attempt == 1 else top / 2
    return low + rng.random() * (top - low)


def ping_delay(attempt: int, rng: random.Random) -> float:
    """Between the page's health pings (``DoInitPings``): 100 ms, 200 ms, 400 ms … 4 s."""
    wait = min(4.0, 0.1 * 2 ** (attempt - 1))
    return wait if attempt == 1 else wait * (0.7 + rng.random() * 0.3)


def spread(values: list[float]) -> dict | None:
    if not values:
        return None
    ordered = sorted(values)
    return {"n": len(ordered), "p50": round(statistics.median(ordered), 2),
            "p95": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 2),
            "max": round(ordered[-1], 2)}


@dataclass
class Tab:
    """One browser tab: its session (replaced on reconnect) and what it knows."""
    name: str
    session: Session
    timed_fragments: bool = False       # the page has st.fragment(run_every=...): a run on reconnect
    connected: asyncio.Event = field(default_factory=asyncio.Event)
    reconnected_at: float | None = None
    reconnects: int = 0
    watch: tuple | None = None          # the page's watch: its element and its data
    last_run: object = None

    @property
    def tab(self) -> "Tab":
        return self


@dataclass
class HallPhone:
    index: int
    token: str
    tab: Tab
    forms: dict = field(default_factory=dict)        # (round, draft) -> the form's data
    watch: tuple | None = None
    group: str = ""                                  # "saved", "burst" or "unsaved"
    pending: dict = field(default_factory=dict)      # the first draft's choices, sent when "Gem" is pressed
    confirmed: dict = field(default_factory=dict)    # (round, draft) -> scores (the receipts)
    before_kill: dict = field(default_factory=dict)  # what was confirmed before the kill
    receipt_after_restart: float | None = None       # perf_counter of the first receipt after it
    last_run: object = None                          # the page's run in the new server


@dataclass
class BrowserPhone:
    """A Chromium phone: its page, its token and the choices it has not saved."""
    index: int
    context: object
    page: object
    token: str = ""
    choices: dict = field(default_factory=dict)
    confirmed: dict = field(default_factory=dict)
    receipt_after_ready: float | None = None
    kept_choices: bool = False
    same_page: bool = False


class Restart:
    def __init__(self, args, server: StreamlitServer, setup: dict):
        self.args, self.server, self.setup = args, server, setup
        self.url = server.url
        self.round_id = setup["round_id"]
        self.phones: list[HallPhone] = []
        self.errors: list[str] = []
        self.retries = 0
        self.saves_before_kill = self.saves_after_restart = 0
        self.in_flight_at_kill = 0
        self.in_flight = 0
        self.sockets_refused = 0
        self.killed_at = self.restart_began = self.ready_at = None
        self.first_receipt_at: float | None = None
        self.projector_back_at: float | None = None
        self.control_back_at: float | None = None
        self.projector_back_as = ""
        self.closed_at: float | None = None
        self.page_runs: list[float] = []
        self.browsers: list[BrowserPhone] = []
        self.down = asyncio.Event()

    def error(self, what: str) -> None:
        self.errors.append(what[:300])

    # -- a tab's connection, as Streamlit's page keeps it --------------------------------------------
    async def keep_connected(self, tab: Tab, rng: random.Random, on_reconnect=None) -> None:
        """Wait for the socket to close; then ping, reconnect and (for a page with timed
        fragments) run the page, as the browser does. Repeats until cancelled."""
        while True:
            await tab.session.ws.wait_closed()
            tab.connected.clear()
            attempt = 0
            while True:
                attempt += 1
                await asyncio.sleep(reconnect_delay(attempt, rng))
                await self.ping(rng)
                fresh = Session(self.url, tab.session.query_string, page_name=tab.session.page_name,
                                cookies=tab.session.cookies, timeout=self.args.timeout)
                # A staff page is named by its path (``page_name``), as a browser on /control does;
                # the hash this client keeps from new_session is the app's main script.
                fresh.page_script_hash = "" if tab.session.page_name else tab.session.page_script_hash
                fresh.widgets = tab.session.widgets
                try:
                    await fresh.connect()
                except Exception:  # noqa: BLE001 - refused or cut: the page pings and tries again
                    self.sockets_refused += 1
                    continue
                break
            tab.session = fresh
            tab.reconnects += 1
            tab.reconnected_at = time.perf_counter()
            tab.connected.set()
            if on_reconnect is not None:
                await on_reconnect()

    async def ping(self, rng: random.Random) -> None:
        attempt = 0
        while True:
            attempt += 1
            try:
                timeout = aiohttp.ClientTimeout(total=PING_TIMEOUT)
                for path in ("/_stcore/health", "/_stcore/host-config"):
                    async with http().get(self.url + path, timeout=timeout) as answer:
                        await answer.read()
                        if answer.status != 200:
                            raise aiohttp.ClientError(str(answer.status))
                return
            except (aiohttp.ClientError, asyncio.TimeoutError, OSError):
                await asyncio.sleep(ping_delay(attempt, rng))

    # -- a phone -----------------------------------------------------------------------------------------
    async def join(self, i: int, gate: asyncio.Semaphore) -> HallPhone:
        """The QR link's form, "Deltag", then the phone's own page (``bench/load.py``)."""
        async with gate:
            joined, run = await load_join(self.url, i, Tally(), self.args.timeout)
            phone = HallPhone(i, joined.token, Tab(f"phone {i}", joined.session))
            phone.tab.connected.set()
            self.read_page(phone, run)
            if len(phone.forms) < 2 or phone.watch is None:
                raise RuntimeError(f"phone {i}: the page has {len(phone.forms)} forms and "
                                   f"{'a' if phone.watch else 'no'} watch")
            return phone

    @staticmethod
    def read_page(phone: HallPhone, run) -> None:
        forms = {}
        for el in run.elements:
            if el.kind == "bidi_component" and el.proto.component_name == FORM_COMPONENT:
                data = json.loads(el.proto.json)
                forms[(data["round"], data["draft"])] = data
        phone.forms = forms
        phone.watch = find_watch(run) or phone.watch

    def choices(self, phone: HallPhone, key: tuple, rng: random.Random) -> dict:
        form = phone.forms[key]
        return {c["key"]: rng.choice(form["options"])[0] for c in form["criteria"]}

    async def save(self, phone: HallPhone, key: tuple, scores: dict, rng: random.Random) -> None:
        """Press "Gem": send until a receipt comes, as the form does."""
        attempts = 0
        body = form_body(phone.forms[key], scores, "")
        while True:
            self.in_flight += 1
            try:
                async with http().post(self.url + phone.forms[key]["url"], json=body,
                                       timeout=aiohttp.ClientTimeout(total=SEND_TIMEOUT)) as answer:
                    status, reply = answer.status, await answer.json(content_type=None)
            except (aiohttp.ClientError, asyncio.TimeoutError, ValueError, OSError):
                status, reply = None, None
            finally:
                self.in_flight -= 1
            now = time.perf_counter()
            if status == 200 and isinstance(reply, dict) and reply.get("time"):
                phone.confirmed[key] = scores
                if self.killed_at is None:
                    self.saves_before_kill += 1
                    phone.before_kill[key] = scores
                elif self.restart_began is not None:
                    self.saves_after_restart += 1
                    if phone.receipt_after_restart is None:
                        phone.receipt_after_restart = now
                    if self.first_receipt_at is None:
                        self.first_receipt_at = now
                return
            if status is not None and status < 500:
                self.error(f"phone {phone.index} save refused {status}: {str(reply)[:150]}")
                return
            attempts += 1
            self.retries += 1
            await asyncio.sleep(min(RETRY_MAX, RETRY_FIRST * 2 ** min(attempts - 1, 5)) * rng.uniform(0.75, 1.25))

    async def follow(self, phone_or_tab, rng: random.Random, fragment: bool, seen) -> None:
        """The page's watch: ask its question every interval (less often while it fails) and,
        when the answer differs from what the page drew, ask the tab's session for a run."""
        holder = phone_or_tab
        failures = 0
        while True:
            el, data = holder.watch
            every = min(WATCH_MAX, data["every"] * 2 ** min(failures, 5))
            await asyncio.sleep(every)
            try:
                async with http().post(self.url + data["url"], json=data["body"],
                                       timeout=aiohttp.ClientTimeout(total=SEND_TIMEOUT)) as answer:
                    status, reply = answer.status, await answer.json(content_type=None)
            except (aiohttp.ClientError, asyncio.TimeoutError, ValueError, OSError):
                failures += 1
                continue
            if status != 200 and status not in (404, 409):
                failures += 1
                continue
            failures = 0
            if status == 200 and reply.get("state") == data["state"]:
                continue
            tab = holder.tab
            await tab.connected.wait()
            started = time.perf_counter()
            try:
                run = await tab.session.rerun(triggers=[tab.session.component_event(el.id, "changed", time.time())],
                                              fragment_id=(el.fragment_id or None) if fragment else None)
            except Exception as exc:  # noqa: BLE001 - a socket closed under the run: the next one
                if self.ready_at is not None and tab.connected.is_set():
                    self.error(f"{tab.name} run {type(exc).__name__}: {exc}")
                continue
            await seen(run, started)

    async def phone_after_restart(self, phone: HallPhone, burst_task: asyncio.Task | None, rng) -> None:
        """Once the page is back, press "Gem" for what is not saved (or score the second draft)."""
        await phone.tab.connected.wait()
        await asyncio.sleep(rng.uniform(0, self.args.think))
        first, second = sorted(phone.forms)[:2]
        if burst_task is not None:
            await burst_task                        # the form sends one save at a time
        if phone.group == "unsaved":
            await self.save(phone, first, phone.pending, rng)
        elif phone.receipt_after_restart is None:   # confirmed before the kill: the next draft
            await self.save(phone, second, self.choices(phone, second, rng), rng)

    # -- Chromium phones ----------------------------------------------------------------------------
    def form_of(self, page):
        key = sorted(self.phones[0].forms)[0]
        return key, self.phones[0].forms[key], page.locator(f".st-key-form{key[0]}_{key[1]}")

    async def browser_joins(self, browser, i: int) -> BrowserPhone:
        context = await browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                                            is_mobile=True, has_touch=True, user_agent=PHONE_UA, locale="da-DK")
        page = await context.new_page()
        page.set_default_timeout(self.args.timeout * 1000)
        phone = BrowserPhone(i, context, page)
        await page.goto(f"{self.url}/?e={EVENT}")
        units = units_in(await page.content())
        await page.get_by_label("Politiker", exact=True).check()
        await page.get_by_label("Kommune eller organisation").select_option(units[(i * 5) % len(units)])
        await page.get_by_role("button", name="Deltag").click()
        await page.wait_for_url("**t=*")
        phone.token = page.url.split("t=")[1].split("&")[0]
        _key, data, form = self.form_of(page)
        for n, crit in enumerate(data["criteria"]):
            value = str((i + n) % 5 + 1)
            await form.locator(f"fieldset[data-criterion='{crit['key']}']").get_by_role(
                "radio", name=value, exact=True).check()
            phone.choices[crit["key"]] = int(value)
        await page.evaluate("window.vdSamePage = true")
        return phone

    async def browser_saves(self, phone: BrowserPhone, now: bool) -> None:
        """Press "Gem" (``now``: while the server is down; else once it is back) and wait
        for the receipt the form shows."""
        from playwright.async_api import expect

        page = phone.page
        key, data, form = self.form_of(page)
        try:
            if not now:
                while self.ready_at is None:
                    await asyncio.sleep(0.1)
            kept = {}
            for crit in data["criteria"]:
                chosen = form.locator(f"fieldset[data-criterion='{crit['key']}']").get_by_role("radio", checked=True)
                kept[crit["key"]] = int((await chosen.evaluate("e => e.labels[0].innerText")).strip())
            phone.kept_choices = kept == phone.choices
            await form.get_by_role("button", name=f"Gem svar på forslag {data['n']}", exact=True).click()
            await expect(form.get_by_role("status")).to_have_text(RECEIPT, timeout=self.args.timeout * 1000)
            phone.receipt_after_ready = time.perf_counter() - (self.ready_at or time.perf_counter())
            phone.confirmed[key] = phone.choices
            phone.same_page = await page.evaluate("window.vdSamePage") is True
        except Exception as exc:  # noqa: BLE001 - counted; the rest of the hall goes on
            self.error(f"chromium phone {phone.index} {type(exc).__name__}: {str(exc)[:200]}")

    # -- the staff's screens ---------------------------------------------------------------------------
    async def open_staff(self, page: str, timed: bool) -> Tab:
        cookies = organiser_cookie(self.server)
        s = Session(self.url, f"event={EVENT}", page_name=page, cookies=cookies, timeout=self.args.timeout)
        await s.connect()
        tab = Tab(page, s, timed_fragments=timed)
        tab.connected.set()
        run = await s.rerun()
        if run.status != FINISHED_OK or not self.staff_page_ok(page, run):
            raise RuntimeError(f"{page}: the page did not draw ({[e.text for e in run.alerts()]})")
        tab.watch = find_watch(run)
        s.page_script_hash = ""        # name the page by its path, as a browser on /control does
        return tab

    @staticmethod
    def staff_page_ok(page: str, run) -> bool:
        if any(e.kind == "exception" for e in run.elements):
            return False
        labels = {getattr(e.proto, "label", "") for e in run.elements if e.kind == "metric"}
        # the projector: the round's count while it is open, the join screen's once it has closed
        return bool(labels & {"Har svaret", "Deltagere"}) if page == "projector" else "Deltagere" in labels

    async def control_reconnected(self, tab: Tab) -> None:
        """The control page has timed fragments: the browser runs the page as soon as it is back."""
        try:
            run = await tab.session.rerun()
        except Exception as exc:  # noqa: BLE001
            self.error(f"control run after reconnect {type(exc).__name__}: {exc}")
            return
        if run.status == FINISHED_OK and self.staff_page_ok("control", run):
            tab.last_run = run
            if self.control_back_at is None:
                self.control_back_at = time.perf_counter()
        else:
            self.error("control: the reconnected page did not draw")

    async def close_round(self, tab: Tab) -> None:
        await tab.connected.wait()
        run = getattr(tab, "last_run", None) or await tab.session.rerun()
        button = run.by_key(f"close{self.round_id}")
        if button is None:
            raise RuntimeError("control page: no 'Luk' button for the round")
        tab.session.page_script_hash = ""
        run = await tab.session.rerun([tab.session.trigger(button.id)], fragment_id=button.fragment_id or None)
        if run.by_key(f"open{self.round_id}") is None:
            raise RuntimeError("control page: the round did not close: "
                               + "; ".join(e.text for e in run.alerts()) or f"{len(run.elements)} elements")
        self.closed_at = time.perf_counter()

    # -- the run -----------------------------------------------------------------------------------------
    async def run(self) -> dict:
        args = self.args
        rng = random.Random(args.seed)
        gate = asyncio.Semaphore(args.join_at_once)
        t0 = time.perf_counter()
        joined = await asyncio.gather(*(self.join(i, gate) for i in range(args.phones)), return_exceptions=True)
        for j in joined:
            if isinstance(j, BaseException):
                self.error(f"join {type(j).__name__}: {j}")
            else:
                self.phones.append(j)
        self.join_seconds = time.perf_counter() - t0
        projector = await self.open_staff("projector", timed=False)
        control = await self.open_staff("control", timed=True)
        playwright = browser = None
        if self.args.chromium:
            from playwright.async_api import async_playwright

            playwright = await async_playwright().start()
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for i in range(self.args.chromium):
                try:
                    self.browsers.append(await self.browser_joins(browser, i))
                except Exception as exc:  # noqa: BLE001
                    self.error(f"chromium phone {i} did not join: {type(exc).__name__}: {str(exc)[:200]}")
        try:
            return await self.day(projector, control)
        finally:
            for phone in self.browsers:
                await phone.context.close()
            if browser is not None:
                await browser.close()
                await playwright.stop()

    async def day(self, projector: Tab, control: Tab) -> dict:
        args = self.args
        rng = random.Random(args.seed + 1)

        thirds = len(self.phones) // 3
        for n, phone in enumerate(self.phones):
            phone.group = "saved" if n < thirds else "burst" if n < 2 * thirds else "unsaved"
            phone.pending = self.choices(phone, sorted(phone.forms)[0], rng)
        await asyncio.gather(*(self.save(p, sorted(p.forms)[0], p.pending, random.Random(p.index))
                               for p in self.phones if p.group == "saved"))

        tasks: list[asyncio.Task] = []
        runs_seen: dict[int, float] = {}

        def phone_seen(phone: HallPhone):
            async def seen(run, started):
                phone.last_run = run
                self.read_page(phone, run)
                if self.closed_at is not None:
                    runs_seen[phone.index] = time.perf_counter() - started
            return seen

        async def projector_seen(run, started):
            if run.status in (FINISHED_OK, FINISHED_FRAGMENT) and self.staff_page_ok("projector", run):
                projector.watch = find_watch(run) or projector.watch
                if self.ready_at is not None and self.projector_back_at is None and projector.reconnects:
                    # its first run in the new server: the whole page (a fragment it does not hold)
                    self.projector_back_at = time.perf_counter()
                    self.projector_back_as = "page" if run.status == FINISHED_OK else "fragment"
            else:
                self.error(f"projector: a run did not draw the screen (status {run.status}, "
                           f"{sorted({e.kind for e in run.elements})})")

        for phone in self.phones:
            prng = random.Random(1000 + phone.index)
            tasks.append(asyncio.create_task(self.keep_connected(phone.tab, prng)))
            tasks.append(asyncio.create_task(self.follow(phone, prng, False, phone_seen(phone))))
        tasks.append(asyncio.create_task(self.keep_connected(projector, random.Random(1))))
        tasks.append(asyncio.create_task(self.follow(projector, random.Random(2), True, projector_seen)))
        tasks.append(asyncio.create_task(self.keep_connected(control, random.Random(3),
                                                             lambda: self.control_reconnected(control))))

        # the burst, and the kill half-way through it
        burst_start = time.perf_counter() + 0.5
        bursts: dict[int, asyncio.Task] = {}

        async def press_in_burst(phone: HallPhone):
            await asyncio.sleep(max(0.0, burst_start + rng.uniform(0, args.burst) - time.perf_counter()))
            await self.save(phone, sorted(phone.forms)[0], phone.pending, random.Random(phone.index))

        for phone in self.phones:
            if phone.group == "burst":
                bursts[phone.index] = asyncio.create_task(press_in_burst(phone))
        await asyncio.sleep(max(0.0, burst_start + args.burst / 2 - time.perf_counter()))
        self.in_flight_at_kill = self.in_flight
        await asyncio.to_thread(self.server.stop, signal.SIGKILL)
        self.killed_at = time.perf_counter()        # a receipt that came before this was sent before the kill
        chromium = [asyncio.create_task(self.browser_saves(b, now=(b.index == 0))) for b in self.browsers]
        await asyncio.sleep(args.down)
        self.restart_began = time.perf_counter()
        await asyncio.to_thread(self.server.start, 180)
        self.ready_at = time.perf_counter()

        afters = [asyncio.create_task(self.phone_after_restart(p, bursts.get(p.index), random.Random(5000 + p.index)))
                  for p in self.phones]
        await asyncio.wait([*afters, *bursts.values(), *chromium], timeout=args.timeout)
        everyone_saved = time.perf_counter()
        tasks += [*afters, *bursts.values(), *chromium]   # any still sending when the time is up

        await self.close_round(control)
        # every phone's watch sees the round close and runs its page in the new server
        waited_until = time.perf_counter() + args.timeout
        while len(runs_seen) < len(self.phones) and time.perf_counter() < waited_until:
            await asyncio.sleep(0.5)
        while self.projector_back_at is None and time.perf_counter() < waited_until:
            await asyncio.sleep(0.5)
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        for tab in [p.tab for p in self.phones] + [projector, control]:
            await tab.session.close()

        pages = self.check_pages(runs_seen)
        ready = self.ready_at

        def after_ready(values):
            return spread([v - ready for v in values if v is not None])

        return {
            "phones": args.phones, "joined": len(self.phones), "join_seconds": round(self.join_seconds, 1),
            "groups": {g: sum(p.group == g for p in self.phones) for g in ("saved", "burst", "unsaved")},
            "saves_confirmed_before_kill": self.saves_before_kill, "saves_in_flight_at_kill": self.in_flight_at_kill,
            "saves_confirmed_after_restart": self.saves_after_restart, "retries": self.retries,
            "restart_to_ready_s": round(ready - self.restart_began, 1),
            "ready_to_first_receipt_s": round(self.first_receipt_at - ready, 2) if self.first_receipt_at else None,
            "restart_to_first_receipt_s": (round(self.first_receipt_at - self.restart_began, 2)
                                           if self.first_receipt_at else None),
            "ready_to_phone_reconnected_s": after_ready([p.tab.reconnected_at for p in self.phones]),
            "ready_to_phone_receipt_s": after_ready([p.receipt_after_restart for p in self.phones]),
            "ready_to_everyone_saved_s": round(everyone_saved - ready, 1),
            "ready_to_projector_back_s": round(self.projector_back_at - ready, 1) if self.projector_back_at else None,
            "projector_back_as": self.projector_back_as,
            "ready_to_control_back_s": round(self.control_back_at - ready, 1) if self.control_back_at else None,
            "page_run_after_close_s": spread(list(runs_seen.values())),
            "chromium": {"phones": len(self.browsers), "pressed_while_down": int(bool(self.browsers)),
                         "with_receipt": sum(b.receipt_after_ready is not None for b in self.browsers),
                         "choices_kept": sum(b.kept_choices for b in self.browsers),
                         "not_reloaded": sum(b.same_page for b in self.browsers),
                         "ready_to_receipt_s": [round(b.receipt_after_ready, 1) for b in self.browsers
                                                if b.receipt_after_ready is not None]},
            "phones_reconnected": sum(p.tab.reconnects > 0 for p in self.phones),
            "sockets_refused_while_down": self.sockets_refused,
            "phones_with_receipt_after_restart": sum(p.receipt_after_restart is not None for p in self.phones),
            **pages,
        }

    def check_pages(self, runs_seen: dict) -> dict:
        """Each phone's run in the new server: the participant page, the round closed, and its
        forms showing exactly what the phone had confirmed."""
        bad: list[str] = []
        for p in self.phones:
            run = p.last_run
            if run is None or p.index not in runs_seen:
                bad.append(f"phone {p.index}: no page run after the restart")
                continue
            if run.status != FINISHED_OK or any(e.kind == "exception" for e in run.elements):
                bad.append(f"phone {p.index}: the run failed")
            elif any(e.text == JOIN_TEXT for e in run.elements) or not p.forms:
                bad.append(f"phone {p.index}: not the participant page")
            else:
                for key, scores in p.confirmed.items():
                    form = p.forms.get(key)
                    if form is None or not form["closed"] or form["saved"]["scores"] != scores:
                        bad.append(f"phone {p.index}: the form of draft {key[1]} does not show the saved ballot")
        return {"pages_wrong": len(bad), "pages_wrong_examples": bad[:5]}


def main(argv: list[str] | None = None, server: StreamlitServer | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phones", type=int, default=300)
    parser.add_argument("--burst", type=float, default=2.0, help="seconds of the burst the kill falls into")
    parser.add_argument("--down", type=float, default=2.0, help="seconds between the kill and the start")
    parser.add_argument("--think", type=float, default=3.0, help="a phone presses within this after it is back")
    parser.add_argument("--join-at-once", type=int, default=20)
    parser.add_argument("--chromium", type=int, default=3 if CHROMIUM else 0,
                        help="real Chromium phones besides the protocol phones")
    parser.add_argument("--timeout", type=float, default=120.0, help="a page run, a join")
    parser.add_argument("--deadline", type=float, default=600.0, help="seconds for the whole run")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "restart.json")
    args = parser.parse_args(argv)
    if args.chromium and not CHROMIUM:
        parser.error("--chromium needs Debian's chromium")
    began = time.perf_counter()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="visionsdag-restart-") as tmp:
        server = server or StreamlitServer(Path(tmp))
        setup = prepare_app_db(server)
        server.start(180)
        bench = Restart(args, server, setup)
        finished = True
        async def bounded() -> dict:
            try:
                return await asyncio.wait_for(bench.run(), args.deadline - 20)
            finally:
                await close_http()

        try:
            figures = asyncio.run(bounded())
        except asyncio.TimeoutError:
            finished, figures = False, {}
        finally:
            server.stop(signal.SIGTERM)
        phones = [LoadPhone(p.index, session=None, token=p.token,
                            confirmed={k: (v, None) for k, v in p.confirmed.items()})
                  for p in [*bench.phones, *bench.browsers]]
        stored = check_saved(server.db, bench.round_id, phones)
        before = [LoadPhone(p.index, session=None, token=p.token,
                            confirmed={k: (v, None) for k, v in p.before_kill.items()}) for p in bench.phones]
        kept = check_saved(server.db, bench.round_id, before)
        log = server.log.read_text(errors="replace")
    figures.update({
        "finished": finished,
        "confirmed_before_kill_lost": kept["lost"] + kept["mismatched"],
        "confirmed_lost": stored["lost"] + stored["mismatched"],
        "ballots_in_file": stored["ballots_in_db"], "ballots_in_file_unconfirmed": stored["ballots_in_db_unconfirmed"],
        "participants_in_file": stored["participants_in_db"],   # phones and Chromium phones: nobody joined twice
        "tracebacks_in_server_log": log.count("Traceback"),
        "errors": len(bench.errors), "error_examples": bench.errors[:10],
        "total_seconds": round(time.perf_counter() - began, 1),
        "load_average_before": [round(x, 1) for x in load_before],
        "load_average_after": [round(x, 1) for x in os.getloadavg()],
    })
    figures["ok"] = bool(finished and not figures["confirmed_lost"] and not figures["confirmed_before_kill_lost"]
                         and figures.get("phones_with_receipt_after_restart") == args.phones == figures.get("joined")
                         and figures.get("phones_reconnected") == args.phones and not figures.get("pages_wrong")
                         and figures.get("ready_to_projector_back_s") is not None
                         and figures.get("ready_to_control_back_s") is not None and not bench.errors
                         and figures["participants_in_file"] == args.phones + args.chromium
                         and all(figures.get("chromium", {}).get(k) == args.chromium
                                 for k in ("phones", "with_receipt", "choices_kept", "not_reloaded")))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    print(json.dumps(figures, indent=2))
    print("restart mid-round: " + ("every phone carried on, nothing confirmed was lost" if figures["ok"] else "FAILED"))
    return figures


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))     # stopped from outside: the server is stopped too
    raise SystemExit(0 if main()["ok"] else 1)
