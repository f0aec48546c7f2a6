"""A participant's phone follows the organiser within 3 s, in every kind of round, without
a reload: a round opens while it shows another, a draft is approved or hidden, the round
it is answering closes (the unsaved choice stays, with a notice), the next round opens.

Chromium against a real server; the organiser works on the control and set-up pages.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import CHROMIUM, PHONE_UA, login, wait_for_app
from tests.e2e.joining import join as join_on_phone
from testkit.server import ORGANISER, StreamlitServer
from tests.e2e.test_vote_e2e import checked, form, pick, status
from vision import events
from vision.api import ROUNDS_PATH

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")

FOLLOW_S = 3.0        # the longest a phone may show something the organiser has changed
LINKY = "Se http://x.example/plan"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The demo events, no round open, and drafts waiting for approval in both events
    (one whose label and text would become a link or italics if read as markdown)."""
    def shape(store):
        ids = {}
        for code in ("TEMA17", "VISION20"):
            ev = events.get_event(store, code)
            ids[code] = {}
            for r in events.rounds(store, ev.id):   # the first of each kind: TEMA17's politicians' track
                ids[code].setdefault(r.kind, r.id)
            ids[code]["pending"] = [events.add_draft(store, "setup", ev.id, f"{LINKY} ({code} {i})", label="_x_",
                                                     approved=False) for i in range(5)]
        return ids

    server = StreamlitServer(tmp_path_factory.mktemp("follow"))
    ids = server.start_with(shape)
    yield server, ids
    server.stop()


@pytest.fixture(scope="module")
def organiser(server, browser):
    """A logged-in organiser's tab: opens and closes rounds, approves and hides drafts."""
    srv, _ids = server
    ctx = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="da-DK")
    page = ctx.new_page()
    page.set_default_timeout(60_000)     # the set-up page is long; on a busy machine it takes a while
    login(page, srv.url, ORGANISER)
    yield Organiser(page, srv.url)
    ctx.close()


@dataclass
class Organiser:
    page: object
    url: str

    def control(self, code: str) -> None:
        if not self.page.url.startswith(f"{self.url}/control?event={code}"):
            self.page.goto(f"{self.url}/control?event={code}")
        wait_for_app(self.page)

    def press(self, key: str, then: str) -> float:
        """Press the button with ``key``; wait until the page shows the button ``then`` (the
        change is saved). Returns that moment."""
        self.page.locator(f".st-key-{key}").get_by_role("button").click()
        self.page.locator(f".st-key-{then}").wait_for()
        done = time.monotonic()
        wait_for_app(self.page)
        return done

    def open(self, code: str, round_id: int) -> float:
        self.control(code)
        return self.press(f"open{round_id}", f"close{round_id}")

    def close(self, code: str, round_id: int) -> float:
        self.control(code)
        return self.press(f"close{round_id}", f"open{round_id}")

    def only_open(self, code: str, *round_ids: int, rounds: list[int]) -> None:
        """Leave exactly ``round_ids`` of the event's ``rounds`` open."""
        self.control(code)
        for rid in rounds:
            self.page.locator(f".st-key-open{rid}, .st-key-close{rid}").wait_for()
        for rid in rounds:
            if rid not in round_ids and self.page.locator(f".st-key-close{rid}").count():
                self.press(f"close{rid}", f"open{rid}")
            if rid in round_ids and self.page.locator(f".st-key-open{rid}").count():
                self.press(f"open{rid}", f"close{rid}")

    def draft(self, code: str, draft_id: int, action: str) -> float:
        """``approve`` a table's draft on the control page, or ``hide`` an approved one on the
        set-up page. Returns the moment the page shows it done."""
        if action == "approve":
            self.control(code)
            key = f"appr{draft_id}"
        else:
            self.page.goto(f"{self.url}/setup?event={code}")
            wait_for_app(self.page)
            self.page.get_by_role("tab", name="Forslag").click()
            key = f"hide_{draft_id}"
        self.page.locator(f".st-key-{key}").get_by_role("button").click()
        expect(self.page.locator(f".st-key-{key}")).to_have_count(0, timeout=60_000)
        return time.monotonic()


def round_ids(ids: dict) -> list[int]:
    return [v for k, v in ids.items() if k != "pending"]


def ids_open(page) -> list[int]:
    keys = page.locator("[class*='st-key-close']").evaluate_all(
        "els => els.map(e => [...e.classList].find(c => c.startsWith('st-key-close')))")
    return [int(k.removeprefix("st-key-close")) for k in keys if k]


_phones: dict[str, str] = {}


def phone_url(srv, code: str, browser) -> str:
    """The page address of one phone per event (joined once, as a politician from Aalborg)."""
    if code not in _phones:
        ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="da-DK", user_agent=PHONE_UA)
        page = ctx.new_page()
        join_on_phone(page, srv.url, code)
        _phones[code] = page.url
        ctx.close()
    return _phones[code]


class Answers:
    """What the phone's page is told when it asks ``/api/rounds``, with the moment."""

    def __init__(self, phone):
        self.seen: list[tuple[float, dict]] = []
        phone.on("response", self._take)

    def _take(self, response) -> None:
        if response.url.endswith(ROUNDS_PATH) and response.ok:
            self.seen.append((time.monotonic(), response.json()["state"]))

    def learnt(self, phone, since: float, test) -> float:
        """Seconds from ``since`` to the phone's first answer after it for which ``test(state)``."""
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            hit = next((t for t, state in self.seen if t >= since and test(state)), None)
            if hit is not None:
                return hit - since
            phone.wait_for_timeout(100)
        raise AssertionError("the phone never learnt of the change")


TIMES: list[tuple[str, float, float]] = []     # (what, learnt after, drawn after), printed at the end


def follows(phone, answers: Answers, what: str, since: float, test, locator, **state) -> None:
    """The phone learns of the organiser's change (saved at ``since``) within FOLLOW_S, by
    asking, and draws it without a reload: ``locator`` reaches ``state`` (visible by default).
    Drawing is one run of the page: on a busy machine it takes what it takes, so it is
    waited for, and its time reported, not asserted."""
    learnt = answers.learnt(phone, since, test)
    locator.wait_for(timeout=15_000, **state)
    TIMES.append((what, learnt, time.monotonic() - since))
    gaps = [round(b[0] - a[0], 1) for a, b in zip(answers.seen, answers.seen[1:]) if b[0] > since - 6]
    assert learnt <= FOLLOW_S, f"{what}: the phone learnt of it after {learnt:.1f} s (asked at intervals {gaps})"


@pytest.fixture(scope="module", autouse=True)
def report_times():
    yield
    for what, learnt, drawn in TIMES:
        print(f"{what:<40} learnt after {learnt:4.1f} s, drawn after {drawn:4.1f} s")


def shown_open(phone, round_id: int):
    """The round's part of the page, drawn as open (no lock notice)."""
    return phone.locator(f".st-key-round{round_id}:not(:has([data-testid='stAlertContentWarning']))")


def lock_notice(phone, round_id: int):
    return phone.locator(f".st-key-round{round_id}").get_by_text("Runden lukkede kl.")


# -- what a phone does in each kind of round, and how its unsaved choice is seen ---------------
@dataclass
class Kind:
    code: str
    kind: str
    choose: Callable
    kept: Callable
    other: str            # another round of the event, opened while this one is shown
    next: str             # the round the organiser moves on to


def choose_score(phone, ids):
    rid, did = ids["scoring"], first_approved(phone, ids)
    pick(phone, rid, did, "retning", "2")
    expect(status(phone, rid, did)).to_have_text("ikke gemt endnu")


def kept_score(phone, ids, closed=False):
    rid, did = ids["scoring"], first_approved(phone, ids)
    assert checked(phone, rid, did, "retning") == "2"
    if closed:
        expect(status(phone, rid, did)).to_have_text(
            "Runden er lukket: dine valg her blev ikke gemt og tæller ikke med.")
        expect(form(phone, rid, did).get_by_role("radio", name="3", exact=True).first).to_be_disabled()


def first_approved(phone, ids) -> int:
    key = phone.locator(f"[class*='st-key-form{ids['scoring']}_']").first.evaluate(
        "e => [...e.classList].find(c => c.startsWith('st-key-form'))")
    return int(key.rsplit("_", 1)[1])


def in_round(phone, ids, kind: str):
    """The round's own part of the phone: a round of the same kind closed minutes before
    stays on the phone, locked, with the same labels."""
    return phone.locator(f".st-key-round{ids[kind]}")


def slider(phone, ids):
    return in_round(phone, ids, "paradox").get_by_role("slider", name="Din placering: Nærhed OG højt specialiserede tilbud")


def choose_paradox(phone, ids):
    s = slider(phone, ids)
    s.focus()
    for _ in range(4):
        s.press("ArrowRight")
    expect(s).to_have_value("20")


def kept_paradox(phone, ids, closed=False):
    expect(slider(phone, ids)).to_have_value("20")
    if closed:
        expect(slider(phone, ids)).to_be_disabled()


def points_box(phone, ids):
    return in_round(phone, ids, "focus").get_by_label("Borgerens egenmestring")


def choose_points(phone, ids):
    box = points_box(phone, ids)
    box.fill("6")
    box.press("Tab")
    expect(in_round(phone, ids, "focus").locator(".vd-total")).to_have_text("6 af 10 point fordelt: 4 tilbage.")


def kept_points(phone, ids, closed=False):
    expect(points_box(phone, ids)).to_have_value("6")
    if closed:
        expect(points_box(phone, ids)).to_be_disabled()


def rank_box(phone, ids):
    return in_round(phone, ids, "focus").get_by_label("Den gode alderdom for borgere med et handicap")


def choose_rank(phone, ids):
    rank_box(phone, ids).click()
    phone.get_by_role("option", name="2", exact=True).click()
    expect(rank_box(phone, ids)).to_have_value("2")


def kept_rank(phone, ids, closed=False):
    expect(rank_box(phone, ids)).to_have_value("2")
    if closed:
        expect(rank_box(phone, ids)).to_be_disabled()


def draft_box(phone, ids):
    return in_round(phone, ids, "drafting").get_by_label("Bordets forslag")


def choose_text(phone, ids):
    draft_box(phone, ids).fill("Alle borgere skal kunne se et træ")
    draft_box(phone, ids).press("Tab")


def kept_text(phone, ids, closed=False):
    expect(draft_box(phone, ids)).to_have_value("Alle borgere skal kunne se et træ")
    if closed:
        expect(draft_box(phone, ids)).to_be_disabled()


KINDS = {
    "scoring": Kind("TEMA17", "scoring", choose_score, kept_score, "paradox", "focus"),
    "paradox": Kind("TEMA17", "paradox", choose_paradox, kept_paradox, "focus", "drafting"),
    "focus-points": Kind("TEMA17", "focus", choose_points, kept_points, "drafting", "paradox"),
    "focus-rank": Kind("VISION20", "focus", choose_rank, kept_rank, "scoring", "scoring"),
    "drafting": Kind("TEMA17", "drafting", choose_text, kept_text, "focus", "scoring"),
}
def opened(rid):
    return lambda state: rid in state["rounds"]


def closed(rid):
    return lambda state: rid not in state["rounds"]


@pytest.mark.parametrize("name", list(KINDS))
def test_a_phone_in_a_round_follows_every_change_within_3_s(server, organiser, browser, page_phone, name):
    srv, all_ids = server
    k = KINDS[name]
    ids = all_ids[k.code]
    phone = page_phone
    answers = Answers(phone)
    organiser.only_open(k.code, ids[k.kind], rounds=round_ids(ids))
    phone.goto(phone_url(srv, k.code, browser))
    wait_for_app(phone)
    shown_open(phone, ids[k.kind]).wait_for()
    expect(phone.get_by_text("ser du det næste gang")).to_have_count(0)
    k.choose(phone, ids)

    # 1. Another round opens while the phone shows this one: it appears; the choice stays.
    since = organiser.open(k.code, ids[k.other])
    follows(phone, answers, f"{name}: another round opens", since, opened(ids[k.other]),
            shown_open(phone, ids[k.other]))
    k.kept(phone, ids)
    since = organiser.close(k.code, ids[k.other])
    follows(phone, answers, f"{name}: the other round closes", since, closed(ids[k.other]),
            lock_notice(phone, ids[k.other]))
    k.kept(phone, ids)

    # 2. A draft is approved, then hidden.
    pending = all_ids[k.code]["pending"].pop()
    scoring = ids["scoring"]
    since = organiser.draft(k.code, pending, "approve")
    if k.kind == "scoring":
        follows(phone, answers, f"{name}: a draft is approved", since, lambda s: pending in s["drafts"],
                phone.locator(f".st-key-form{scoring}_{pending}"))
        # The draft's words are shown as typed: no link, no italics, not a heading.
        words = phone.locator(f".st-key-drafttext{scoring}_{pending}")
        # (an invisible word joiner after "http" keeps it from being linked; nothing else differs)
        assert LINKY in words.inner_text().replace("\u2060", "")
        assert words.locator("a, h1, h2, h3, h4, em").count() == 0
        expect(phone.locator(f".st-key-draft{scoring}_{pending}").get_by_text("_x_", exact=False)).to_have_count(1)
    else:   # the page runs again (what it shows of drafts changed); nothing unsaved is lost
        assert answers.learnt(phone, since, lambda s: pending in s["drafts"]) <= FOLLOW_S
        phone.wait_for_timeout(2_000)
    k.kept(phone, ids)
    since = organiser.draft(k.code, pending, "hide")
    if k.kind == "scoring":
        follows(phone, answers, f"{name}: a draft is hidden", since, lambda s: pending not in s["drafts"],
                phone.locator(f".st-key-form{scoring}_{pending}"), state="detached")
    else:
        assert answers.learnt(phone, since, lambda s: pending not in s["drafts"]) <= FOLLOW_S
        phone.wait_for_timeout(2_000)
    k.kept(phone, ids)

    # 3. The round closes while the phone is answering: a clear notice, the choice still there,
    #    nothing that says it can still be changed.
    since = organiser.close(k.code, ids[k.kind])
    follows(phone, answers, f"{name}: its round closes", since, closed(ids[k.kind]),
            lock_notice(phone, ids[k.kind]))
    k.kept(phone, ids, closed=True)
    expect(phone.get_by_text("Du kan ændre dine svar")).to_have_count(0)
    expect(phone.get_by_text("indtil runden lukker")).to_have_count(0)

    # 4. The organiser moves on: the next round opens and the phone shows it.
    since = organiser.open(k.code, ids[k.next])
    follows(phone, answers, f"{name}: the next round opens", since, opened(ids[k.next]),
            shown_open(phone, ids[k.next]))
    organiser.close(k.code, ids[k.next])


def test_a_drafting_phone_learns_that_its_draft_was_approved(server, organiser, browser, page_phone):
    srv, all_ids = server
    ids = all_ids["TEMA17"]
    organiser.only_open("TEMA17", ids["drafting"], rounds=round_ids(ids))
    phone = page_phone
    phone.goto(phone_url(srv, "TEMA17", browser))
    wait_for_app(phone)
    draft_box(phone, ids).fill("Alle borgere skal have et hjem")
    phone.get_by_role("button", name="Indsend bordets forslag").click()
    phone.get_by_text("Forslaget er indsendt").wait_for()
    organiser.page.goto(f"{organiser.url}/control?event=TEMA17")
    wait_for_app(organiser.page)
    card = organiser.page.locator("[data-testid='stVerticalBlock']").filter(
        has_text="Alle borgere skal have et hjem").filter(has=organiser.page.locator("[class*='st-key-appr']")).last
    key = card.locator("[class*='st-key-appr']").evaluate("e => [...e.classList].find(c => c.startsWith('st-key-appr'))")
    answers = Answers(phone)
    organiser.page.locator(f".{key} button").click()
    expect(organiser.page.locator(f".{key}")).to_have_count(0, timeout=60_000)
    since = time.monotonic()
    follows(phone, answers, "drafting: the table's draft is approved", since, lambda s: len(s["drafts"]) > 3,
            phone.get_by_text("1 af bordets forslag er godkendt"))
    organiser.close("TEMA17", ids["drafting"])
