"""Before and after the day in Chromium: a body answers through its own link, and the
secretariat records an approval that then shows on the governance map and the timeline.

Also writes the screenshots consult-*.png and approvals-*.png.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import login, shots_dir, wait_until_settled
from testkit.server import SECRETARIAT, StreamlitServer

SHOTS = shots_dir()


@pytest.fixture(scope="module")
def consult_server(tmp_path_factory):
    """A server whose demo consultation (VISION20) is open for another week, with the
    bodies' links; three bodies have already answered."""
    from vision import consultation as cons
    from vision import events
    from vision.store import Store

    server = StreamlitServer(tmp_path_factory.mktemp("consult"))
    server.prepare()                      # runs `vision.manage init`, which seeds the demo consultation
    store = Store(server.db)
    c = cons.for_event(store, events.get_event(store, "VISION20").id)
    cons.set_deadline(store, "e2e", c, dt.date.today() + dt.timedelta(days=7))
    bodies = cons.bodies(store, c)
    topics = cons.topics(store, c)
    for b, text in zip(bodies[3:6], ("Egenmestring skal måles i hverdagen.", "Behold visionen, men gør den kortere.",
                                     "Fokus på overgangen fra barn til voksen.")):
        cons.save_answer(store, b.token, {topics[0].key: text, topics[1].key: "Kortere og mere konkret."}, send=True)
    tokens = {b.name: b.token for b in bodies}
    store.close()
    server.start()
    yield server, tokens
    server.stop()


def _shoot(page, name: str) -> None:
    size = page.viewport_size
    height = page.evaluate(
        "Math.max(...[...document.querySelectorAll('[data-testid=stMain], "
        "[data-testid=stAppViewContainer]')].map(e => e.scrollHeight), window.innerHeight)")
    page.set_viewport_size({"width": size["width"], "height": min(int(height), 4000)})
    wait_until_settled(page)
    page.screenshot(path=str(SHOTS / name))
    page.set_viewport_size(size)


def wait_for_app(page) -> None:
    """Wait until Streamlit has finished the script run (generous: the machine may be busy)."""
    page.wait_for_selector('[data-testid="stMain"] [data-testid="stElementContainer"] >> visible=true', timeout=90_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=90_000)


def _set_date(page, label: str, day: dt.date) -> None:
    """Type a date into a date field (its day, month and year segments take digits in turn)."""
    page.get_by_role("spinbutton", name=f"day, {label}").click()
    page.keyboard.type(day.strftime("%d%m%Y"))
    page.keyboard.press("Tab")


def _answer_box(page, n: int):
    return page.locator("[data-testid=stTextArea] textarea").nth(n)


def test_a_body_answers_through_its_link(consult_server, page_phone, browser):
    server, tokens = consult_server
    url = f"{server.url}/?h={tokens['Aalborg']}"
    page = page_phone
    page.set_default_timeout(60_000)
    page.goto(url)
    wait_for_app(page)
    page.get_by_text("Svar fra Aalborg").wait_for()
    _answer_box(page, 13).wait_for()
    assert page.locator("[data-testid=stTextArea] textarea").count() == 14

    # half an answer, saved as a draft, is there after a reload
    _answer_box(page, 0).fill("Vi ønsker et fælles fokus på egenmestring for voksne med handicap.")
    page.get_by_role("button", name="Gem kladde").click()
    page.get_by_text("Kladden er gemt").wait_for()
    page.reload()
    wait_for_app(page)
    page.get_by_text("I har en gemt kladde").wait_for()
    _answer_box(page, 13).wait_for()
    assert _answer_box(page, 0).input_value() == "Vi ønsker et fælles fokus på egenmestring for voksne med handicap."

    # send, then revise and send again
    _answer_box(page, 1).fill("Ordlyden kan forkortes, så den er til at huske.")
    page.get_by_role("button", name="Send svar").click()
    page.get_by_text("Svaret er sendt").first.wait_for()
    _shoot(page, "consult-answer-390x844.png")
    # revised on a fresh page, so the receipt waited for below is the second send's own
    page.reload()
    wait_for_app(page)
    _answer_box(page, 13).wait_for()
    _answer_box(page, 1).fill("Ordlyden skal forkortes; budskabet om egenmestring skal blive.")
    page.get_by_role("button", name="Send svar").click()
    page.get_by_text("Svaret er sendt").first.wait_for()
    page.reload()
    wait_for_app(page)
    _answer_box(page, 13).wait_for()
    assert _answer_box(page, 1).input_value() == "Ordlyden skal forkortes; budskabet om egenmestring skal blive."

    # the secretariat sees 4 of 12, reads the answers side by side, and closes the consultation
    ctx = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="da-DK")
    desk = ctx.new_page()
    desk.set_default_timeout(60_000)
    try:
        login(desk, server.url, SECRETARIAT)
        desk.goto(f"{server.url}/consultation?event=VISION20")
        wait_for_app(desk)
        desk.locator("[data-testid=stMetricValue]", has_text="4 af 12 har svaret").wait_for(state="attached")
        desk.wait_for_selector(".js-plotly-plot .main-svg", state="attached", timeout=90_000)
        wait_until_settled(desk)
        _shoot(desk, "consult-overview-1920x1080.png")
        desk.get_by_role("tab", name="Påmind").click()
        desk.get_by_text("Visionsdag sender ingen mails").wait_for()
        reminder = desk.locator("[data-testid=stCode]").inner_text()
        assert tokens["Brønderslev"] in reminder and tokens["Aalborg"] not in reminder
        _shoot(desk, "consult-remind-1920x1080.png")
        desk.get_by_role("tab", name="Svarene").click()
        desk.get_by_text("Pr. fokusområde").wait_for()
        wait_until_settled(desk)
        _shoot(desk, "consult-answers-1920x1080.png")

        desk.get_by_role("tab", name="Overblik").click()
        _set_date(desk, "Ret fristen", dt.date.today() - dt.timedelta(days=1))
        desk.get_by_role("button", name="Gem fristen").click()
        desk.get_by_text("Organerne kan ikke længere rette deres svar").wait_for()
    finally:
        ctx.close()

    # after the deadline the body's page is read-only, with its answer
    page.reload()
    wait_for_app(page)
    page.get_by_text("Svaret kan ikke længere ændres").wait_for()
    assert page.locator("[data-testid=stTextArea] textarea").count() == 0
    assert page.get_by_text("Ordlyden skal forkortes; budskabet om egenmestring skal blive.").is_visible()
    _shoot(page, "consult-locked-390x844.png")


def test_an_approval_shows_on_the_map_and_the_timeline(consult_server, page_desktop):
    server, _tokens = consult_server
    page = page_desktop
    page.set_default_timeout(60_000)
    login(page, server.url, SECRETARIAT)
    page.goto(f"{server.url}/process?process=midtjylland-aarshjul")
    wait_for_app(page)
    page.locator("[data-testid=stMarkdownContainer]", has_text="0 af 19 byråd har godkendt; frist 15. oktober").first.wait_for(
        state="attached")
    box = page.locator("[data-testid=stSelectbox]").filter(has_text="Organ")
    box.click()
    page.keyboard.type("Aarhus")
    page.get_by_role("option", name="Aarhus", exact=True).click()
    page.locator("[data-testid=stRadio] label").filter(has_text=re.compile(r"^Godkendt$")).click()
    _set_date(page, "Dato for beslutningen", dt.date.today() - dt.timedelta(days=3))
    page.get_by_label("Link eller henvisning til beslutningen").fill("https://aarhus.dk/byraadet/referat")
    page.get_by_role("button", name="Gem beslutningen").click()
    page.locator("[data-testid=stMarkdownContainer]", has_text="1 af 19 byråd har godkendt; frist 15. oktober").first.wait_for(
        state="attached")
    _shoot(page, "approvals-process-1920x1080.png")

    page.goto(f"{server.url}/governance?region=midtjylland")
    page.wait_for_selector(".js-plotly-plot .annotation-text", state="attached", timeout=90_000)
    page.locator("[data-testid=stCaptionContainer]", has_text="1 af 19 byråd har godkendt").wait_for(state="attached")
    wait_until_settled(page)
    expect(page.locator(".js-plotly-plot .annotation-text", has_text="1/19 godkendt")).to_have_count(1, timeout=30_000)
    _shoot(page, "approvals-map-1920x1080.png")

    page.goto(f"{server.url}/timeline?region=midtjylland&visning=storskaerm")
    wait_for_app(page)
    page.get_by_text("Tidslinje").first.wait_for()
    # the yearly wheel is the default view
    page.locator("[data-testid=stRadio] label").filter(has_text=re.compile(r"^Tidslinje$")).last.click()
    page.wait_for_selector(".js-plotly-plot .annotation-text", state="attached", timeout=90_000)
    page.locator("[data-testid=stCaptionContainer]", has_text="Godkendelse: 1 af 19 byråd har godkendt").wait_for(
        state="attached")
    wait_until_settled(page)
    expect(page.locator(".js-plotly-plot .annotation-text", has_text="1 af 19 byråd har godkendt")).to_have_count(1, timeout=30_000)
    _shoot(page, "approvals-timeline-1920x1080.png")
