"""The 2017 theme day (TEMA17) played end to end in Chromium against one real server, as
the source runs it (seed 002: the programme, lines 60-80; the group work, lines 230-445).

Five browsers: a politician's phone, an official's phone and an official table chair's
phone (390×844), a politician who sits down at the three other politicians' tables in turn
(390×844), and the organiser's control page (1366×900), with the big screen (1920×1080)
beside it. The organiser moves the programme's "now" item by item. Slot 1 opens and each
phone sees only its own group's task: the politician places themself on the paradoxes and,
as table chair, writes the table's overall vision; the officials collect challenges and
their chair chooses three. The plenum shows the overall visions before the break. Slot 2
opens: the politicians' tables of all four focus areas write the focus area's vision, table 5
starting from the officials' three; the official chair writes the mission. The plenum shows
the visions by focus area on the big screen and opens the vision test in one action for
exactly those drafts; the phones score and the big screen shows the results by focus area.

Each step is photographed at phone and projector size as ``theme-day-NN-<step>-*.png``
in ``shots_dir()`` (docs/screenshots under ``make screenshots``).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.e2e.conftest import CHROMIUM, PHONE_UA, login, press, shots_dir, wait_for_app
from tests.e2e.joining import join as join_on_phone
from testkit.server import StreamlitServer

pytestmark = [pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed"),
              pytest.mark.timeout(300)]

FOLLOWS = 15_000        # a few seconds: a phone asks every 2 s, the big screen twice a second, plus a run
AREA = "Borgerens egenmestring"
POL_TABLE = "Bord 5 · Politikere · Borgerens egenmestring (Politiker)"
OFF_TABLE = "Bord 1 · Embedsmænd · Borgerens egenmestring (Embedsmand)"
PARADOXES = "Runde 1 · Politikere: Hvilken balance ønsker vi mellem paradoksernes to mål?"
OVERALL = "Runde 1 · Politikere: Vision for det specialiserede socialområde"
CHALLENGES = "Runde 1 · Embedsmænd: Udfordringer ift. udvalgte fokusområder"
FOCUS_VISION = "Runde 2 · Politikere: Vision for udvalgte fokusområder"
MISSION = "Runde 2 · Embedsmænd: Mission for det specialiserede socialområde"
# What the tables write: typed for this test, not from the sources.
ADDED = {"official": ["Forskellige serviceniveauer på tværs af kommunerne",
                      "Borgeren oplever egenmestring som en spareøvelse"],
         "chair": ["Samarbejdet med regionen om de svære forløb", "Ventetid på udredning"]}
CHOSEN = ADDED["official"] + ADDED["chair"][:1]
VISION = "Alle borgere mestrer eget liv med støtte tæt på hjemmet – i hele Nordjylland inden 2025."
OVERALL_TEXT = "Sammen skaber vi et socialområde, hvor borgeren får den rette hjælp tæt på sit liv."
# The other politicians' tables of slot 2, one per focus area, and what each writes.
OTHER_TABLES = {
    "Bord 6 · Politikere · Socialfagligt fokus på beskæftigelse (Politiker)":
        ("Socialfagligt fokus på beskæftigelse", "Flere borgere med handicap i job i hele Nordjylland inden 2025."),
    "Bord 7 · Politikere · Samarbejde med psykiatrien · Samarbejde mellem kommunerne og behandlingspsykiatrien"
    " (Politiker)":
        ("Samarbejde mellem kommunerne og behandlingspsykiatrien",
         "Ét sammenhængende forløb for borgeren mellem kommune og psykiatri inden 2024."),
    "Bord 8 · Politikere · Nye samarbejdsformer (Politiker)":
        ("Nye samarbejdsformer", "Kommunerne deler viden og tilbud frit på tværs af Nordjylland inden 2023."),
}
MISSION_TEXT = "Vi giver borgeren ét samlet forløb på tværs af kommuner og psykiatri."


@pytest.fixture(scope="module")
def day(tmp_path_factory):
    from vision import events

    def rounds(store):
        ev = events.get_event(store, "TEMA17")
        return {r.title: r.id for r in events.rounds(store, ev.id)}

    server = StreamlitServer(tmp_path_factory.mktemp("themeday"))
    ids = server.start_with(rounds)
    yield server, ids
    server.stop()


def window(browser, width, height, **kw):
    ctx = browser.new_context(viewport={"width": width, "height": height}, locale="da-DK", **kw)
    page = ctx.new_page()
    page.set_default_timeout(40_000)     # a shared, loaded machine: a first page run can be slow
    return ctx, page


def phone(browser):
    return window(browser, 390, 844, device_scale_factor=2, is_mobile=True, has_touch=True, user_agent=PHONE_UA)


def join_at_table(page, url: str, group: str, table: str) -> None:
    join_on_phone(page, url, "TEMA17", group, table=table)


def shoot(page, name: str, full: bool = False) -> None:
    wait_for_app(page)
    page.screenshot(path=str(shots_dir() / f"theme-day-{name}.png"), full_page=full)


def now_item(page):
    return page.locator("li[aria-current='step']")


def next_item(org, title: str) -> None:
    """The organiser moves "now" one item on, to ``title``, and sees it marked."""
    org.locator(".st-key-prog_next button").click()
    expect(org.locator("[data-testid='stMarkdownContainer']").filter(has_text=f"Nu: {title}")).to_have_count(1)
    wait_for_app(org)


def add_challenge(page, rid: int, text: str) -> None:
    fields = page.locator(f"[class*='st-key-chnew{rid}_']")
    expect(fields).to_have_count(1)
    key = next(c for c in fields.get_attribute("class").split() if c.startswith(f"st-key-chnew{rid}_"))
    fields.locator("textarea").fill(text)
    page.get_by_role("button", name="Tilføj udfordringen").click()
    expect(page.get_by_text(text).first).to_be_visible()
    expect(page.locator(f".{key}")).to_have_count(0)            # the filled field is gone …
    expect(fields).to_have_count(1)
    expect(fields.locator("textarea")).to_have_value("")        # … and an empty one is ready


def tick(scope, text: str) -> None:
    scope.locator("[data-testid='stCheckbox']").filter(has_text=text).locator("label").first.click()


def write_table_draft(page, rid: int, text: str, ticks: tuple[str, ...]) -> None:
    mine = page.locator(f".st-key-round{rid}")
    for t in ticks:
        tick(mine, t)
    area = page.locator(f".st-key-draft{rid} textarea")
    area.fill(text)
    area.press("Tab")
    mine.get_by_role("button", name="Indsend bordets forslag").click()
    expect(mine.get_by_text("Forslaget er indsendt", exact=False)).to_be_visible()


def choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the select box ``label``; open it again if a page run closed it."""
    wait_for_app(page)
    for _attempt in range(3):
        page.get_by_role("combobox", name=label).click()
        try:
            page.get_by_role("option", name=option).click(timeout=5_000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    expect(page.get_by_role("combobox", name=label)).to_have_value(option)


def score_draft(page, sid: int, text: str, score: str) -> None:
    """Score the draft showing ``text`` with ``score`` on all nine criteria, and save."""
    mine = page.locator(f"[class*='st-key-draft{sid}_']").filter(has_text=text)
    expect(mine).to_have_count(1)
    mine.scroll_into_view_if_needed()
    form = mine.locator(f"[class*='st-key-form{sid}_']")
    expect(form.locator("fieldset[data-criterion]")).to_have_count(9)
    for fieldset in form.locator("fieldset[data-criterion]").all():
        fieldset.get_by_role("radio", name=score, exact=True).check()
    form.get_by_role("button", name=re.compile(r"^Gem svar på forslag \d+$")).click()
    expect(form.get_by_role("status")).to_have_text(re.compile(r"^Gemt kl\. .*9 af 9 kriterier"))


def test_the_2017_theme_day_end_to_end(day, browser):
    server, ids = day
    url = server.url
    expect.set_options(timeout=FOLLOWS)      # every step: within a few seconds on a shared machine
    contexts = []

    def open_window(make):
        ctx, page = make()
        contexts.append(ctx)
        return page

    try:
        pol = open_window(lambda: phone(browser))
        off = open_window(lambda: phone(browser))
        chair = open_window(lambda: phone(browser))
        guest = open_window(lambda: phone(browser))
        org = open_window(lambda: window(browser, 1366, 900))
        screen = open_window(lambda: window(browser, 1920, 1080))

        # 00 · Arrival: every phone joins at a table of its own group's focus area.
        join_at_table(pol, url, "Politiker", POL_TABLE)
        join_at_table(off, url, "Embedsmand", OFF_TABLE)
        join_at_table(chair, url, "Embedsmand", OFF_TABLE)
        login(org, url)
        login(screen, url)
        org.goto(url + "/control?event=TEMA17")
        wait_for_app(org)
        screen.goto(url + "/projector?event=TEMA17")
        wait_for_app(screen)

        # 01 · The organiser marks the opening as "now": the big screen and the waiting phones follow.
        org.get_by_role("button", name="Næste punkt").click()
        for page in (screen, pol, off):
            expect(now_item(page)).to_contain_text("Åbning af dagen", timeout=FOLLOWS)
        expect(pol.get_by_text("Dagens program")).to_be_visible()
        shoot(pol, "01-opening-phone")
        shoot(screen, "01-opening-projector")
        # The presentations before the group work: now moves item by item, the hall follows.
        next_item(org, "Præsentation af dagen")
        next_item(org, "Udfordringer og paradokser")
        for page in (screen, pol):
            expect(now_item(page)).to_contain_text("Udfordringer og paradokser", timeout=FOLLOWS)
        next_item(org, "Gruppedrøftelser: Runde 1")
        expect(now_item(screen)).to_contain_text("Gruppedrøftelser: Runde 1", timeout=FOLLOWS)

        # 02 · Slot 1 opens: each phone sees its own group's task, and nothing of the other's.
        slot1 = org.locator(".st-key-slot1")
        slot1.get_by_role("button", name="Åbn alle spor").click()
        expect(slot1.get_by_role("button", name="Luk alle spor")).to_be_visible()
        expect(pol.get_by_role("heading", name=PARADOXES)).to_be_visible(timeout=FOLLOWS)
        expect(pol.get_by_role("heading", name=OVERALL)).to_be_visible()
        expect(pol.get_by_text("Overordnet vision", exact=True)).to_be_visible()
        expect(pol.get_by_text("Formuler et visions statement for det specialiserede socialområde",
                               exact=False)).to_be_visible()
        for page in (off, chair):
            expect(page.get_by_role("heading", name=CHALLENGES)).to_be_visible(timeout=FOLLOWS)
            expect(page.get_by_text("Spørgsmål kort – runde 1")).to_be_visible()
            expect(page.get_by_text("Hvilke udfordringer oplever I omkring borgerens egenmestring?")).to_be_visible()
        assert pol.get_by_text(CHALLENGES).count() == 0
        assert off.get_by_text(PARADOXES).count() == 0 and off.get_by_text(OVERALL).count() == 0
        shoot(pol, "02-slot1-politician-phone")
        shoot(off, "02-slot1-official-phone")
        shoot(org, "02-slot1-control")
        shoot(screen, "02-slot1-projector")

        # The politician places themself on each paradox, towards the first pole, and saves.
        paradoxes = pol.locator(f".st-key-round{ids[PARADOXES]}")
        sliders = paradoxes.get_by_role("slider")
        expect(sliders).to_have_count(2)
        for s in sliders.all():
            s.focus()
            for _ in range(3):
                s.press("ArrowLeft")
            expect(s).to_have_value("-15")
        paradoxes.get_by_role("button", name="Gem mine placeringer").click()
        expect(paradoxes.get_by_text("2 placeringer", exact=False)).to_be_visible()
        # As table chair, the politician writes the table's overall vision (the card's question 3).
        pol.get_by_role("button", name="Jeg er bordformand").click()
        expect(pol.get_by_text("Du er bordformand", exact=False)).to_be_visible()
        write_table_draft(pol, ids[OVERALL], OVERALL_TEXT, ("HVEM –", "HVAD –"))
        shoot(pol, "02-slot1-overall-vision-phone")

        # 03 · The officials add challenges; the chair takes the chair and chooses exactly three.
        rid = ids[CHALLENGES]
        chair.get_by_role("button", name="Jeg er bordformand").click()
        expect(chair.get_by_text("Du er bordformand", exact=False)).to_be_visible()
        for text in ADDED["official"]:
            add_challenge(off, rid, text)
        for text in ADDED["chair"]:
            add_challenge(chair, rid, text)
        chair.get_by_role("button", name="Hent bordets seneste udfordringer").click()
        wait_for_app(chair)
        for text in CHOSEN[:2]:
            tick(chair, text)
        chair.get_by_role("button", name="Gem bordets 3 valg").click()
        expect(chair.get_by_text("Vælg præcis 3 udfordringer (du har valgt 2).")).to_be_visible()
        tick(chair, CHOSEN[2])
        chair.get_by_role("button", name="Gem bordets 3 valg").click()
        expect(chair.get_by_text("Bordets 3 udfordringer er gemt.", exact=False)).to_be_visible()
        expect(org.get_by_text(CHOSEN[2])).to_be_visible(timeout=FOLLOWS)
        org.locator(".st-key-scrchallenges button").click()
        expect(screen.get_by_role("heading", name="Embedsværkets udfordringer")).to_be_visible(timeout=FOLLOWS)
        for text in CHOSEN:
            expect(screen.get_by_text(text)).to_be_visible()
        expect(screen.get_by_text(ADDED["chair"][1])).to_have_count(0)
        shoot(chair, "03-challenges-chair-phone")
        shoot(screen, "03-challenges-projector")

        # 03b · Slot 1 closes; before the break the plenum shows the politicians' overall visions.
        press(org, ".st-key-closeslot1", then=".st-key-openslot1")
        choose(org, "Runde til plenum", OVERALL)
        org.get_by_role("button", name="Vis i plenum").click()
        expect(screen.get_by_text(OVERALL_TEXT)).to_be_visible(timeout=FOLLOWS)
        shoot(screen, "03-plenum-overall-vision-projector")
        next_item(org, "Gruppedrøftelser: Runde 2")

        # 04 · Slot 2 opens: the politician, still chair of table 5, writes the focus area's
        # vision from the officials' three; the official chair the mission.
        press(org, ".st-key-openslot2", then=".st-key-closeslot2")
        expect(pol.get_by_text(f"Embedsværkets udfordringer – {AREA}")).to_be_visible(timeout=FOLLOWS)
        box = pol.locator(".st-key-startpoint")
        for text in CHOSEN:
            expect(box.get_by_text(text)).to_be_visible()
        expect(box.get_by_text(ADDED["chair"][1])).to_have_count(0)
        expect(pol.get_by_role("heading", name=FOCUS_VISION)).to_be_visible()
        assert pol.get_by_text(MISSION).count() == 0
        expect(pol.get_by_text("Du er bordformand", exact=False)).to_be_visible()
        write_table_draft(pol, ids[FOCUS_VISION], VISION, ("HVEM –", "GEOGRAFISK FOKUS –", "HVORNÅR –"))
        expect(pol.locator(f".st-key-round{ids[FOCUS_VISION]}").get_by_text("LIX", exact=False)).to_be_visible()
        pol.locator(".st-key-startpoint").scroll_into_view_if_needed()
        shoot(pol, "04-slot2-politician-phone")

        for page in (off, chair):
            expect(page.get_by_role("heading", name=MISSION)).to_be_visible(timeout=FOLLOWS)
            expect(page.get_by_text("Spørgsmålskort – runde 2")).to_be_visible()
            assert page.get_by_text(FOCUS_VISION).count() == 0
            # The mission starts from the politicians' round-1 visions of the plenum before the break.
            expect(page.locator(".st-key-missionstart").get_by_text(OVERALL_TEXT)).to_be_visible()
        expect(off.get_by_text("Kun bordformanden indsender bordets svar", exact=False)).to_be_visible()
        write_table_draft(chair, ids[MISSION], MISSION_TEXT, ("HVAD –", "HVORDAN –"))
        shoot(chair, "04-slot2-mission-chair-phone")
        # The three other politicians' tables write their focus areas' visions (one phone that
        # sits down at each in turn, as a table's chair).
        for table, (area, text) in OTHER_TABLES.items():
            join_at_table(guest, url, "Politiker", table)
            expect(guest.get_by_role("heading", name=FOCUS_VISION)).to_be_visible(timeout=FOLLOWS)
            expect(guest.get_by_text(area).first).to_be_visible()
            guest.get_by_role("button", name="Jeg er bordformand").click()
            expect(guest.get_by_text("Du er bordformand", exact=False)).to_be_visible()
            write_table_draft(guest, ids[FOCUS_VISION], text, ("HVAD –", "GEOGRAFISK FOKUS –", "HVORNÅR –"))
        # The organiser's list of the tables' drafts follows by itself, without a reload.
        expect(org.get_by_text("Forslag fra bordene (5)")).to_be_visible(timeout=FOLLOWS)
        expect(org.get_by_text(MISSION_TEXT).first).to_be_visible()
        shoot(screen, "04-slot2-projector")

        # 05 · The plenum: the round's visions on the big screen, grouped by focus area.
        choose(org, "Runde til plenum", FOCUS_VISION)
        org.get_by_role("button", name="Vis i plenum").click()
        heading = screen.locator("h1.vd-head")
        expect(heading).to_have_text(AREA, timeout=FOLLOWS)
        expect(screen.get_by_text(VISION)).to_be_visible()
        shoot(screen, "05-plenum-projector")
        shoot(org, "05-plenum-control")
        # Side by side: one focus area's visions at a time, the four areas in turn.
        org.locator("[class*='st-key-plenum_mode']").get_by_text("Side om side").click()
        expect(screen.get_by_text("Gruppe 1 af 4 i plenum", exact=False)).to_be_visible(timeout=FOLLOWS)
        for area, text in OTHER_TABLES.values():
            wait_for_app(org)
            org.locator(".st-key-plenum_next button").click()
            expect(heading).to_have_text(area, timeout=FOLLOWS)
            expect(screen.get_by_text(text)).to_be_visible()
        shoot(screen, "05-plenum-side-by-side-projector")

        # 06 · One action opens the vision test for these drafts; the politician scores.
        org.get_by_role("button", name="Åbn visionstesten for disse forslag").click()
        expect(heading).to_have_text("Visionstesten", timeout=FOLLOWS)
        sid = ids["Visionstesten"]
        # The hall scores exactly the plenum's drafts (table 5's vision), not the morning's examples.
        on_phone = pol.locator(f"[class*='st-key-draft{sid}_']")
        expect(on_phone).to_have_count(4, timeout=FOLLOWS)
        for text in [VISION] + [t for _a, t in OTHER_TABLES.values()]:
            expect(on_phone.filter(has_text=text)).to_have_count(1)
        expect(on_phone.filter(has_text=OVERALL_TEXT)).to_have_count(0)
        expect(pol.get_by_text("Eksempel fra oplægget", exact=False)).to_have_count(0)
        expect(org.get_by_text("Vurderer rundens egne 4 forslag", exact=False)).to_be_visible(timeout=FOLLOWS)
        # The hall holds the visions against the test. Three phones score two of the focus
        # areas' visions: enough for a result to show; the other two stay hidden as too few.
        employment = OTHER_TABLES[next(iter(OTHER_TABLES))][1]
        for page, score, other in ((pol, "4", "3"), (off, "5", "2"), (chair, "3", "4")):
            score_draft(page, sid, VISION, score)
            score_draft(page, sid, employment, other)
        shoot(pol, "06-vision-test-phone")
        shoot(screen, "06-vision-test-projector")

        # 07 · The organiser closes the vision test and shows its results on the big screen.
        press(org, f".st-key-close{sid}", then=f".st-key-open{sid}")
        press(org, f".st-key-rev{sid}", then=f".st-key-hide{sid}")
        expect(screen.get_by_text("Forslag efter gennemsnit", exact=False)).to_be_attached()
        expect(screen.get_by_text(VISION[:30], exact=False).first).to_be_visible()
        expect(screen.get_by_text("Forslag 1: for få svar", exact=False)).to_have_count(0)
        # Each focus area's visions under its own heading: table 5's with the mean of the three
        # phones' 4, 5 and 3, table 6's with 3, 2 and 4; the two scored by nobody are hidden.
        expect(screen.get_by_text("Nr. 1 · Forslag 1 · gns. 4,00", exact=False)).to_be_visible()
        expect(screen.get_by_text("Nr. 1 · Forslag 2 · gns. 3,00", exact=False)).to_be_visible()
        for n in (3, 4):
            expect(screen.get_by_text(f"Forslag {n} · for få svar", exact=False)).to_be_visible()
        expect(screen.get_by_text(f"pr. fokusområde, bedst først i hvert. {AREA}", exact=False)).to_be_attached()
        shoot(screen, "07-results-projector")
        # 08 · The day moves on to what comes after it; the waiting phones show it.
        next_item(org, "Den fremadrettede proces")
        expect(now_item(pol)).to_contain_text("Den fremadrettede proces", timeout=FOLLOWS)
        shoot(pol, "08-programme-phone")
    except Exception:
        # What each window showed, so a failure can be understood from the report alone.
        for ctx in contexts:
            for page in ctx.pages:
                print(f"--- {page.url} ---\n{page.inner_text('body', timeout=2_000)[-2500:]}")
        raise
    finally:
        for ctx in contexts:
            ctx.close()
